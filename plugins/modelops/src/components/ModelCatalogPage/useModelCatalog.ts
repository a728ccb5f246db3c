import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { ModelCostView } from '@modelops/plugin-modelops-common';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../../api/costApiRef';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { isForbidden } from '../common/isForbidden';
import { lowestPackLevel } from '../common/modelLevel';
import { useEntityTitles } from '../common/useEntityTitles';
import { useViewer } from '../common/useViewer';
import {
  FacetOption,
  FacetKey,
  filterModels,
  LevelState,
  MODEL_LIST_FIELDS,
  ModelRow,
  sortModels,
  toModelRow,
} from './modelRows';
import { ModelListQuery } from './modelListQuery';

// Models are read in pages: a small first one, so rows are on screen
// quickly, then larger ones while the list fills in.
const FIRST_CATALOG_PAGE = 100;
const CATALOG_PAGE = 1000;

// Scorecards are read per model: this many at a time.
const LEVEL_CONCURRENCY = 6;

/** Every MLModel in the catalog, read page by page with the list's fields only. */
function useAllModels() {
  const catalogApi = useApi(catalogApiRef);
  const [state, setState] = useState<{
    rows: ModelRow[];
    total?: number;
    done: boolean;
    error?: Error;
  }>({ rows: [], done: false });
  useEffect(() => {
    let cancelled = false;
    (async () => {
      let response = await catalogApi.queryEntities({
        filter: { kind: 'MLModel' },
        fields: MODEL_LIST_FIELDS,
        limit: FIRST_CATALOG_PAGE,
        orderFields: { field: 'metadata.name', order: 'asc' },
      });
      const rows: ModelRow[] = [];
      for (;;) {
        if (cancelled) return;
        rows.push(...response.items.map(toModelRow));
        const next = response.pageInfo.nextCursor;
        setState({
          rows: [...rows],
          total: response.totalItems,
          done: !next,
        });
        if (!next) return;
        response = await catalogApi.queryEntities({
          cursor: next,
          limit: CATALOG_PAGE,
          fields: MODEL_LIST_FIELDS,
        });
      }
    })().catch(error => {
      if (!cancelled) setState(s => ({ ...s, done: true, error }));
    });
    return () => {
      cancelled = true;
    };
  }, [catalogApi]);
  return state;
}

/** What the cost column can show. */
export type CostColumn =
  | { state: 'absent' }
  | { state: 'loading' }
  | { state: 'forbidden' }
  | { state: 'error'; error: Error }
  | {
      state: 'shown';
      currency: string;
      /** The month shown, `YYYY-MM`: the last complete one. */
      month: string;
      /** Last month's cost by lower-case entity ref. */
      costs: Map<string, number>;
      /**
       * True when the caller reads the cost of their own teams only, so
       * other teams' models have no figure for them.
       */
      ownTeamsOnly: boolean;
    };

function useCostColumn(): CostColumn {
  const costApi = useApiHolder().get(costApiRef);
  const viewer = useViewer();
  const { value, loading, error } = useAsync(
    async (): Promise<ModelCostView | undefined> => costApi?.getModelCosts(),
    [costApi],
  );
  if (!costApi) return { state: 'absent' };
  if (loading || (value && !viewer)) return { state: 'loading' };
  if (error) {
    return isForbidden(error)
      ? { state: 'forbidden' }
      : { state: 'error', error };
  }
  const models = value?.models ?? [];
  return {
    state: 'shown',
    currency: value!.currency,
    month: value!.comparedMonths.last,
    costs: new Map(
      models.map(m => [m.entityRef.toLocaleLowerCase('en-US'), m.lastMonth]),
    ),
    // The answer holds only the models whose cost the caller may read; one
    // owned by a team the caller is not in means they read every team's.
    ownTeamsOnly: models.every(m => viewer!.belongsTo(m.owner)),
  };
}

/**
 * Levels of the given models, read once each through the scorecard client,
 * a few at a time; undefined when the scorecards are not installed.
 */
function useModelLevels(
  entityRefs: string[],
): Map<string, LevelState> | undefined {
  const scorecardApi = useApiHolder().get(scorecardApiRef);
  const [levels, setLevels] = useState(new Map<string, LevelState>());
  const requested = useRef(new Set<string>());
  const key = entityRefs.join('\n');
  useEffect(() => {
    if (!scorecardApi) return;
    const missing = key
      .split('\n')
      .filter(ref => ref && !requested.current.has(ref));
    missing.forEach(ref => requested.current.add(ref));
    (async () => {
      for (let i = 0; i < missing.length; i += LEVEL_CONCURRENCY) {
        const batch = missing.slice(i, i + LEVEL_CONCURRENCY);
        const read = await Promise.all(
          batch.map(async (ref): Promise<[string, LevelState]> => {
            try {
              const scorecard = await scorecardApi.getEntityScorecard(ref);
              return [ref, lowestPackLevel(scorecard.packs) ?? 'not-evaluated'];
            } catch {
              return [ref, 'unavailable'];
            }
          }),
        );
        // One update per batch, not per model: each re-sorts the list.
        setLevels(previous => new Map([...previous, ...read]));
      }
    })();
  }, [scorecardApi, key]);
  return scorecardApi ? levels : undefined;
}

/** What the model list page renders. */
export interface ModelCatalogState {
  /** The models of the current page, filtered and sorted. */
  rows: ModelRow[];
  /** How many models pass the search and filters. */
  matching: number;
  /** How many models the catalog holds, as far as known. */
  total?: number;
  loaded: number;
  loading: boolean;
  error?: Error;
  facets: Record<FacetKey, FacetOption[]>;
  /** Display names of owners and systems by full, lower-case ref. */
  titles: Map<string, string>;
  /** Undefined when the scorecards are not installed. */
  levels?: Map<string, LevelState>;
  cost: CostColumn;
  /** The page shown, one-based, after clamping to the pages there are. */
  page: number;
  pageCount: number;
}

/**
 * The model list: every MLModel read once (the list's fields only, in
 * pages), filtered, counted, sorted and paged in the browser, since sorting
 * by level and cost and searching owners' names need the whole set.
 */
export function useModelCatalog(query: ModelListQuery): ModelCatalogState {
  const models = useAllModels();
  const refs = useMemo(
    () =>
      [
        ...new Set(
          models.rows.flatMap(r => [r.owner, r.system]).filter(Boolean),
        ),
      ] as string[],
    [models.rows],
  );
  const titles = useEntityTitles(refs);
  const cost = useCostColumn();
  const filtered = useMemo(
    () =>
      filterModels(
        models.rows,
        { term: query.term, selection: query.selection },
        titles,
      ),
    [models.rows, query.term, query.selection, titles],
  );

  // Levels are read for the rows on screen, and for every matching row
  // when the list is sorted by level.
  const [levelRefs, setLevelRefs] = useState<string[]>([]);
  const levels = useModelLevels(levelRefs);
  const costs = cost.state === 'shown' ? cost.costs : undefined;
  const sorted = useMemo(
    () =>
      sortModels(filtered.rows, query.sort, query.direction, {
        titles,
        levels: levels ?? new Map(),
        costs,
      }),
    [filtered.rows, query.sort, query.direction, titles, levels, costs],
  );
  const pageCount = Math.max(1, Math.ceil(sorted.length / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const rows = sorted.slice((page - 1) * query.pageSize, page * query.pageSize);
  const wanted = (query.sort === 'level' ? filtered.rows : rows)
    .map(r => r.entityRef)
    .join('\n');
  useEffect(() => setLevelRefs(wanted ? wanted.split('\n') : []), [wanted]);

  return {
    rows,
    matching: sorted.length,
    total: models.total,
    loaded: models.rows.length,
    loading: !models.done,
    error: models.error,
    facets: filtered.facets,
    titles,
    levels,
    cost,
    page,
    pageCount,
  };
}
