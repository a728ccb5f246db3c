/*
 * The one shape in which the features that hold decisions (waivers in the
 * scorecard store, change requests, the review decision log) hand them to
 * the decision history. Each store reads its own tables; the history only
 * merges what they return.
 */
import type { DecisionRecord } from '@modelops/plugin-modelops-common';

/** What the history asks one store for. */
export interface DecisionLogQuery {
  /**
   * Lower-case refs of the entities in scope; at most a few hundred per
   * call, so the store can send them as one `IN (...)` list.
   */
  entityRefs: string[];
  /** The newest decisions first, at most this many. */
  limit: number;
}

/** The newest decisions of a query and how many there are in all. */
export interface DecisionLogPage {
  /**
   * Newest first. Decisions at the same instant come in an order the store
   * keeps from call to call, so that pages of the merged history are stable.
   */
  items: DecisionRecord[];
  total: number;
}

/** A store that holds decisions. */
export interface DecisionLog {
  decisionLog(query: DecisionLogQuery): Promise<DecisionLogPage>;
}
