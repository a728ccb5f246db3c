import { useMemo } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { ScorecardResultsQuery } from '@modelops/plugin-modelops-common';
import { scorecardsRouteRef } from '../../routes';

/** The filters a drill-down link carries in its URL. */
export type ScorecardResultsFilters = Omit<
  ScorecardResultsQuery,
  'limit' | 'offset'
>;

/** The order filters are written in, so one list has one URL. */
export const RESULT_FILTER_KEYS = [
  'pack',
  'team',
  'system',
  'checkId',
  'entityRef',
  'state',
] as const;

/** The query string of a drill-down (`pack=cost&state=fail`). */
export function resultsSearch(filters: ScorecardResultsFilters): string {
  const params = new URLSearchParams();
  for (const key of RESULT_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/**
 * Links to the scorecards section's list of the checks and entities behind
 * a figure, with its filters in the URL so that the link can be shared.
 * Undefined where the scorecards section is not mounted (a portal that
 * shows the ML home without it): figures then stay plain text.
 */
export function useScorecardResultsLink():
  | ((filters: ScorecardResultsFilters) => string)
  | undefined {
  let base: string | undefined;
  try {
    // An unmounted route throws here, on every render alike, so the hook
    // order never changes.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    base = useRouteRef(scorecardsRouteRef)();
  } catch {
    base = undefined;
  }
  return useMemo(() => {
    if (base === undefined) return undefined;
    const root = base.replace(/\/$/, '');
    return (filters: ScorecardResultsFilters) =>
      `${root}/results?${resultsSearch(filters)}`;
  }, [base]);
}
