/*
 * Types shared by the review store, cycle runner, findings and router.
 */
import type {
  ReviewCycle,
  ReviewDecision,
  ReviewDecisionRecord,
  ReviewItem,
} from '@modelops/plugin-modelops-common';
import type { DecisionLog } from '../decisions/types';

/** A parsed ISO 8601 duration: calendar months and days. */
export interface CalendarDuration {
  months: number;
  days: number;
}

/** Which entities are reviewed how often, from `modelops.reviews.cadences`. */
export interface ReviewCadence {
  /** Stable key of the cadence, e.g. `MLModel:production`. */
  key: string;
  kind: string;
  lifecycles: string[];
  every: CalendarDuration;
  dueAfter: CalendarDuration;
}

/** The period a cadence is in at some moment. */
export interface ReviewPeriod {
  /** Label, the first day of the period (`YYYY-MM-DD`). */
  label: string;
  start: string;
  end: string;
  dueAt: string;
}

/** A cycle about to be opened. */
export interface NewReviewCycle {
  cadence: string;
  kind: string;
  lifecycles: string[];
  period: ReviewPeriod;
}

/** An entity to attest in a new cycle. */
export interface NewReviewItem {
  entityRef: string;
  entityKind: string;
  entityTitle?: string;
  ownerRef: string;
}

/** One decision to record; the store checks that the item allows it. */
export interface NewReviewDecision {
  itemId: string;
  action: ReviewDecision | 'accept-transfer';
  actor: string;
  authority: ReviewDecisionRecord['authority'];
  note?: string;
  transferTo?: string;
}

/** Filter of {@link ReviewStore.listItems}; all given conditions apply. */
export interface ReviewItemFilter {
  cycleIds?: string[];
  /** Items whose owner at cycle opening is one of these refs. */
  ownerRefs?: string[];
  /** Items waiting for a transfer to one of these refs. */
  transferTo?: string[];
  entityRefs?: string[];
  /** Only items of cycles whose period has not ended. */
  openCyclesOnly?: boolean;
  /** Only items of cycles opened at or before this stored time. */
  openedBy?: string;
}

/** The kinds of reminders sent to owning groups. */
export type ReviewReminderKind = 'opened' | 'overdue';

/**
 * Persistence of review cycles, items, decisions and sent reminders; its
 * decision log lists attestations, transfers and retirements.
 */
export interface ReviewStore extends DecisionLog {
  /**
   * Opens a cycle with its items in one transaction; a cycle of the same
   * cadence and period that already exists is returned untouched.
   */
  openCycle(
    cycle: NewReviewCycle,
    items: NewReviewItem[],
    now: Date,
  ): Promise<{ created: boolean; cycle: ReviewCycle }>;
  hasCycle(cadence: string, period: string): Promise<boolean>;
  listCycles(now: Date): Promise<ReviewCycle[]>;
  getItems(ids: string[], now: Date): Promise<ReviewItem[]>;
  listItems(filter: ReviewItemFilter, now: Date): Promise<ReviewItem[]>;
  /**
   * Applies decisions, all in one transaction: each item must be in an open
   * cycle and in a state that allows the action (ConflictError otherwise).
   * Every decision is appended to the decision log.
   */
  recordDecisions(
    decisions: NewReviewDecision[],
    now: Date,
  ): Promise<ReviewItem[]>;
  /** The decision log of an entity, oldest first. */
  listDecisions(entityRef: string): Promise<ReviewDecisionRecord[]>;
  /**
   * The newest keep, transfer or retire decision per entity ref, among
   * those made at or before `asOf` (a stored time) when given.
   */
  latestDecisions(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, ReviewDecisionRecord>>;
  /**
   * Refs of the entities listed in a review cycle opened, or with a review
   * item decided or accepted or a decision recorded, after `since` (an ISO 8601
   * instant in `toISOString` form, as the columns hold it), for the
   * scorecards' change scan. One query.
   */
  entityRefsChangedSince(since: string): Promise<string[]>;
  /**
   * Records reminders as sent and returns the groups that had not been
   * reminded of this kind in this cycle before.
   */
  claimReminders(
    cycleId: string,
    groupRefs: string[],
    reminder: ReviewReminderKind,
    now: Date,
  ): Promise<string[]>;
  /** Forgets a claimed reminder whose sending failed, so the next run retries. */
  releaseReminder(
    cycleId: string,
    groupRef: string,
    reminder: ReviewReminderKind,
  ): Promise<void>;
}
