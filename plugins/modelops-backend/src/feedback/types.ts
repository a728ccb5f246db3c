import type {
  Feedback,
  FeedbackCategory,
  FeedbackState,
} from '@modelops/plugin-modelops-common';

/** A validated feedback report and who sent it. */
export interface NewFeedback {
  entityRef: string;
  category: FeedbackCategory;
  text: string;
  reporterRef: string;
}

/** Filter of {@link FeedbackStore.listFeedback}. */
export interface FeedbackFilter {
  entityRef: string;
  state?: FeedbackState;
  limit: number;
}

/** A state change and who made it. */
export interface FeedbackStateChange {
  state: FeedbackState;
  updatedBy: string;
  comment?: string;
}

/** Unresolved feedback of one model, as the scorecard fact needs it. */
export interface UnresolvedFeedbackSummary {
  /** Feedback in state open or acknowledged. */
  unresolved: number;
  /** Unresolved feedback reported before the cutoff. */
  overdue: number;
  /** ISO 8601 time of the oldest unresolved report. */
  oldestUnresolvedAt: string;
}

/** Storage of user feedback on models. */
export interface FeedbackStore {
  addFeedback(input: NewFeedback): Promise<Feedback>;
  /** Feedback of a model, newest first. */
  listFeedback(filter: FeedbackFilter): Promise<Feedback[]>;
  getFeedback(id: string): Promise<Feedback | undefined>;
  /** Changes the state; undefined when no such feedback exists. */
  setState(
    id: string,
    change: FeedbackStateChange,
  ): Promise<Feedback | undefined>;
  /**
   * Unresolved feedback per model among `entityRefs` (lower case), counting
   * as overdue what was reported before `overdueBefore` (ISO 8601). Models
   * without unresolved feedback are absent. A fixed number of queries.
   * With `asOf` (a stored time), as it stood then, for a scorecard of a
   * past day.
   */
  summarizeUnresolved(
    entityRefs: string[],
    overdueBefore: string,
    asOf?: string,
  ): Promise<Map<string, UnresolvedFeedbackSummary>>;
  /**
   * Refs of the models with feedback reported or moved to another state
   * after `since` (an ISO 8601
   * instant in `toISOString` form, as the columns hold it), for the
   * scorecards' change scan. One query.
   */
  entityRefsChangedSince(since: string): Promise<string[]>;
}
