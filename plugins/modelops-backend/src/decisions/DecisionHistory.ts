/*
 * DecisionHistory: the decisions of many entities from every store that
 * holds some, as one list newest first, paged with a total.
 *
 * Each store answers its newest `offset + limit` decisions per chunk of
 * entity refs; merging those sorted lists and skipping `offset` gives the
 * exact page, since no decision beyond a list's first `offset + limit` can
 * be on it. Times compare as text because every stored time has the one
 * fixed-width UTC form (see docs/architecture.md, "Time").
 */
import type { DecisionRecord } from '@modelops/plugin-modelops-common';
import { chunks } from '../service/chunks';
import type { DecisionLog } from './types';

/** Entity refs per store query, well below SQLite's limit of bound values. */
const REFS_PER_QUERY = 500;

/** Options of {@link DecisionHistory.create}. */
export interface DecisionHistoryOptions {
  /** The stores that hold decisions, in the order ties are listed. */
  logs: DecisionLog[];
}

/** A page of the merged history and how many decisions the scope holds. */
export interface DecisionHistoryPage {
  items: DecisionRecord[];
  total: number;
}

/**
 * Merges lists that are each newest first into one, newest first, stopping
 * at `limit`. Decisions of the same instant keep their list's order, and
 * lists earlier in `lists` go first, so a page boundary never moves.
 */
export function mergeNewestFirst(
  lists: DecisionRecord[][],
  limit: number,
): DecisionRecord[] {
  const heads = lists.map(() => 0);
  const out: DecisionRecord[] = [];
  while (out.length < limit) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const candidate = lists[i][heads[i]];
      if (
        candidate &&
        (best === -1 || candidate.at > lists[best][heads[best]].at)
      ) {
        best = i;
      }
    }
    if (best === -1) break;
    out.push(lists[best][heads[best]]);
    heads[best] += 1;
  }
  return out;
}

/** Reads the decision history of a scope from every decision log. */
export class DecisionHistory {
  private constructor(private readonly logs: DecisionLog[]) {}

  static create(options: DecisionHistoryOptions): DecisionHistory {
    return new DecisionHistory(options.logs);
  }

  /**
   * The decisions about the given entities from `offset`, at most `limit`.
   *
   * @param entityRefs - lower-case refs of the entities in scope
   */
  async page(
    entityRefs: string[],
    window: { limit: number; offset: number },
  ): Promise<DecisionHistoryPage> {
    const wanted = window.offset + window.limit;
    // Sorted so that the chunks, and with them the order of ties, are the
    // same on every call.
    const refs = [...new Set(entityRefs)].sort();
    const lists: DecisionRecord[][] = [];
    let total = 0;
    for (const part of chunks(refs, REFS_PER_QUERY)) {
      const pages = await Promise.all(
        this.logs.map(log =>
          log.decisionLog({ entityRefs: part, limit: wanted }),
        ),
      );
      for (const page of pages) {
        lists.push(page.items);
        total += page.total;
      }
    }
    return {
      items: mergeNewestFirst(lists, wanted).slice(window.offset),
      total,
    };
  }
}
