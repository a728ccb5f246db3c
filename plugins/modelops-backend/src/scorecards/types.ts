import type {
  Campaign,
  CampaignCreateRequest,
  CampaignEntityFilter,
  CampaignUpdateRequest,
  CheckLevel,
  CheckSeverity,
  CheckState,
  CheckStateChange,
  PackScore,
  ScorecardSummary,
  ScorecardTrendPoint,
  Waiver,
} from '@modelops/plugin-modelops-common';
import type { DecisionLog } from '../decisions/types';
import type { StoredLevelChange } from './levelChanges';

/** The catalog fields of an evaluated entity that rollups and campaigns filter on. */
export interface ScoredEntityRow {
  entityRef: string;
  kind: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  riskTier?: string;
  score: number;
  packs: PackScore[];
  evaluatedAt: string;
  /** The entity's `metadata.etag` when it was evaluated, to tell later catalog changes. */
  etag?: string;
  /** Digest of the entity's results as stored with this row, to tell unchanged ones. */
  resultsDigest?: string;
}

/** What the store keeps of an entity's last evaluation to tell what changed since. */
export interface EvaluationStamp {
  /** The catalog etag then; null when the entity had none or predates etags. */
  etag: string | null;
  /** Digest of its stored results; null when it predates digests. */
  resultsDigest: string | null;
}

/** The stored latest state of one check on one entity. */
export interface StoredCheckResult {
  entityRef: string;
  checkId: string;
  pack: string;
  level: CheckLevel;
  severity: CheckSeverity;
  state: CheckState;
  message?: string;
  changedAt: string;
}

/** What one page of an evaluation writes, in one transaction. */
export interface EvaluationBatch {
  entities: ScoredEntityRow[];
  /** New results and results whose state or message changed. */
  upserts: StoredCheckResult[];
  /** Results of checks that no longer apply (or no longer exist). */
  removals: Array<{ entityRef: string; checkId: string }>;
  /** State changes, including first results (from undefined). */
  changes: CheckStateChange[];
  /**
   * Leaves the summaries alone: a full run recomputes them once at its end
   * ({@link ScorecardStore.rebuildSummary}), which costs less than moving
   * them with each of its pages.
   */
  deferSummary?: boolean;
}

/** An approved, unexpired waiver, keyed for overlaying on results. */
export type ActiveWaivers = Map<string, Map<string, string>>;

/** New waiver as the store receives it (validated). */
export interface NewWaiver {
  entityRef: string;
  checkId: string;
  reason: string;
  requestedBy: string;
  expiresAt: string;
}

/** New campaign as the store receives it (validated, normalised). */
export type NewCampaign = Omit<
  CampaignCreateRequest,
  'entityFilter' | 'checkIds' | 'obligationsApplyingFrom'
> & {
  /** Resolved by the router from the ids and the date the request gave. */
  checkIds: string[];
  entityFilter: CampaignEntityFilter;
  createdBy: string;
};

/** A result joined with the entity's fields, for campaign progress. */
export interface CampaignResultRow {
  entityRef: string;
  owner?: string;
  checkId: string;
  state: CheckState;
  waived: boolean;
}

/** Filters of {@link ScorecardStore.listResults}; `null` owner or system means none. */
export interface ResultFilter {
  pack?: string;
  owner?: string | null;
  system?: string | null;
  checkId?: string;
  entityRef?: string;
}

/** A stored result with its entity's grouping fields and waiver, for drill-downs. */
export interface ResultRow extends StoredCheckResult {
  kind: string;
  owner?: string;
  system?: string;
  /** Under an approved waiver unexpired at the time asked. */
  waived: boolean;
}

/**
 * Persistence of scorecard results, history, waivers and campaigns; its
 * decision log lists waiver requests and their decisions.
 */
export interface ScorecardStore extends DecisionLog {
  /** Stored results of the given entities, grouped by entity ref. */
  getResults(entityRefs: string[]): Promise<Map<string, StoredCheckResult[]>>;
  /**
   * Writes one evaluated page in a single transaction, in chunks, and moves
   * the page's entities in the team, system and pack summaries in the same
   * transaction.
   */
  writeBatch(batch: EvaluationBatch): Promise<void>;
  /**
   * Recomputes the team, system and pack summaries from every stored result,
   * so that a full run ends with them exactly equal to a grouping of the
   * results whatever wrote those.
   */
  rebuildSummary(): Promise<void>;
  /** Forgets entities (and their results) not evaluated since a full run began. */
  deleteEntitiesEvaluatedBefore(iso: string): Promise<number>;
  /**
   * Upserts a day's team, pack and overall rollup points (idempotent per
   * day), counting the waivers in force at `now` (default: the present).
   */
  writeDailySnapshot(day: string, now?: string): Promise<void>;
  getEntity(entityRef: string): Promise<ScoredEntityRow | undefined>;
  /**
   * The stored results matching every given filter, with their entity's
   * owner and system and whether a waiver approved and unexpired at `now`
   * covers them: the rows behind a summary figure.
   */
  listResults(filter: ResultFilter, now: string): Promise<ResultRow[]>;
  /**
   * The summary per team, system or pack, read from the maintained
   * summaries; results under a waiver approved and unexpired at `now` count
   * as waived instead of failing. Entities in `hidden` (refs as stored)
   * are left out of every figure.
   */
  getSummary(
    groupBy: ScorecardSummary['groupBy'],
    now: string,
    hidden?: readonly string[],
  ): Promise<ScorecardSummary>;
  /**
   * Level changes since a time, newest first (an entity's first levels are
   * not changes), each with the pack's checks that changed with it.
   */
  getLevelChanges(filter: {
    entityRef?: string;
    team?: string;
    pack?: string;
    since: string;
  }): Promise<StoredLevelChange[]>;
  /** Refs of every entity with stored results, as they are stored. */
  scoredEntityRefs(): Promise<string[]>;
  /**
   * State changes since a time, newest first; with `transitionsOnly`
   * without first results. Each carries the check's current message as its
   * cause while the check has held that state since.
   */
  getChanges(filter: {
    entityRef?: string;
    team?: string;
    pack?: string;
    since: string;
    transitionsOnly?: boolean;
  }): Promise<CheckStateChange[]>;
  /** Daily points of a team, a pack or everything (`all`), oldest first. */
  getTrend(
    scope: 'team' | 'pack' | 'all',
    key: string,
    sinceDay: string,
  ): Promise<ScorecardTrendPoint[]>;

  /** The stamps of the given entities' last evaluation; absent when never evaluated. */
  getEvaluationStamps(
    entityRefs: string[],
  ): Promise<Map<string, EvaluationStamp>>;
  /**
   * Entities whose waivers were decided after `since`, or whose approved
   * waiver expired after `since` and by `now`: their scores changed.
   */
  getWaiverChangesSince(since: string, now: string): Promise<string[]>;
  /** The time a task recorded as processed up to; undefined before its first run. */
  getWatermark(name: string): Promise<string | undefined>;
  setWatermark(name: string, at: string): Promise<void>;

  /** Approved waivers whose expiry is after `now`, per entity ref and check id. */
  getActiveWaivers(entityRefs: string[], now: string): Promise<ActiveWaivers>;
  createWaiver(waiver: NewWaiver, now: string): Promise<Waiver>;
  getWaiver(id: string, now: string): Promise<Waiver | undefined>;
  /** A page of waivers, newest request first, and how many match in all. */
  listWaivers(
    filter: {
      status?: Waiver['status'];
      entityRef?: string;
      /** Only waivers of these entities, as stored. */
      entityRefs?: string[];
      limit?: number;
      offset?: number;
    },
    now: string,
  ): Promise<{ items: Waiver[]; total: number }>;
  /** The entities with at least one waiver, as stored. */
  waiverEntityRefs(): Promise<string[]>;
  /**
   * Moves a pending waiver to approved, rejected or (by its requester)
   * withdrawn; ConflictError when it is not pending.
   */
  decideWaiver(
    id: string,
    decision: {
      status: 'approved' | 'rejected' | 'withdrawn';
      decidedBy: string;
      comment?: string;
    },
    now: string,
  ): Promise<Waiver>;

  createCampaign(campaign: NewCampaign, now: string): Promise<Campaign>;
  getCampaign(id: string): Promise<Campaign | undefined>;
  listCampaigns(filter?: { status?: Campaign['status'] }): Promise<Campaign[]>;
  updateCampaign(
    id: string,
    update: CampaignUpdateRequest & { entityFilter?: CampaignEntityFilter },
  ): Promise<Campaign>;
  deleteCampaign(id: string): Promise<void>;
  /** Results of the campaign's checks on the entities its filter matches. */
  getCampaignResults(
    campaign: Campaign,
    now: string,
  ): Promise<CampaignResultRow[]>;
  /**
   * Records notification keys of a campaign and returns those that were not
   * recorded before, so each reminder or regression is sent once.
   */
  claimNotifications(
    campaignId: string,
    keys: string[],
    now: string,
  ): Promise<string[]>;
}
