import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  ANNOTATION_MLFLOW_MODEL,
  ANNOTATION_MLFLOW_SERVER,
  MLModelEntity,
  MLModelSpec,
  MODELOPS_API_VERSION,
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
export function mlflowModelToEntity(input: MlflowModelInput): MLModelEntity {
  const { model, versions, defaults, serverId, baseUrl } = input;
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
    ['owner', tag('owner') ?? defaults.owner],
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
  return {
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
      },
      links: [{ url: modelUrl, title: 'MLflow model registry' }],
    },
    spec: spec as MLModelSpec,
  };
}
