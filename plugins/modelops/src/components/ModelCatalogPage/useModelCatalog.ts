import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import {
  buildModelQuery,
  FacetSelection,
  MODEL_FACETS,
} from './modelCatalogQuery';

/** Options of a facet filter: each value with the number of models having it. */
export type FacetOptions = Record<
  string,
  Array<{ value: string; count: number }>
>;

/** State and actions of the model catalog page. */
export type ModelCatalogState = {
  selection: FacetSelection;
  setFacet(field: string, values: string[]): void;
  term: string;
  setTerm(term: string): void;
  pageSize: number;
  setPageSize(size: number): void;
  /** Zero-based index of the current page. */
  pageIndex: number;
  nextPage?: () => void;
  previousPage?: () => void;
  models: Entity[];
  totalItems?: number;
  loading: boolean;
  error?: Error;
  facets: FacetOptions;
};

/**
 * Pages through MLModel entities on the server with the catalog's cursor
 * API, so a catalog of ten thousand models costs one page per view. Changing
 * a filter, the search or the page size starts again from the first page.
 */
export function useModelCatalog(): ModelCatalogState {
  const catalogApi = useApi(catalogApiRef);
  const [selection, setSelection] = useState<FacetSelection>({});
  const [term, setTerm] = useState('');
  const [debouncedTerm, setDebouncedTerm] = useState('');
  const [pageSize, setPageSize] = useState(25);
  // The cursor of every page visited so far; index 0 is the first page.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const [pageIndex, setPageIndex] = useState(0);

  // Cursors encode the query they were issued for, so any change of the
  // query must drop them together with the change (not in a later effect,
  // which would fetch one stale page first).
  const restartPaging = () => {
    setCursors([undefined]);
    setPageIndex(0);
  };

  useDebounce(
    () => {
      if (term !== debouncedTerm) {
        restartPaging();
        setDebouncedTerm(term);
      }
    },
    300,
    [term],
  );

  const cursor = cursors[pageIndex];
  const page = useAsync(
    () =>
      catalogApi.queryEntities(
        buildModelQuery({ selection, term: debouncedTerm, pageSize, cursor }),
      ),
    [catalogApi, selection, debouncedTerm, pageSize, cursor],
  );

  // Facet counts scan every model; on SQLite that query holds the one
  // connection the rows query needs, so facets are asked for once the first
  // page of rows is on screen.
  const [rowsShown, setRowsShown] = useState(false);
  useEffect(() => {
    if (page.value) {
      setRowsShown(true);
    }
  }, [page.value]);
  const facets = useAsync(async () => {
    if (!rowsShown) {
      return undefined;
    }
    const response = await catalogApi.getEntityFacets({
      filter: { kind: 'MLModel' },
      facets: MODEL_FACETS.map(f => f.field),
    });
    return response.facets;
  }, [catalogApi, rowsShown]);

  const nextCursor = page.value?.pageInfo.nextCursor;
  const nextPage = useCallback(() => {
    if (!nextCursor) {
      return;
    }
    setCursors(previous => [...previous.slice(0, pageIndex + 1), nextCursor]);
    setPageIndex(index => index + 1);
  }, [nextCursor, pageIndex]);
  const previousPage = useCallback(
    () => setPageIndex(index => Math.max(0, index - 1)),
    [],
  );

  return {
    selection,
    setFacet: (field, values) => {
      restartPaging();
      setSelection(previous => ({ ...previous, [field]: values }));
    },
    term,
    setTerm,
    pageSize,
    setPageSize: size => {
      restartPaging();
      setPageSize(size);
    },
    pageIndex,
    nextPage: nextCursor ? nextPage : undefined,
    previousPage: pageIndex > 0 ? previousPage : undefined,
    models: page.value?.items ?? [],
    totalItems: page.value?.totalItems,
    loading: page.loading,
    error: page.error ?? facets.error,
    facets: facets.value ?? {},
  };
}
