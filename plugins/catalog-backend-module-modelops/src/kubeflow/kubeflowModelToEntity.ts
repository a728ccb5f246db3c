import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  ANNOTATION_IMPORT_SOURCE,
  ANNOTATION_KSERVE_INFERENCE_SERVICE,
  ANNOTATION_KUBEFLOW_MODEL,
  ANNOTATION_KUBEFLOW_REGISTRY,
  ImportNote,
  MLModelEntity,
  mlModelSpecSchema,
  MLModelSpec,
  MODELOPS_API_VERSION,
} from '@modelops/plugin-modelops-common';
import { capNotes, noteValue } from '../importNotes/noteValue';
import { GOVERNANCE_KEYS, validationNotes } from '../registries/governanceKeys';
import {
  definedOnly,
  epochMillisToIso,
  keepNewestVersions,
} from '../registries/registryRecords';
import { toEntityName } from '../registries/toEntityName';
import {
  KubeflowArtifact,
  KubeflowInferenceService,
  KubeflowMetadataValue,
  KubeflowModelVersion,
  KubeflowRegisteredModel,
  KubeflowServingEnvironment,
} from './kubeflowResponses';
import { KUBEFLOW_API_PATH } from './KubeflowRestClient';
import { KubeflowProviderConfig } from './types';

type RegistryRecord = NonNullable<MLModelSpec['registry']>;
type Scalar = string | number | boolean;

/** What the mapping of one registered model reads. */
export interface KubeflowModelInput {
  config: Pick<
    KubeflowProviderConfig,
    | 'id'
    | 'baseUrl'
    | 'defaults'
    | 'ownerProperties'
    | 'cluster'
    | 'servingEntity'
  >;
  model: KubeflowRegisteredModel;
  /** The model's versions. */
  versions: KubeflowModelVersion[];
  /** Model artifacts by model version id. */
  artifacts: ReadonlyMap<string, KubeflowArtifact[]>;
  /** The inference services recorded for the model. */
  inferenceServices: KubeflowInferenceService[];
  servingEnvironments: ReadonlyMap<string, KubeflowServingEnvironment>;
}

// RegisteredModel fields (BaseModel, for catalog-sourced models) that no
// MLModel field takes; each one set becomes a note.
const UNMAPPED_MODEL_FIELDS = [
  'readme',
  'maturity',
  'language',
  'tasks',
  'provider',
  'logo',
  'licenseLink',
] as const;

/**
 * A custom property as a plain value: strings, numbers (int_value arrives
 * as a string) and booleans are kept; struct and proto values are opaque
 * bytes, so they become a note instead.
 */
function propertyValue(
  value: KubeflowMetadataValue,
  field: string,
  notes: ImportNote[],
): Scalar | undefined {
  switch (value.metadataType) {
    case 'MetadataStringValue':
      if (typeof value.string_value === 'string') return value.string_value;
      break;
    case 'MetadataIntValue':
    case 'MetadataDoubleValue': {
      const raw =
        value.metadataType === 'MetadataIntValue'
          ? value.int_value
          : value.double_value;
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (raw !== undefined && raw !== '' && Number.isFinite(n)) return n;
      break;
    }
    case 'MetadataBoolValue':
      if (typeof value.bool_value === 'boolean') return value.bool_value;
      break;
    case 'MetadataStructValue':
    case 'MetadataProtoValue':
      notes.push({
        field,
        value: noteValue(value.struct_value ?? value.proto_value ?? ''),
        reason: `${value.metadataType} holds encoded bytes, which no MLModel field takes; not kept`,
      });
      return undefined;
    default:
      notes.push({
        field,
        value: noteValue(value),
        reason: `unknown metadataType ${JSON.stringify(
          value.metadataType,
        )}; not kept`,
      });
      return undefined;
  }
  notes.push({
    field,
    value: noteValue(value),
    reason: `not a valid ${value.metadataType}; not kept`,
  });
  return undefined;
}

function propertyRecord(
  properties: Record<string, KubeflowMetadataValue> | undefined,
  field: string,
  notes: ImportNote[],
): Map<string, Scalar> {
  const record = new Map<string, Scalar>();
  for (const [key, value] of Object.entries(properties ?? {})) {
    const plain = propertyValue(value, `${field}.${key}`, notes);
    if (plain !== undefined) record.set(key, plain);
  }
  return record;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value ? value : undefined;
}

function recordOf(
  map: Map<string, Scalar>,
): Record<string, Scalar> | undefined {
  return map.size ? Object.fromEntries(map) : undefined;
}

/** Newest first: by creation time, then by id (both int64 as text). */
function newestFirst(a: KubeflowModelVersion, b: KubeflowModelVersion): number {
  const time =
    Number(b.createTimeSinceEpoch ?? 0) - Number(a.createTimeSinceEpoch ?? 0);
  return time || Number(b.id) - Number(a.id);
}

/**
 * The registry's `owner` as an entity ref: a ref with a kind as written, a
 * bare name as a user (the registry records the person who registered the
 * model); undefined when it is no entity reference (an e-mail address).
 */
function ownerFromRegistry(owner: string | undefined): string | undefined {
  if (!owner) return undefined;
  if (!mlModelSpecSchema.shape.owner.safeParse(owner).success) return undefined;
  return owner.includes(':') ? owner : `user:${owner}`;
}

/**
 * Maps one Kubeflow registered model to an MLModel entity: its versions
 * with their model artifacts, owner, state, custom properties and the
 * inference services the registry records, linked to the KServe
 * observations of the configured cluster and to their serving entities.
 * Values are copied as written, so that a wrong one shows as a processing
 * error on the entity instead of disappearing.
 */
export function kubeflowModelToEntity(input: KubeflowModelInput): {
  entity: MLModelEntity;
  notes: ImportNote[];
} {
  const { config, model, artifacts, servingEnvironments } = input;
  const notes: ImportNote[] = [];
  const properties = propertyRecord(
    model.customProperties,
    'customProperties',
    notes,
  );
  const prop = (key: string) => {
    const value = properties.get(key);
    return value === undefined || value === '' ? undefined : String(value);
  };

  const registryOwner = ownerFromRegistry(model.owner);
  if (model.owner && !registryOwner && config.defaults.owner) {
    notes.push({
      field: 'owner',
      value: noteValue(model.owner),
      reason: `not an entity reference; defaults.owner ${config.defaults.owner} is used`,
    });
  }
  const owner =
    config.ownerProperties.map(prop).find(Boolean) ??
    registryOwner ??
    config.defaults.owner ??
    nonEmpty(model.owner);

  const versions = [...input.versions].sort(newestFirst);
  const versionName = new Map(versions.map(v => [v.id, v.name]));
  const services = input.inferenceServices.map(isvc => {
    const field = `inference_services[${isvc.id}]`;
    const environment = servingEnvironments.get(isvc.servingEnvironmentId);
    if (!environment) {
      notes.push({
        field: `${field}.servingEnvironmentId`,
        value: isvc.servingEnvironmentId,
        reason: 'no serving environment with this id; its namespace is unknown',
      });
    }
    const version = isvc.modelVersionId
      ? versionName.get(isvc.modelVersionId)
      : undefined;
    if (isvc.modelVersionId && !version) {
      notes.push({
        field: `${field}.modelVersionId`,
        value: isvc.modelVersionId,
        reason: 'no version of this model has this id',
      });
    }
    return definedOnly({
      // KServe's controller names the record <InferenceService>/<uid>.
      name: isvc.name.split('/')[0] || isvc.name,
      namespace: nonEmpty(environment?.name),
      version,
      runtime: nonEmpty(isvc.runtime),
      desiredState: nonEmpty(isvc.desiredState),
    });
  });
  const deployed = services.filter(
    s => (s.desiredState ?? 'DEPLOYED') === 'DEPLOYED' && s.namespace,
  );

  const versionRecords = keepNewestVersions(
    versions.map(v => {
      const field = `model_versions[${v.id}]`;
      const tags = propertyRecord(
        v.customProperties,
        `${field}.customProperties`,
        notes,
      );
      const versionArtifacts = (artifacts.get(v.id) ?? []).map(a =>
        definedOnly({
          name: nonEmpty(a.name),
          uri: nonEmpty(a.uri),
          format: nonEmpty(a.modelFormatName),
          formatVersion: nonEmpty(a.modelFormatVersion),
          state: nonEmpty(a.state),
          tags: recordOf(
            propertyRecord(
              a.customProperties,
              `${field}.artifacts[${a.id}].customProperties`,
              notes,
            ),
          ),
        }),
      );
      return definedOnly({
        version: v.name,
        status: nonEmpty(v.state),
        createdBy: nonEmpty(v.author),
        createdAt: epochMillisToIso(
          v.createTimeSinceEpoch,
          `${field}.createTimeSinceEpoch`,
          notes,
        ),
        updatedAt: epochMillisToIso(
          v.lastUpdateTimeSinceEpoch,
          `${field}.lastUpdateTimeSinceEpoch`,
          notes,
        ),
        description: nonEmpty(v.description),
        tags: recordOf(tags),
        artifacts: versionArtifacts.length ? versionArtifacts : undefined,
      });
    }),
    'model_versions',
    notes,
  );

  // The version a deployed service serves, else the newest live one.
  const servedVersion = deployed.find(s => s.version)?.version;
  const currentVersion =
    servedVersion ??
    versions.find(v => (v.state ?? 'LIVE') === 'LIVE')?.name ??
    versions[0]?.name;

  const spec: Record<string, unknown> = {
    lifecycle:
      prop('lifecycle') ??
      (model.state === 'ARCHIVED' ? 'retired' : undefined) ??
      config.defaults.lifecycle ??
      'experimental',
  };
  const optional: [keyof MLModelSpec, string | undefined][] = [
    ['owner', owner],
    ['type', prop('type')],
    ['system', prop('system') ?? config.defaults.system],
    ['businessOwner', prop('business_owner')],
    ['framework', prop('framework') ?? nonEmpty(model.libraryName)],
    ['format', prop('format')],
    ['license', prop('license') ?? nonEmpty(model.license)],
    ['version', currentVersion],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined) spec[key] = value;
  }
  const taken = new Set([
    ...Object.keys(GOVERNANCE_KEYS),
    ...config.ownerProperties,
  ]);
  const otherProperties = new Map(
    [...properties].filter(([key]) => !taken.has(key)),
  );
  const registry: RegistryRecord = {
    type: 'kubeflow',
    name: model.name,
    ...(otherProperties.size
      ? { tags: Object.fromEntries(otherProperties) }
      : {}),
    ...(versionRecords.length ? { versions: versionRecords } : {}),
    ...(services.length ? { inferenceServices: services } : {}),
  };
  spec.registry = registry;
  const riskTier = prop('risk_tier');
  if (riskTier) spec.risk = { tier: riskTier };
  if (config.servingEntity && deployed.length) {
    spec.deployment = {
      servedBy: [
        ...new Set(
          deployed.map(s =>
            config
              .servingEntity!.replace(/\{namespace\}/g, s.namespace!)
              .replace(/\{name\}/g, s.name),
          ),
        ),
      ].sort(),
    };
  }

  for (const key of UNMAPPED_MODEL_FIELDS) {
    const value = model[key];
    if (
      value === undefined ||
      value === '' ||
      (Array.isArray(value) && !value.length)
    ) {
      continue;
    }
    notes.push({
      field: key,
      value: noteValue(Array.isArray(value) ? value.join(', ') : value),
      reason: 'no MLModel field takes this',
    });
  }

  const annotations: Record<string, string> = {};
  if (deployed.length && config.cluster) {
    // The KServe observer's key of an InferenceService.
    annotations[ANNOTATION_KSERVE_INFERENCE_SERVICE] = [
      ...new Set(
        deployed.map(s => `${config.cluster}/${s.namespace}/${s.name}`),
      ),
    ]
      .sort()
      .join(',');
  } else if (deployed.length) {
    notes.push({
      field: 'inference_services',
      value: noteValue(
        deployed.map(s => `${s.namespace}/${s.name}`).join(', '),
      ),
      reason:
        'no cluster configured for this registry, so the deployed inference services are not linked to what KServe observes',
    });
  }

  const modelUrl = `${config.baseUrl.replace(
    /\/+$/,
    '',
  )}${KUBEFLOW_API_PATH}/registered_models/${encodeURIComponent(model.id)}`;
  const description = prop('description') ?? nonEmpty(model.description);
  const entity: MLModelEntity = {
    apiVersion: MODELOPS_API_VERSION,
    kind: 'MLModel',
    metadata: {
      name: toEntityName(model.name),
      title: model.name,
      ...(description ? { description } : {}),
      annotations: {
        [ANNOTATION_LOCATION]: `url:${modelUrl}`,
        [ANNOTATION_ORIGIN_LOCATION]: `url:${modelUrl}`,
        [ANNOTATION_KUBEFLOW_MODEL]: model.id,
        [ANNOTATION_KUBEFLOW_REGISTRY]: config.id,
        [ANNOTATION_IMPORT_SOURCE]: `KubeflowEntityProvider:${config.id}`,
        ...annotations,
      },
    },
    spec: spec as MLModelSpec,
  };
  const textProperties = new Map(
    [...properties].map(([key, value]) => [key, String(value)]),
  );
  const problems = validationNotes(entity, {
    keyPrefix: 'customProperties',
    values: textProperties,
    ownerKeys: config.ownerProperties,
  }).map(note =>
    // An owner read from the registry's own field is named by that field.
    note.field === 'spec.owner' && owner === model.owner
      ? {
          field: 'owner',
          value: noteValue(model.owner ?? ''),
          reason: note.reason,
        }
      : note,
  );
  return { entity, notes: capNotes([...problems, ...notes]) };
}
