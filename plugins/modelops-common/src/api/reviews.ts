/*
 * Ownership review API: request schemas of the review routes and the shapes
 * of their responses, shared by the backend router and the ReviewClient.
 */
import { z } from 'zod';

/**
 * What an owning group decides about an entity in a review cycle.
 *
 * @public
 */
export const REVIEW_DECISIONS = ['keep', 'transfer', 'retire'] as const;

/** @public */
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * Where a review item stands. `transfer-pending` waits for a member of the
 * receiving group; `transferred` is final for the cycle.
 *
 * @public
 */
export type ReviewItemState =
  | 'pending'
  | 'kept'
  | 'transfer-pending'
  | 'transferred'
  | 'retired';

/**
 * Kinds of detected ownership problems.
 *
 * - `owner-not-found`: the owner ref does not resolve in the catalog
 * - `owner-without-members`: the owner is a group nobody belongs to
 * - `missing-steward`: a Dataset without `spec.steward`
 * - `missing-business-owner`: a production MLModel without `spec.businessOwner`
 * - `attestation-overdue`: an item of an open cycle still undecided after its due date
 *
 * @public
 */
export type ReviewFindingType =
  | 'owner-not-found'
  | 'owner-without-members'
  | 'missing-steward'
  | 'missing-business-owner'
  | 'attestation-overdue';

const groupRef = z
  .string()
  .trim()
  .regex(
    /^(group:)?([^:/\s]+\/)?[^:/\s]+$/,
    'expected a group ref such as group:default/risk-ml',
  )
  .max(255);

const note = z.string().trim().max(2000, 'must be at most 2000 characters');

function requireTransferTarget(
  value: { decision: ReviewDecision; transferTo?: string },
  ctx: z.RefinementCtx,
) {
  if (value.decision === 'transfer' && !value.transferTo) {
    ctx.addIssue({
      code: 'custom',
      path: ['transferTo'],
      message: 'required when decision is transfer',
    });
  }
  if (value.decision !== 'transfer' && value.transferTo) {
    ctx.addIssue({
      code: 'custom',
      path: ['transferTo'],
      message: 'only allowed when decision is transfer',
    });
  }
}

/**
 * Body of `POST /reviews/items/:id/attest`.
 *
 * @public
 */
export const reviewAttestRequestSchema = z
  .strictObject({
    decision: z.enum(REVIEW_DECISIONS),
    note: note.optional(),
    transferTo: groupRef.optional(),
  })
  .superRefine(requireTransferTarget);

/** @public */
export type ReviewAttestRequest = z.input<typeof reviewAttestRequestSchema>;

/** Most items one bulk attestation may decide. @public */
export const REVIEW_BULK_LIMIT = 200;

/**
 * Body of `POST /reviews/items/attest`: one decision for many items, applied
 * all together or not at all.
 *
 * @public
 */
export const reviewBulkAttestRequestSchema = z
  .strictObject({
    itemIds: z
      .array(z.string().regex(/^[1-9]\d{0,15}$/, 'expected an item id'))
      .min(1, 'must list at least one item')
      .max(REVIEW_BULK_LIMIT, `must list at most ${REVIEW_BULK_LIMIT} items`),
    decision: z.enum(REVIEW_DECISIONS),
    note: note.optional(),
    transferTo: groupRef.optional(),
  })
  .superRefine(requireTransferTarget);

/** @public */
export type ReviewBulkAttestRequest = z.input<
  typeof reviewBulkAttestRequestSchema
>;

/**
 * Body of `POST /reviews/items/:id/accept-transfer`.
 *
 * @public
 */
export const reviewAcceptTransferRequestSchema = z.strictObject({
  note: note.optional(),
});

/** @public */
export type ReviewAcceptTransferRequest = z.input<
  typeof reviewAcceptTransferRequestSchema
>;

/**
 * Query of `GET /reviews/progress` and `GET /reviews/findings`.
 *
 * @public
 */
export const reviewCycleQuerySchema = z.strictObject({
  cycleId: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'expected a cycle id')
    .optional(),
});

/**
 * One review cycle: the entities of one kind and lifecycles, for one period.
 *
 * @public
 */
export interface ReviewCycle {
  id: string;
  /** The cadence that opened it, e.g. `MLModel:production`. */
  cadence: string;
  kind: string;
  lifecycles: string[];
  /** Label of the period, e.g. `2026-10-01`. */
  period: string;
  periodStart: string;
  periodEnd: string;
  dueAt: string;
  openedAt: string;
  /** `open` until the period ends. */
  status: 'open' | 'closed';
  itemCount: number;
  decidedCount: number;
}

/**
 * One entity to attest in a cycle.
 *
 * @public
 */
export interface ReviewItem {
  id: string;
  cycleId: string;
  entityRef: string;
  entityKind: string;
  entityTitle?: string;
  /** The owner when the cycle opened. */
  ownerRef: string;
  state: ReviewItemState;
  dueAt: string;
  /** Still undecided (or transfer unaccepted) after the due date of an open cycle. */
  overdue: boolean;
  decision?: ReviewDecision;
  note?: string;
  decidedBy?: string;
  decidedAt?: string;
  transferTo?: string;
  acceptedBy?: string;
  acceptedAt?: string;
}

/**
 * `GET /reviews/mine`: the caller's groups, the items they own and the
 * transfers waiting for them.
 *
 * @public
 */
export interface MyReviews {
  userRef: string;
  groups: string[];
  items: ReviewItem[];
  /** Items other groups want to hand over to one of the caller's groups. */
  incomingTransfers: ReviewItem[];
}

/**
 * One immutable record of a decision.
 *
 * @public
 */
export interface ReviewDecisionRecord {
  id: string;
  itemId: string;
  cycleId: string;
  entityRef: string;
  action: ReviewDecision | 'accept-transfer';
  actor: string;
  /** `admin` when the actor decided as holder of the review admin permission. */
  authority: 'member' | 'admin';
  note?: string;
  transferTo?: string;
  createdAt: string;
}

/**
 * Review progress of one owning team.
 *
 * @public
 */
export interface ReviewTeamProgress {
  team: string;
  total: number;
  pending: number;
  kept: number;
  transferPending: number;
  transferred: number;
  retired: number;
  overdue: number;
  /** 0..100, share of items decided (a pending transfer counts as undecided). */
  percentDone: number;
}

/** `GET /reviews/progress` response. @public */
export interface ReviewProgress {
  cycles: ReviewCycle[];
  teams: ReviewTeamProgress[];
}

/** One detected ownership problem. @public */
export interface ReviewFinding {
  type: ReviewFindingType;
  entityRef: string;
  entityKind: string;
  ownerRef?: string;
  message: string;
}

/** `GET /reviews/findings` response. @public */
export interface ReviewFindings {
  generatedAt: string;
  items: ReviewFinding[];
}

/** A KPI of a model as declared in `spec.kpis`. @public */
export interface PortfolioKpi {
  name: string;
  target?: string;
  businessOutcome?: string;
}

/** One production model in the portfolio review. @public */
export interface PortfolioRow {
  entityRef: string;
  title?: string;
  owner?: string;
  businessOwner?: string;
  riskTier?: string;
  kpis: PortfolioKpi[];
  /** Latest scorecard score (0..100), when the scorecards have evaluated it. */
  scorecardScore?: number;
  /** Lowest level over the scorecard packs, when evaluated. */
  scorecardLevel?: 'none' | 'bronze' | 'silver' | 'gold';
  /** Spend of the last full calendar month, when cost records exist. */
  monthlyCost?: number;
  /** The month `monthlyCost` is about, `YYYY-MM`. */
  costMonth?: string;
  latestDecision?: ReviewDecision;
  decidedAt?: string;
  decidedBy?: string;
  /** Why the model is a retirement candidate; empty when it is not. */
  retirementReasons: string[];
}

/** `GET /reviews/portfolio` response. @public */
export interface PortfolioReview {
  generatedAt: string;
  rows: PortfolioRow[];
}

/**
 * `GET /reviews/entity`: the review items of one entity in open cycles and
 * its whole decision log.
 *
 * @public
 */
export interface EntityReview {
  entityRef: string;
  items: ReviewItem[];
  decisions: ReviewDecisionRecord[];
}

/**
 * Query of `GET /reviews/entity`.
 *
 * @public
 */
export const reviewEntityQuerySchema = z.strictObject({
  entityRef: z
    .string()
    .regex(
      /^[^:/\s]+:[^:/\s]+\/[^:/\s]+$/,
      'expected a full entity ref kind:namespace/name',
    )
    .max(255),
});
