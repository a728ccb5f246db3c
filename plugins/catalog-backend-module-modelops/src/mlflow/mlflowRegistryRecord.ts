import {
  ImportNote,
  MAX_REGISTRY_LOGGED_MODELS,
  MLModelSpec,
} from '@modelops/plugin-modelops-common';
import { noteValue } from '../importNotes/noteValue';
import {
  compareVersions,
  definedOnly,
  epochMillisToIso,
  keepNewestVersions,
} from '../registries/registryRecords';
import {
  MlflowLoggedModel,
  MlflowModelVersion,
  MlflowRegisteredModel,
} from './mlflowResponses';

type RegistryRecord = NonNullable<MLModelSpec['registry']>;
type VersionRecord = NonNullable<RegistryRecord['versions']>[number];
type LoggedModelRecord = NonNullable<RegistryRecord['loggedModels']>[number];

function tagRecord(
  tags: { key: string; value?: string }[] | undefined,
): Record<string, string> | undefined {
  if (!tags?.length) return undefined;
  return Object.fromEntries(tags.map(t => [t.key, t.value ?? '']));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value ? value : undefined;
}

/**
 * Every version of a registered model as spec.registry.versions, newest
 * first: number, status, deprecated stage, aliases, run, source, logged
 * model, who registered it, times, description and tags.
 */
export function mlflowVersionRecords(
  model: MlflowRegisteredModel,
  versions: MlflowModelVersion[],
  notes: ImportNote[],
): VersionRecord[] {
  // model-versions/search holds every version; latest_versions (MLflow 2)
  // fills in when a single-model read returned none.
  const byNumber = new Map<string, MlflowModelVersion>();
  for (const v of [...(model.latest_versions ?? []), ...versions]) {
    byNumber.set(v.version, { ...byNumber.get(v.version), ...v });
  }
  const aliases = new Map<string, string[]>();
  const addAlias = (version: string, alias: string) => {
    const list = aliases.get(version) ?? [];
    if (!list.includes(alias)) list.push(alias);
    aliases.set(version, list);
  };
  for (const { alias, version } of model.aliases ?? [])
    addAlias(version, alias);
  for (const v of byNumber.values()) {
    for (const alias of v.aliases ?? []) addAlias(v.version, alias);
  }
  const newestFirst = [...byNumber.values()].sort((a, b) =>
    compareVersions(b.version, a.version),
  );
  return keepNewestVersions(newestFirst, 'model-versions', notes).map(v => {
    const field = `model-versions[${v.version}]`;
    const stage = v.current_stage;
    return definedOnly({
      version: v.version,
      status: nonEmpty(v.status),
      stage:
        stage && stage.toLocaleLowerCase('en-US') !== 'none'
          ? stage
          : undefined,
      aliases: aliases.get(v.version)?.sort(),
      runId: nonEmpty(v.run_id),
      source: nonEmpty(v.source),
      modelId: nonEmpty(v.model_id),
      createdBy: nonEmpty(v.user_id),
      createdAt: epochMillisToIso(
        v.creation_timestamp,
        `${field}.creation_timestamp`,
        notes,
      ),
      updatedAt: epochMillisToIso(
        v.last_updated_timestamp,
        `${field}.last_updated_timestamp`,
        notes,
      ),
      description: nonEmpty(v.description),
      tags: tagRecord(v.tags),
    });
  });
}

function metricValue(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The MLflow 3 logged models the versions were registered from (their
 * `model_id`), or that name this model in their registrations. A version
 * whose logged model the server did not return gets a note.
 */
export function mlflowLoggedModelRecords(
  model: MlflowRegisteredModel,
  versions: VersionRecord[],
  loggedModels: ReadonlyMap<string, MlflowLoggedModel>,
  notes: ImportNote[],
): LoggedModelRecord[] {
  const ids = new Set<string>();
  for (const v of versions) {
    if (!v.modelId) continue;
    if (loggedModels.has(v.modelId)) {
      ids.add(v.modelId);
    } else {
      notes.push({
        field: `model-versions[${v.version}].model_id`,
        value: noteValue(v.modelId),
        reason:
          'the logged model of this version is in no experiment the server listed; its details are not kept',
      });
    }
  }
  for (const [id, logged] of loggedModels) {
    if (logged.info.registrations?.some(r => r.name === model.name)) {
      ids.add(id);
    }
  }
  const records = [...ids].map(id => {
    const { info, data } = loggedModels.get(id)!;
    const field = `logged-models[${id}]`;
    const metrics = (data?.metrics ?? []).flatMap(m => {
      const value = metricValue(m.value);
      if (value === undefined) {
        notes.push({
          field: `${field}.metrics.${m.key}`,
          value: noteValue(String(m.value)),
          reason: 'not a number; not kept',
        });
        return [];
      }
      return [
        definedOnly({
          key: m.key,
          value,
          dataset: nonEmpty(m.dataset_name),
          step: metricValue(m.step),
        }),
      ];
    });
    const params = data?.params?.length
      ? Object.fromEntries(data.params.map(p => [p.key, p.value ?? '']))
      : undefined;
    return definedOnly({
      modelId: id,
      name: nonEmpty(info.name),
      experimentId: nonEmpty(info.experiment_id),
      status: nonEmpty(info.status),
      runId: nonEmpty(info.source_run_id),
      artifactUri: nonEmpty(info.artifact_uri),
      modelType: nonEmpty(info.model_type),
      createdAt: epochMillisToIso(
        info.creation_timestamp_ms,
        `${field}.creation_timestamp_ms`,
        notes,
      ),
      updatedAt: epochMillisToIso(
        info.last_updated_timestamp_ms,
        `${field}.last_updated_timestamp_ms`,
        notes,
      ),
      tags: tagRecord(info.tags),
      params,
      metrics: metrics.length ? metrics : undefined,
    });
  });
  if (records.length > MAX_REGISTRY_LOGGED_MODELS) {
    const dropped = records.slice(MAX_REGISTRY_LOGGED_MODELS);
    notes.push({
      field: 'logged-models',
      value: noteValue(dropped.map(r => r.modelId).join(', ')),
      reason: `${dropped.length} logged models not kept on the entity (it keeps ${MAX_REGISTRY_LOGGED_MODELS})`,
    });
    return records.slice(0, MAX_REGISTRY_LOGGED_MODELS);
  }
  return records;
}
