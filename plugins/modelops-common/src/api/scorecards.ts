import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import type {
  CheckMetadata,
  CheckResult,
  EffectiveCheckState,
  PackLevel,
  PackScore,
} from '../scorecards/types';
import { isoDateOrDateTimeSchema, isoDaySchema } from './isoDate';

/**
 * API types and request schemas of the scorecard routes
 * (`/api/modelops/scorecards/...`), shared by the backend and the client.
 */

const entityRef = z.string().transform((value, ctx) => {
  try {
    return stringifyEntityRef(parseEntityRef(value));
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an entity reference such as mlmodel:default/name',
    });
    return z.NEVER;
  }
});

const isoDate = isoDateOrDateTimeSchema();

/** Body of `POST /scorecards/evaluate`; without entityRef every entity is evaluated. @public */
export const scorecardEvaluateRequestSchema = z.strictObject({
  entityRef: entityRef.optional(),
});

/**
 * Default cap on a waiver's reason and a decision's comment, in characters;
 * the backend reads its own from `modelops.waivers.maxTextLength`.
 *
 * @public
 */
export const DEFAULT_WAIVER_TEXT_LIMIT = 4000;

/** Default and largest page sizes of `GET /scorecards/waivers`. @public */
export const WAIVER_LIST_LIMITS = { default: 50, max: 500 } as const;

/** Body of `POST /scorecards/waivers`. @public */
export const waiverCreateRequestSchema = z.strictObject({
  entityRef,
  checkId: z.string().min(1).max(200),
  reason: z
    .string()
    .trim()
    .min(10, { message: 'must explain the waiver in at least 10 characters' }),
  expiresAt: isoDate,
});

/**
 * Body of `POST /scorecards/waivers/:id/approve|reject|withdraw`. @public
 */
export const waiverDecisionRequestSchema = z.strictObject({
  comment: z.string().trim().max(2000).optional(),
});

/** Query of `GET /scorecards/waivers`. @public */
export const waiverListQuerySchema = z.strictObject({
  status: z
    .enum(['pending', 'approved', 'rejected', 'expired', 'withdrawn'])
    .optional(),
  entityRef: z.string().min(1).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(WAIVER_LIST_LIMITS.max)
    .default(WAIVER_LIST_LIMITS.default),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Which entities a campaign covers; every given list must match. @public */
export const campaignEntityFilterSchema = z.strictObject({
  kinds: z
    .array(z.enum(['MLModel', 'Dataset']))
    .min(1)
    .optional(),
  owners: z.array(entityRef).min(1).optional(),
  systems: z.array(z.string().min(1)).min(1).optional(),
  lifecycles: z.array(z.string().min(1)).min(1).optional(),
  riskTiers: z.array(z.string().min(1)).min(1).optional(),
});

const campaignFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  checkIds: z.array(z.string().min(1)).min(1),
  entityFilter: campaignEntityFilterSchema.default({}),
  dueDate: isoDate,
  owner: entityRef,
};

/**
 * Body of `POST /scorecards/campaigns`. The campaign's checks are
 * `checkIds`, the checks citing the obligations that apply from
 * `obligationsApplyingFrom` (on either high-risk route), or both.
 *
 * @public
 */
export const campaignCreateRequestSchema = z
  .strictObject({
    ...campaignFields,
    checkIds: campaignFields.checkIds.optional(),
    /**
     * Adds every check citing an obligation that applies from this date,
     * e.g. 2027-12-02 for the Annex III high-risk obligations.
     */
    obligationsApplyingFrom: isoDaySchema().optional(),
  })
  .refine(
    v => v.checkIds !== undefined || v.obligationsApplyingFrom !== undefined,
    {
      path: ['checkIds'],
      message: 'give checkIds, obligationsApplyingFrom or both',
    },
  );

/** Body of `PATCH /scorecards/campaigns/:id`. @public */
export const campaignUpdateRequestSchema = z
  .strictObject(campaignFields)
  .partial()
  .extend({ status: z.enum(['open', 'closed']).optional() });

/** Query of `GET /scorecards/summary`. @public */
export const scorecardSummaryQuerySchema = z.strictObject({
  groupBy: z.enum(['team', 'system', 'pack']).default('team'),
});

/** Default and largest page sizes of `GET /scorecards/results`. @public */
export const SCORECARD_RESULT_LIMITS = { default: 200, max: 1000 } as const;

/**
 * Query of `GET /scorecards/results`, the rows behind a rollup figure: every
 * given filter must match. `team` and `system` are the keys the summary
 * rows carry (refs, or `(none)` for entities without one).
 *
 * @public
 */
export const scorecardResultsQuerySchema = z.strictObject({
  pack: z.string().min(1).optional(),
  team: z.string().min(1).optional(),
  system: z.string().min(1).optional(),
  checkId: z.string().min(1).optional(),
  entityRef: z.string().min(1).optional(),
  state: z.enum(['pass', 'fail', 'waived']).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(SCORECARD_RESULT_LIMITS.max)
    .default(SCORECARD_RESULT_LIMITS.default),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Filters of `GET /scorecards/results`, as the client sends them. @public */
export type ScorecardResultsQuery = Partial<
  Omit<z.input<typeof scorecardResultsQuerySchema>, 'limit' | 'offset'>
> & { limit?: number; offset?: number };

/** One check result on one entity, with the fields it is grouped by. @public */
export interface ScorecardResultRow {
  entityRef: string;
  kind: string;
  owner?: string;
  system?: string;
  checkId: string;
  checkTitle: string;
  pack: string;
  level: CheckResult['level'];
  severity: CheckResult['severity'];
  /** After approved, unexpired waivers. */
  state: EffectiveCheckState;
  /** What the check found, in words. */
  message?: string;
  changedAt: string;
}

/** `GET /scorecards/results` response: a page of rows and the counts of all. @public */
export interface ScorecardResultPage {
  items: ScorecardResultRow[];
  /** Rows matching the filters, on every page. */
  total: number;
  /** Of all matching rows: results per state and distinct entities. */
  counts: {
    passing: number;
    failing: number;
    waived: number;
    entities: number;
  };
  limit: number;
  offset: number;
}

/**
 * Query of `GET /scorecards/history`: exactly one of entityRef, team or
 * pack; `days` back from today (1 to 365, default 90).
 *
 * @public
 */
export const scorecardHistoryQuerySchema = z
  .strictObject({
    entityRef: entityRef.optional(),
    team: entityRef.optional(),
    pack: z.string().min(1).optional(),
    days: z.coerce.number().int().min(1).max(365).default(90),
  })
  .refine(
    q =>
      [q.entityRef, q.team, q.pack].filter(v => v !== undefined).length === 1,
    {
      message: 'give exactly one of entityRef, team or pack',
      path: ['entityRef'],
    },
  );

/** The entity filter of a campaign. @public */
export type CampaignEntityFilter = z.infer<typeof campaignEntityFilterSchema>;
/** Body of a waiver request. @public */
export type WaiverCreateRequest = z.input<typeof waiverCreateRequestSchema>;
/** Body of a campaign creation. @public */
export type CampaignCreateRequest = z.input<typeof campaignCreateRequestSchema>;
/** Body of a campaign change. @public */
export type CampaignUpdateRequest = z.input<typeof campaignUpdateRequestSchema>;

/**
 * Status of a waiver; an approved waiver past its expiry reads as `expired`;
 * `withdrawn` when its requester took it back before a decision.
 *
 * @public
 */
export type WaiverStatus =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'withdrawn';

/** One page of waivers and how many match in all. @public */
export interface WaiverPage {
  items: Waiver[];
  /** Waivers matching the filter, on every page. */
  total: number;
  limit: number;
  offset: number;
}

/** A waiver of one failing check on one entity. @public */
export interface Waiver {
  id: string;
  entityRef: string;
  checkId: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  status: WaiverStatus;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
}

/** A check result with what the UI shows about the check. @public */
export interface CheckResultView extends CheckResult {
  check: CheckMetadata;
  effectiveState: EffectiveCheckState;
  /** The approved, unexpired waiver that turns a failure into `waived`. */
  waiverId?: string;
}

/** `GET /scorecards/entity` response. @public */
export interface EntityScorecard {
  entityRef: string;
  /** When the entity was last evaluated; undefined if never. */
  evaluatedAt?: string;
  score: number;
  packs: PackScore[];
  /** Failing and waived checks with remediation, most severe first. */
  failing: CheckResultView[];
  /** How many applicable checks pass. */
  passing: number;
  /**
   * Every applicable check's result, grouped by pack (packs in name order);
   * in each pack failing first, then waived, then passing, most severe
   * first.
   */
  results: CheckResultView[];
  /** The checks of the entity's kind that do not apply to it. */
  notApplicable: CheckMetadata[];
  waivers: Waiver[];
}

/** One row of a summary: a team, a system or a pack. @public */
export interface ScorecardSummaryRow {
  key: string;
  entities: number;
  /** Mean entity score (team, system) or severity-weighted pass rate (pack), 0..100. */
  score: number;
  passing: number;
  failing: number;
  waived: number;
  /** Entities per level; for the pack grouping only. */
  levels?: Record<PackLevel, number>;
}

/** `GET /scorecards/summary` response. @public */
export interface ScorecardSummary {
  groupBy: 'team' | 'system' | 'pack';
  rows: ScorecardSummaryRow[];
}

/** A change of a check's state on one entity. @public */
export interface CheckStateChange {
  entityRef: string;
  checkId: string;
  /** Undefined for an entity's first result of the check. */
  from?: 'pass' | 'fail';
  to: 'pass' | 'fail';
  at: string;
  /**
   * Why: what the check found when it changed (the entity's field or the
   * evidence it read), while the check still says so.
   */
  cause?: string;
}

/**
 * A change of an entity's level in one pack: a level reached, lost, or a
 * pack that began or stopped applying (`from` or `to` undefined). @public
 */
export interface PackLevelChange {
  entityRef: string;
  pack: string;
  /** Undefined when the pack did not apply before. */
  from?: PackLevel;
  /** Undefined when the pack no longer applies. */
  to?: PackLevel;
  at: string;
  /**
   * Why, in words: the pack's checks that changed in the same evaluation
   * ("Impact assessment recorded started failing"), or, when none did, a
   * waiver decided or expired or a check that stopped applying.
   */
  cause: string;
}

/** A daily point of a trend (team or entity). @public */
export interface ScorecardTrendPoint {
  day: string;
  score: number;
  passing: number;
  failing: number;
}

/** `GET /scorecards/history` response. @public */
export interface ScorecardHistory {
  /** Real transitions only (pass to fail, fail to pass), newest first. */
  changes: CheckStateChange[];
  /** Level changes per pack (not an entity's first levels), newest first. */
  levelChanges: PackLevelChange[];
  trend: ScorecardTrendPoint[];
}

/** A campaign: bring a set of checks to green for some entities by a date. @public */
export interface Campaign {
  id: string;
  title: string;
  description?: string;
  checkIds: string[];
  entityFilter: CampaignEntityFilter;
  dueDate: string;
  owner: string;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: string;
}

/** Progress of one team in a campaign. @public */
export interface CampaignTeamProgress {
  team: string;
  entities: number;
  /** Entities where every campaign check passes or is waived. */
  done: number;
  /** The team's entities not done, each with its failing campaign checks. */
  notDone: Array<{ entityRef: string; failingChecks: string[] }>;
}

/** `GET /scorecards/campaigns/:id/progress` response. @public */
export interface CampaignProgress {
  campaignId: string;
  entities: number;
  done: number;
  teams: CampaignTeamProgress[];
}

/** `POST /scorecards/evaluate` response. @public */
export interface ScorecardEvaluation {
  entities: number;
  results: number;
  changed: number;
  durationMs: number;
}
