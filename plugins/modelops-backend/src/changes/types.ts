import type {
  ChangeKind,
  ChangeRequest,
  ChangeStatus,
} from '@modelops/plugin-modelops-common';
import type { DecisionLog } from '../decisions/types';

/** A validated change request and who made it. */
export interface NewChangeRequest {
  entityRef: string;
  kind: ChangeKind;
  modelVersion: string;
  evidenceLinks: string[];
  reason: string;
  requesterRef: string;
}

/** Filter of {@link ChangeStore.listChanges}. */
export interface ChangeFilter {
  entityRef: string;
  status?: ChangeStatus;
  limit: number;
}

/** A reviewer's decision. */
export interface ChangeDecisionRecord {
  status: Exclude<ChangeStatus, 'pending'>;
  decidedBy: string;
  comment?: string;
}

/**
 * Storage of change requests and their decisions; its decision log lists
 * requests, approvals and rejections.
 */
export interface ChangeStore extends DecisionLog {
  addChange(input: NewChangeRequest): Promise<ChangeRequest>;
  /** Change requests of a model, newest first. */
  listChanges(filter: ChangeFilter): Promise<ChangeRequest[]>;
  getChange(id: string): Promise<ChangeRequest | undefined>;
  /**
   * The latest requests of any model, by the time of their last event
   * (decision, else request), newest first.
   */
  listRecentChanges(limit: number): Promise<ChangeRequest[]>;
  /**
   * Decides a pending request. Undefined when it is not pending any more
   * (decided concurrently) or does not exist; a decision is never replaced.
   */
  decide(
    id: string,
    decision: ChangeDecisionRecord,
  ): Promise<ChangeRequest | undefined>;
  /**
   * The model versions with an approved promotion, per model among
   * `entityRefs` (lower case); models without any are absent. A fixed
   * number of queries. This and the next two reads take an optional
   * `asOf` (a stored time): the requests and decisions as they stood then,
   * for a scorecard of a past day.
   */
  approvedPromotions(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, Set<string>>>;
  /**
   * When the latest approved promotion of each model among `entityRefs`
   * (lower case) was decided (ISO 8601); models without one are absent.
   * One grouped query per chunk.
   */
  latestApprovedPromotionAt(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, string>>;
  /** Pending requests per model among `entityRefs`; absent when none. */
  pendingCounts(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, number>>;
  /**
   * Refs of the models with change requests made or decided after `since` (an ISO 8601
   * instant in `toISOString` form, as the columns hold it), for the
   * scorecards' change scan. One query.
   */
  entityRefsChangedSince(since: string): Promise<string[]>;
}
