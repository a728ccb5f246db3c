import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  ANNOTATION_IMPORT_SOURCE,
  ANNOTATION_MLFLOW_MODEL,
  ANNOTATION_MLFLOW_SERVER,
  IMPORT_NOTE_VALUE_MAX,
  ImportNote,
  MLModelEntity,
  MLModelSpec,
  MODELOPS_API_VERSION,
  validateModelOpsEntity,
} from '@modelops/plugin-modelops-common';
import { MlflowModelVersion, MlflowRegisteredModel } from './mlflowResponses';
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
}

/** An MLflow model as an entity, with what could not be mapped. */
export interface MlflowMapping {
  entity: MLModelEntity;
  notes: ImportNote[];
}

// Tags that name a spec field (beside the owner tags), and the field.
const TAG_FIELDS: Record<string, string> = {
  lifecycle: 'spec.lifecycle',
  type: 'spec.type',
  system: 'spec.system',
  business_owner: 'spec.businessOwner',
  framework: 'spec.framework',
  format: 'spec.format',
  license: 'spec.license',
  risk_tier: 'spec.risk.tier',
  description: 'metadata.description',
};

/** MLflow's own bookkeeping tags (`mlflow.*`) describe runs, not governance. */
function isSystemTag(key: string): boolean {
  return key.startsWith('mlflow.');
}

function noteValue(value: string): string {
  return value.length > IMPORT_NOTE_VALUE_MAX
    ? `${value.slice(0, IMPORT_NOTE_VALUE_MAX - 1)}…`
    : value;
}

/**
 * Turns an MLflow model name (which may hold dots, slashes, spaces or
 * upper case, e.g. Unity Catalog's catalog.schema.model) into a valid
 * entity name; the original stays in the annotation and the title.
 */
export function toEntityName(mlflowName: string): string {
  const name = mlflowName
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
  return name || 'unnamed-model';
}

function tagMap(tags: { key: string; value?: string }[] | undefined) {
  return new Map((tags ?? []).map(t => [t.key, t.value ?? '']));
}

function compareVersions(a: string, b: string): number {
  return Number(a) - Number(b) || a.localeCompare(b);
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
  spec.registry = {
    type: 'mlflow',
    name: model.name,
    ...(serving.alias ? { alias: serving.alias } : {}),
  };
  const riskTier = tag('risk_tier');
  if (riskTier) {
    spec.risk = { tier: riskTier };
  }

  const modelUrl = `${baseUrl.replace(
    /\/+$/,
    '',
  )}/#/models/${encodeURIComponent(model.name)}`;
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
  return { entity, notes: mappingNotes(entity, tags, ownerTags, defaults) };
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

/**
 * What the mapping could not carry: a missing owner, tag values the
 * MLModel schema refuses (named by their tag), and model tags that no
 * field takes.
 */
function mappingNotes(
  entity: MLModelEntity,
  tags: Map<string, string>,
  ownerTags: string[],
  defaults: MlflowEntityDefaults,
): ImportNote[] {
  const notes: ImportNote[] = [];
  const tagOfField = new Map(
    Object.entries(TAG_FIELDS).map(([key, field]) => [field, key]),
  );
  for (const problem of validateModelOpsEntity(entity)) {
    if (problem.path === 'spec.owner' && entity.spec.owner === undefined) {
      notes.push({
        field: `tags.${ownerTags[0]}`,
        reason: `no owner: none of the tags ${ownerTags.join(
          ', ',
        )} is set and no defaults.owner is configured, so spec.owner is missing and the catalog shows a processing error`,
      });
      continue;
    }
    const key = tagOfField.get(problem.path);
    const value = key === undefined ? undefined : tags.get(key);
    notes.push({
      field: key === undefined ? problem.path : `tags.${key}`,
      ...(value !== undefined ? { value: noteValue(value) } : {}),
      reason: `${problem.path}: ${problem.rule}`,
    });
  }
  const known = new Set([...Object.keys(TAG_FIELDS), ...ownerTags]);
  for (const [key, value] of tags) {
    if (known.has(key) || isSystemTag(key)) continue;
    notes.push({
      field: `tags.${key}`,
      value: noteValue(value),
      reason: 'no MLModel field takes this tag',
    });
  }
  // The defaults fill what tags leave open; they are configuration, not loss.
  void defaults;
  return notes;
}
