import {
  EntityFilterQuery,
  QueryEntitiesRequest,
} from '@backstage/catalog-client';

/** A facet the model catalog filters on: the entity field and its label. */
export type ModelFacet = { field: string; label: string };

/** The facets of the model catalog, in the order the filters are shown. */
export const MODEL_FACETS: ModelFacet[] = [
  { field: 'spec.owner', label: 'Owner' },
  { field: 'spec.lifecycle', label: 'Lifecycle' },
  { field: 'spec.risk.tier', label: 'Risk tier' },
  { field: 'spec.type', label: 'Type' },
  { field: 'spec.system', label: 'System' },
  { field: 'metadata.tags', label: 'Tags' },
];

/** The entity fields the table shows; only these are fetched. */
export const MODEL_TABLE_FIELDS = [
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
  'spec.version',
  'spec.risk.tier',
];

/** Fields the text search looks in. */
export const MODEL_SEARCH_FIELDS = [
  'metadata.name',
  'metadata.title',
  'metadata.description',
];

/** Selected values per facet field; an empty or absent list means "any". */
export type FacetSelection = Record<string, string[]>;

/**
 * The catalog filter for MLModel entities with the selected facet values:
 * values of one facet are alternatives, different facets must all match.
 */
export function buildModelFilter(selection: FacetSelection): EntityFilterQuery {
  const filter: Record<string, string | string[]> = { kind: 'MLModel' };
  for (const { field } of MODEL_FACETS) {
    const values = selection[field];
    if (values && values.length > 0) {
      filter[field] = values;
    }
  }
  return filter;
}

/**
 * The request for one page of models: the first page carries the filter,
 * search and order; later pages carry only the cursor, which encodes them.
 */
export function buildModelQuery(options: {
  selection: FacetSelection;
  term: string;
  pageSize: number;
  cursor?: string;
}): QueryEntitiesRequest {
  const { selection, term, pageSize, cursor } = options;
  if (cursor) {
    return { cursor, limit: pageSize, fields: MODEL_TABLE_FIELDS };
  }
  const trimmed = term.trim();
  return {
    filter: buildModelFilter(selection),
    limit: pageSize,
    fields: MODEL_TABLE_FIELDS,
    orderFields: { field: 'metadata.name', order: 'asc' },
    ...(trimmed
      ? { fullTextFilter: { term: trimmed, fields: MODEL_SEARCH_FIELDS } }
      : {}),
  };
}
