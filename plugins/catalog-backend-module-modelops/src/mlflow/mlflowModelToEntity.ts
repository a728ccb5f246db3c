import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  ANNOTATION_IMPORT_SOURCE,
  ANNOTATION_MLFLOW_MODEL,
  ANNOTATION_MLFLOW_SERVER,
  ImportNote,
  MLModelEntity,
  MLModelSpec,
  MODELOPS_API_VERSION,
} from '@modelops/plugin-modelops-common';
import { capNotes } from '../importNotes/noteValue';
import { compareVersions } from '../registries/registryRecords';
import { GOVERNANCE_KEYS, validationNotes } from '../registries/governanceKeys';
import { toEntityName } from '../registries/toEntityName';
import {
  mlflowLoggedModelRecords,
  mlflowVersionRecords,
} from './mlflowRegistryRecord';
import {
  MlflowLoggedModel,
  MlflowModelVersion,
  MlflowRegisteredModel,
} from './mlflowResponses';
import { MlflowEntityDefaults } from './types';

// Aliases are MLflow's replacement for the deprecated stages, so they win.
const ALIAS_LIFECYCLE: Record<string, string> = {
  champion: 'production',
  production: 'production',
  prod: 'production',
  challenger: 'staging',
  staging: 'staging',
  candidate: 'staging',
};
const ALIAS_PRIORITY = [
  'champion',
  'production',
  'prod',
  'challenger',
  'staging',
  'candidate',
];

/** The facts of one registered model the mapping reads. */
export interface MlflowModelInput {
  serverId: string;
  baseUrl: string;
  model: MlflowRegisteredModel;
  versions: MlflowModelVersion[];
  defaults: MlflowEntityDefaults;
  /** Tags naming the owner, first present wins; `['owner']` when not configured. */
  ownerTags?: string[];
  /** The server's logged models by id (MLflow 3); absent when not read. */
  loggedModels?: ReadonlyMap<string, MlflowLoggedModel>;
}

/** An MLflow model as an entity, with what could not be mapped. */
export interface MlflowMapping {
  entity: MLModelEntity;
  notes: ImportNote[];
}

function tagMap(tags: { key: string; value?: string }[] | undefined) {
  return new Map((tags ?? []).map(t => [t.key, t.value ?? '']));
}

/** Picks the serving alias, the version it points to and the lifecycle. */
function servingState(
  model: MlflowRegisteredModel,
  versions: MlflowModelVersion[],
): { alias?: string; version?: string; lifecycle?: string } {
  const aliasVersions = new Map<string, string>();
  for (const { alias, version } of model.aliases ?? []) {
    aliasVersions.set(alias.toLocaleLowerCase('en-US'), version);
  }
  for (const v of versions) {
    for (const alias of v.aliases ?? []) {
      aliasVersions.set(alias.toLocaleLowerCase('en-US'), v.version);
    }
  }
  for (const alias of ALIAS_PRIORITY) {
    const version = aliasVersions.get(alias);
    if (version !== undefined) {
      return { alias, version, lifecycle: ALIAS_LIFECYCLE[alias] };
    }
  }

  const all = [...versions, ...(model.latest_versions ?? [])].sort((a, b) =>
    compareVersions(b.version, a.version),
  );
  const inStage = (stage: string) =>
    all.find(v => v.current_stage?.toLocaleLowerCase('en-US') === stage);
  const production = inStage('production');
  if (production) {
    return { version: production.version, lifecycle: 'production' };
  }
  const staging = inStage('staging');
  if (staging) {
    return { version: staging.version, lifecycle: 'staging' };
  }
  const latest = all[0];
  if (
    latest &&
    all.every(v => v.current_stage?.toLocaleLowerCase('en-US') === 'archived')
  ) {
    return { version: latest.version, lifecycle: 'deprecated' };
  }
  return { version: latest?.version };
}

/**
 * Maps one MLflow registered model to an MLModel entity. Tags name the
 * governance fields (owner, lifecycle, risk_tier, type, system, framework,
 * business_owner, license, format, description); values are copied as
 * written so that a wrong one shows up as a processing error on the entity
 * instead of disappearing.
 */
export function mlflowModelToEntity(input: MlflowModelInput): MlflowMapping {
  const { model, versions, defaults, serverId, baseUrl } = input;
  const ownerTags = input.ownerTags?.length ? input.ownerTags : ['owner'];
  const ownVersions = versions.filter(v => v.name === model.name);
  const tags = tagMap(model.tags);
  const serving = servingState(model, ownVersions);
  const servingVersion = ownVersions.find(v => v.version === serving.version);
  const versionTags = tagMap(servingVersion?.tags);
  const tag = (key: string) =>
    tags.get(key) || versionTags.get(key) || undefined;

  // An explicit lifecycle tag is a person's statement and beats the
  // registry state; the alias or stage beats the configured default.
  const spec: Record<string, unknown> = {
    lifecycle:
      tag('lifecycle') ??
      serving.lifecycle ??
      defaults.lifecycle ??
      'experimental',
  };
  const optional: [keyof MLModelSpec, string | undefined][] = [
    ['owner', ownerTags.map(tag).find(Boolean) ?? defaults.owner],
    ['type', tag('type')],
    ['system', tag('system') ?? defaults.system],
    ['businessOwner', tag('business_owner')],
    ['framework', tag('framework')],
    ['format', tag('format')],
    ['license', tag('license')],
    ['version', serving.version],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined) {
      spec[key] = value;
    }
  }
  const riskTier = tag('risk_tier');
  if (riskTier) {
    spec.risk = { tier: riskTier };
  }

  const modelUrl = `${baseUrl.replace(
    /\/+$/,
    '',
  )}/#/models/${encodeURIComponent(model.name)}`;
  const recordNotes: ImportNote[] = [];
  const versionRecords = mlflowVersionRecords(model, ownVersions, recordNotes);
  const loggedModelRecords = input.loggedModels
    ? mlflowLoggedModelRecords(
        model,
        versionRecords,
        input.loggedModels,
        recordNotes,
      )
    : [];
  // Model tags that name no field stay on the entity as the registry has them.
  const taken = new Set([...Object.keys(GOVERNANCE_KEYS), ...ownerTags]);
  const otherTags = [...tags].filter(([key]) => !taken.has(key));
  spec.registry = {
    type: 'mlflow',
    name: model.name,
    ...(serving.alias ? { alias: serving.alias } : {}),
    url: modelUrl,
    ...(otherTags.length ? { tags: Object.fromEntries(otherTags) } : {}),
    ...(versionRecords.length ? { versions: versionRecords } : {}),
    ...(loggedModelRecords.length ? { loggedModels: loggedModelRecords } : {}),
  };
  const description = tag('description') ?? (model.description || undefined);
  // Every alias keeps a link to the version it points to, so none is lost
  // beside the one spec.registry.alias names.
  const aliasLinks = [...aliasesOf(model, ownVersions)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([alias, version]) => ({
      url: `${modelUrl}/versions/${encodeURIComponent(version)}`,
      title: `MLflow version ${version} (alias ${alias})`,
    }));
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
        [ANNOTATION_MLFLOW_MODEL]: model.name,
        [ANNOTATION_MLFLOW_SERVER]: serverId,
        [ANNOTATION_IMPORT_SOURCE]: `MlflowEntityProvider:${serverId}`,
      },
      links: [{ url: modelUrl, title: 'MLflow model registry' }, ...aliasLinks],
    },
    spec: spec as MLModelSpec,
  };
  return {
    entity,
    notes: capNotes([
      ...validationNotes(entity, {
        keyPrefix: 'tags',
        values: tags,
        ownerKeys: ownerTags,
      }),
      ...recordNotes,
    ]),
  };
}

function aliasesOf(
  model: MlflowRegisteredModel,
  versions: MlflowModelVersion[],
): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const { alias, version } of model.aliases ?? []) {
    aliases.set(alias, version);
  }
  for (const v of versions) {
    for (const alias of v.aliases ?? []) {
      aliases.set(alias, v.version);
    }
  }
  return aliases;
}
