import {
  ImportNote,
  MAX_REGISTRY_VERSIONS,
} from '@modelops/plugin-modelops-common';
import { noteValue } from '../importNotes/noteValue';

/*
 * Helpers every registry provider uses to turn what a registry records into
 * spec.registry (see registryRecordSchema in modelops-common), so MLflow
 * and Kubeflow keep times, versions and key-values the same way.
 */

/**
 * An int64 time in milliseconds since the epoch (a number from MLflow 2, a
 * string from protobuf JSON) as ISO 8601; undefined and a note when it is
 * not one.
 */
export function epochMillisToIso(
  value: number | string | undefined,
  field: string,
  notes: ImportNote[],
): string | undefined {
  if (value === undefined || value === '') return undefined;
  const millis = typeof value === 'number' ? value : Number(value);
  const date = Number.isFinite(millis) ? new Date(millis) : undefined;
  const year = date?.getUTCFullYear();
  if (
    !date ||
    year === undefined ||
    isNaN(year) ||
    year < 1970 ||
    year > 9999
  ) {
    notes.push({
      field,
      value: noteValue(String(value)),
      reason: 'not a time in milliseconds since the epoch; not kept',
    });
    return undefined;
  }
  return date.toISOString();
}

/**
 * Keeps the newest versions an entity holds (`MAX_REGISTRY_VERSIONS`) and
 * notes the versions left out, so a long history is cut visibly.
 */
export function keepNewestVersions<T extends { version: string }>(
  newestFirst: T[],
  field: string,
  notes: ImportNote[],
): T[] {
  if (newestFirst.length <= MAX_REGISTRY_VERSIONS) return newestFirst;
  const dropped = newestFirst.slice(MAX_REGISTRY_VERSIONS);
  notes.push({
    field,
    value: noteValue(dropped.map(v => v.version).join(', ')),
    reason: `${dropped.length} older versions not kept on the entity (it keeps the newest ${MAX_REGISTRY_VERSIONS})`,
  });
  return newestFirst.slice(0, MAX_REGISTRY_VERSIONS);
}

/** Numeric version strings by number, others by text. */
export function compareVersions(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a.localeCompare(b);
}

/** Drops undefined values, so entities carry no empty keys. */
export function definedOnly<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
