import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MODELOPS_LIFECYCLES,
  RISK_TIERS,
  type PackLevel,
} from '@modelops/plugin-modelops-common';
import { PACK_LEVELS } from '../common/modelLevel';
import { normalizeRef } from '../common/useViewer';

/** The entity fields the list reads; only these are fetched. */
export const MODEL_LIST_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'spec.owner',
  'spec.lifecycle',
  'spec.type',
  'spec.system',
  'spec.risk.tier',
  'spec.intendedUse',
];

/** One model as the list filters, searches and sorts it. */
export interface ModelRow {
  entity: Entity;
  /** The model's ref as the ModelOps APIs take it. */
  entityRef: string;
  title: string;
  description?: string;
  tags: string[];
  /** Full, lower-case refs. */
  owner?: string;
  system?: string;
  lifecycle?: string;
  riskTier?: string;
  type?: string;
  /** Primary uses and users of `spec.intendedUse`. */
  intendedUse: string[];
}

/** A model's scorecard level as the list knows it. */
export type LevelState = PackLevel | 'not-evaluated' | 'unavailable';

/** Values the list adds to the catalog's: display names, levels, cost. */
export interface ModelRowExtras {
  /** Display names by full, lower-case ref (owners and systems). */
  titles: Map<string, string>;
  /** Level by entity ref; absent while it is being read. */
  levels: Map<string, LevelState>;
  /** Last month's cost by lower-case entity ref, of the models it is known for. */
  costs?: Map<string, number>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function texts(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** Reads the fields the list uses from a model entity. */
export function toModelRow(entity: Entity): ModelRow {
  const spec = (entity.spec ?? {}) as Record<string, any>;
  const owner = text(spec.owner);
  const system = text(spec.system);
  return {
    entity,
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    description: entity.metadata.description,
    tags: texts(entity.metadata.tags),
    owner: owner ? normalizeRef(owner, 'group') : undefined,
    system: system ? normalizeRef(system, 'system') : undefined,
    lifecycle: text(spec.lifecycle),
    riskTier: text(spec.risk?.tier),
    type: text(spec.type),
    intendedUse: [
      ...texts(spec.intendedUse?.primaryUses),
      ...texts(spec.intendedUse?.primaryUsers),
    ],
  };
}

/** The facets the list filters on, in the order the filters are shown. */
export const MODEL_FACETS = [
  { key: 'owner', label: 'Owner', values: (r: ModelRow) => [r.owner] },
  {
    key: 'lifecycle',
    label: 'Lifecycle',
    values: (r: ModelRow) => [r.lifecycle],
  },
  { key: 'risk', label: 'Risk tier', values: (r: ModelRow) => [r.riskTier] },
  { key: 'type', label: 'Type', values: (r: ModelRow) => [r.type] },
  { key: 'system', label: 'System', values: (r: ModelRow) => [r.system] },
  { key: 'tag', label: 'Tags', values: (r: ModelRow) => r.tags },
] as const;

/** The key of a facet; also its URL parameter. */
export type FacetKey = (typeof MODEL_FACETS)[number]['key'];

/** The facets whose values are entity refs, shown by display name. */
export const REF_FACETS: ReadonlySet<FacetKey> = new Set(['owner', 'system']);

/** The columns the list sorts by; also the values of the `sort` parameter. */
export const SORT_KEYS = [
  'name',
  'owner',
  'lifecycle',
  'risk',
  'level',
  'cost',
] as const;

/** A column the list sorts by. */
export type SortKey = (typeof SORT_KEYS)[number];

/** What the list shows: search, facet values, order. */
export interface ModelFilter {
  term: string;
  /** Selected values per facet; values of one facet are alternatives. */
  selection: Partial<Record<FacetKey, string[]>>;
}

function facetValues(row: ModelRow, key: FacetKey): string[] {
  const facet = MODEL_FACETS.find(f => f.key === key)!;
  return facet.values(row).filter((v): v is string => v !== undefined);
}

/**
 * The words of a search, lower case. Every word must be found, in any
 * field: "risk ml llm" finds Risk ML's models tagged llm.
 */
export function searchWords(term: string): string[] {
  return term.toLocaleLowerCase('en-US').split(/\s+/).filter(Boolean);
}

/**
 * The text a search looks in: name, title, description, tags, owner (ref
 * and display name), system and intended use, lower case.
 */
export function searchText(row: ModelRow, titles: Map<string, string>): string {
  return [
    row.entity.metadata.name,
    row.title,
    row.description,
    ...row.tags,
    row.owner,
    row.owner && titles.get(row.owner),
    row.system && titles.get(row.system),
    ...row.intendedUse,
  ]
    .filter(Boolean)
    .join('\n')
    .toLocaleLowerCase('en-US');
}

/**
 * Whether a row passes the search and every facet's selection, leaving out
 * one facet (`except`) when its own options are being counted.
 */
function passes(
  row: ModelRow,
  haystack: string,
  words: string[],
  filter: ModelFilter,
  except?: FacetKey,
): boolean {
  if (!words.every(word => haystack.includes(word))) {
    return false;
  }
  return MODEL_FACETS.every(({ key }) => {
    const selected = filter.selection[key];
    if (key === except || !selected || selected.length === 0) {
      return true;
    }
    return facetValues(row, key).some(value => selected.includes(value));
  });
}

/** An option of a facet filter with the number of models it would show. */
export interface FacetOption {
  value: string;
  count: number;
}

/** The result of filtering: the matching rows and live facet counts. */
export interface FilteredModels {
  rows: ModelRow[];
  /**
   * Per facet, every value any model has, counted over the models that
   * pass the search and the other facets' selections (so an option says
   * how many models choosing it would add), most frequent first.
   */
  facets: Record<FacetKey, FacetOption[]>;
}

/** Filters rows by search and facets, and counts every facet's options. */
export function filterModels(
  rows: ModelRow[],
  filter: ModelFilter,
  titles: Map<string, string>,
): FilteredModels {
  const words = searchWords(filter.term);
  const haystacks = rows.map(row => searchText(row, titles));
  const facets = {} as Record<FacetKey, FacetOption[]>;
  for (const { key } of MODEL_FACETS) {
    const counts = new Map<string, number>();
    rows.forEach((row, i) => {
      const counted = passes(row, haystacks[i], words, filter, key);
      for (const value of facetValues(row, key)) {
        counts.set(value, (counts.get(value) ?? 0) + (counted ? 1 : 0));
      }
    });
    for (const value of filter.selection[key] ?? []) {
      if (!counts.has(value)) counts.set(value, 0);
    }
    facets[key] = [...counts.entries()]
      .map(([value, count]) => ({ value, count }))
      .sort(
        (a, b) =>
          b.count - a.count ||
          (titles.get(a.value) ?? a.value).localeCompare(
            titles.get(b.value) ?? b.value,
          ),
      );
  }
  return {
    rows: rows.filter((row, i) => passes(row, haystacks[i], words, filter)),
    facets,
  };
}

function rank(order: readonly string[], value: string | undefined) {
  const index = value === undefined ? -1 : order.indexOf(value);
  return index < 0 ? undefined : index;
}

// Risk from lowest to highest, so that descending puts the highest first.
const RISK_ASCENDING = [...RISK_TIERS].reverse();

/**
 * The sort value of a row in a column: a string or number, or undefined
 * when the row has none (such rows go last in both directions).
 */
function sortValue(
  row: ModelRow,
  key: SortKey,
  extras: ModelRowExtras,
): string | number | undefined {
  switch (key) {
    case 'name':
      return row.title.toLocaleLowerCase('en-US');
    case 'owner':
      return row.owner
        ? (extras.titles.get(row.owner) ?? row.owner).toLocaleLowerCase('en-US')
        : undefined;
    case 'lifecycle':
      return rank(MODELOPS_LIFECYCLES, row.lifecycle);
    case 'risk':
      return rank(RISK_ASCENDING, row.riskTier);
    case 'level':
      return rank(PACK_LEVELS, extras.levels.get(row.entityRef));
    case 'cost':
      return extras.costs?.get(row.entityRef.toLocaleLowerCase('en-US'));
    default:
      return undefined;
  }
}

/**
 * Sorts rows by a column; rows without a value go last either way, ties
 * are broken by title so the order is stable from one render to the next.
 */
export function sortModels(
  rows: ModelRow[],
  key: SortKey,
  direction: 'asc' | 'desc',
  extras: ModelRowExtras,
): ModelRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = rows.map(row => ({ row, value: sortValue(row, key, extras) }));
  keyed.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) {
      if (a.value !== b.value) return a.value === undefined ? 1 : -1;
    } else if (a.value !== b.value) {
      const order =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : String(a.value).localeCompare(String(b.value));
      if (order !== 0) return sign * order;
    }
    return a.row.title.localeCompare(b.row.title);
  });
  return keyed.map(k => k.row);
}
