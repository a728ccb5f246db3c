import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  FacetKey,
  MODEL_FACETS,
  ModelFilter,
  SORT_KEYS,
  SortKey,
} from './modelRows';

/** Rows per page the list offers. */
export const PAGE_SIZES = [25, 50, 100];

/**
 * Everything the list shows, as its URL holds it: `?q=llm&owner=group:
 * default/risk-ml&lifecycle=production&sort=cost&dir=desc&page=2`. A facet
 * parameter repeats for each value.
 */
export interface ModelListQuery extends ModelFilter {
  sort: SortKey;
  direction: 'asc' | 'desc';
  /** One-based. */
  page: number;
  pageSize: number;
}

const DEFAULT_QUERY: ModelListQuery = {
  term: '',
  selection: {},
  sort: 'name',
  direction: 'asc',
  page: 1,
  pageSize: PAGE_SIZES[0],
};

/**
 * The direction a column sorts in when first chosen: names from A, risk,
 * level and cost from the highest, where the question is "which first".
 */
export function defaultDirection(sort: SortKey): 'asc' | 'desc' {
  return sort === 'risk' || sort === 'cost' ? 'desc' : 'asc';
}

/** Reads the list's state from a query string; unknown values fall back to defaults. */
export function parseModelListQuery(params: URLSearchParams): ModelListQuery {
  const selection: ModelListQuery['selection'] = {};
  for (const { key } of MODEL_FACETS) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length > 0) selection[key] = [...new Set(values)];
  }
  const sortParam = params.get('sort');
  const sort = SORT_KEYS.includes(sortParam as SortKey)
    ? (sortParam as SortKey)
    : DEFAULT_QUERY.sort;
  const dirParam = params.get('dir');
  const direction =
    dirParam === 'asc' || dirParam === 'desc'
      ? dirParam
      : defaultDirection(sort);
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('size'));
  return {
    term: params.get('q') ?? '',
    selection,
    sort,
    direction,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_QUERY.pageSize,
  };
}

/** Writes the list's state as a query string, leaving defaults out. */
export function serializeModelListQuery(
  query: ModelListQuery,
): URLSearchParams {
  const params = new URLSearchParams();
  if (query.term.trim()) params.set('q', query.term);
  for (const { key } of MODEL_FACETS) {
    for (const value of query.selection[key] ?? []) params.append(key, value);
  }
  if (query.sort !== DEFAULT_QUERY.sort) params.set('sort', query.sort);
  if (query.direction !== defaultDirection(query.sort)) {
    params.set('dir', query.direction);
  }
  if (query.page !== 1) params.set('page', String(query.page));
  if (query.pageSize !== DEFAULT_QUERY.pageSize) {
    params.set('size', String(query.pageSize));
  }
  return params;
}

/** The list's state and the ways to change it. */
export interface ModelListQueryState {
  query: ModelListQuery;
  /**
   * Changes part of the state; any change but the page's starts again from
   * the first page. `replace` updates the current history entry (typing a
   * search) instead of adding one (choosing a filter, a sort, a page).
   */
  update(
    change:
      | Partial<ModelListQuery>
      | ((current: ModelListQuery) => Partial<ModelListQuery>),
    options?: { replace?: boolean },
  ): void;
  setFacet(key: FacetKey, values: string[]): void;
}

/**
 * The list's state kept in the URL, so that a link shows the same list and
 * the back button returns to the list as it was left, step by step.
 */
export function useModelListQuery(): ModelListQueryState {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parseModelListQuery(params), [params]);
  const update = useCallback<ModelListQueryState['update']>(
    (change, options) =>
      setParams(
        previous => {
          const current = parseModelListQuery(previous);
          return serializeModelListQuery({
            ...current,
            page: 1,
            ...(typeof change === 'function' ? change(current) : change),
          });
        },
        { replace: options?.replace },
      ),
    [setParams],
  );
  const setFacet = useCallback(
    (key: FacetKey, values: string[]) =>
      update(current => ({
        selection: { ...current.selection, [key]: values },
      })),
    [update],
  );
  return { query, update, setFacet };
}
