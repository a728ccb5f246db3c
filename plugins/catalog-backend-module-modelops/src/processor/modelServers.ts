import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  AI_MODEL_SERVER_API_KIND,
  AI_MODEL_SERVER_TYPE,
  ANNOTATION_SERVED_MODEL,
  MLMODEL_KIND,
  MODEL_SERVER_COMPONENT_TYPE,
} from '@modelops/plugin-modelops-common';

/*
 * Model servers as Red Hat Developer Hub's AI catalog models them:
 * `AiModelServerAPI` entities (its catalog-model-ai-model-server package,
 * `spec.type: ai-model-server`), `API` entities of `spec.type:
 * ai-model-server` (the upstream proposal that kind mirrors) and the
 * `Component`s of `spec.type: model-server` its model catalog bridge emits.
 */

const AI_MODEL_SERVER_API_VERSIONS = [
  'backstage.io/v1alpha1',
  'backstage.io/v1beta1',
];

/** Whether the entity is a Red Hat Developer Hub `AiModelServerAPI`. */
export function isAiModelServerApiEntity(entity: Entity): boolean {
  return entity.kind === AI_MODEL_SERVER_API_KIND;
}

function isModelServer(entity: Entity): boolean {
  const type = entity.spec?.type;
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return (
    isAiModelServerApiEntity(entity) ||
    (kind === 'api' && type === AI_MODEL_SERVER_TYPE) ||
    (kind === 'component' && type === MODEL_SERVER_COMPONENT_TYPE)
  );
}

/**
 * What makes an `AiModelServerAPI` invalid under its published schema
 * (required type, lifecycle, owner, serverType and serverUrl), one problem
 * per line naming the field; undefined when valid.
 */
export function aiModelServerProblems(entity: Entity): string | undefined {
  const problems: string[] = [];
  if (!AI_MODEL_SERVER_API_VERSIONS.includes(entity.apiVersion)) {
    problems.push(
      `apiVersion: expected one of ${AI_MODEL_SERVER_API_VERSIONS.join(
        ', ',
      )}; got ${JSON.stringify(entity.apiVersion)}`,
    );
  }
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  if (spec.type !== AI_MODEL_SERVER_TYPE) {
    problems.push(
      `spec.type: expected "${AI_MODEL_SERVER_TYPE}"; got ${JSON.stringify(
        spec.type,
      )}`,
    );
  }
  for (const field of ['lifecycle', 'owner', 'serverType', 'serverUrl']) {
    const value = spec[field];
    if (typeof value !== 'string' || value.length === 0) {
      problems.push(
        `spec.${field}: required, expected a non-empty string; got ${
          value === undefined ? 'nothing' : JSON.stringify(value)
        }`,
      );
    }
  }
  const models = spec.models as Record<string, unknown> | undefined;
  if (
    models?.available !== undefined &&
    !(
      Array.isArray(models.available) &&
      models.available.every(m => typeof m === 'string' && m.length > 0)
    )
  ) {
    problems.push(
      'spec.models.available: expected a list of non-empty strings',
    );
  }
  if (problems.length === 0) return undefined;
  return `${AI_MODEL_SERVER_API_KIND} ${
    entity.metadata.name
  } does not match its schema:\n${problems.join('\n')}`;
}

function modelRef(
  value: unknown,
  namespace: string,
  explicitOnly: boolean,
): CompoundEntityRef | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (explicitOnly && !text.toLocaleLowerCase('en-US').startsWith('mlmodel:')) {
    return undefined;
  }
  try {
    const ref = parseEntityRef(text, {
      defaultKind: MLMODEL_KIND,
      defaultNamespace: namespace,
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'mlmodel' ? ref : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The MLModels a model server names: its `modelops.dev/model` annotation
 * (comma-separated refs, short ones taken as MLModels), and the MLModel
 * refs among a Component's `spec.dependsOn` and an ai-model-server's
 * `spec.models.available` (only entries written `mlmodel:...`, since that
 * list otherwise holds the server's own model identifiers). Empty for other
 * entities.
 */
export function servedModels(entity: Entity): {
  models: CompoundEntityRef[];
  /** Annotation entries that name no MLModel, for a processing error. */
  problems: string[];
} {
  if (!isModelServer(entity)) return { models: [], problems: [] };
  const namespace = entity.metadata.namespace ?? 'default';
  const refs: (CompoundEntityRef | undefined)[] = [];
  const problems: string[] = [];
  const annotation = entity.metadata.annotations?.[ANNOTATION_SERVED_MODEL];
  for (const value of annotation?.split(',') ?? []) {
    if (!value.trim()) continue;
    const ref = modelRef(value, namespace, false);
    if (!ref) {
      problems.push(
        `metadata.annotations.${ANNOTATION_SERVED_MODEL}: expected MLModel entity refs; got ${JSON.stringify(
          value.trim(),
        )}`,
      );
    }
    refs.push(ref);
  }
  const listed =
    entity.kind.toLocaleLowerCase('en-US') === 'component'
      ? entity.spec?.dependsOn
      : (entity.spec?.models as { available?: unknown } | undefined)?.available;
  for (const value of Array.isArray(listed) ? listed : []) {
    refs.push(modelRef(value, namespace, true));
  }
  const unique = new Map<string, CompoundEntityRef>();
  for (const ref of refs) {
    if (ref) {
      unique.set(
        `${ref.kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US'),
        ref,
      );
    }
  }
  return { models: [...unique.values()], problems };
}
