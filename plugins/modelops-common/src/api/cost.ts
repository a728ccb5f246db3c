/*
 * Cost API: the request schema of cost ingestion and the response shapes of
 * the cost views, shared by the backend router and the frontend CostClient.
 */
import { z } from 'zod';
import { isoDaySchema } from './isoDate';

/**
 * What a cost record pays for. `data` is data processing and transfer;
 * `credit` holds credits, refunds and discounts, the one category whose
 * amounts may be negative.
 *
 * @public
 */
export const COST_CATEGORIES = [
  'training',
  'inference',
  'storage',
  'data',
  'other',
  'credit',
] as const;

/** @public */
export type CostCategory = (typeof COST_CATEGORIES)[number];

/**
 * The category whose amounts may be below zero: credits, refunds and
 * discounts reduce spend, every other category only adds to it.
 *
 * @public
 */
export const CREDIT_COST_CATEGORY = 'credit' satisfies CostCategory;

/**
 * The usage unit whose quantity counts served predictions; cost per 1,000
 * inferences and idleness are computed from records with this unit.
 *
 * @public
 */
export const INFERENCE_USAGE_UNIT = 'inferences';

/**
 * Kind of the pseudo entities that hold spend a cost source could not map to
 * a catalog entity (for example untagged cloud resources). Kept, not dropped,
 * so that the team view shows how much spend nobody owns yet.
 *
 * @public
 */
export const UNMAPPED_COST_KIND = 'unmapped';

const isoDay = isoDaySchema();

/**
 * One cost record as sent to `POST /cost/records`.
 *
 * @public
 */
export const costRecordInputSchema = z
  .object({
    entityRef: z
      .string()
      .regex(
        /^[^:/\s]+:[^:/\s]+\/[^:/\s]+$/,
        'expected a full entity ref kind:namespace/name',
      )
      .max(255),
    modelVersion: z.string().max(255).optional(),
    day: isoDay,
    category: z.enum(COST_CATEGORIES),
    /**
     * In units of the currency (12.34 is twelve dollars and 34 cents), stored
     * exactly to the millionth; the backend bounds it by
     * `modelops.cost.maxRecordAmount`.
     */
    amount: z.number().finite(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD'),
    usageQuantity: z
      .number()
      .finite()
      .min(0, 'must be zero or more')
      .optional(),
    usageUnit: z.string().min(1).max(64).optional(),
  })
  .superRefine((record, context) => {
    if (record.amount < 0 && record.category !== CREDIT_COST_CATEGORY) {
      context.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `must be zero or more unless the category is ${CREDIT_COST_CATEGORY}`,
      });
    }
  });

/** @public */
export type CostRecordInput = z.infer<typeof costRecordInputSchema>;

/**
 * Most records accepted in one ingestion request; keeps a batch within the
 * plugin's 1 MB JSON body limit.
 *
 * @public
 */
export const MAX_COST_RECORDS_PER_BATCH = 2500;

/**
 * Body of `POST /cost/records`: a batch from one source, stored in one
 * transaction or not at all.
 *
 * @public
 */
export const costIngestRequestSchema = z.object({
  source: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._-]{0,62}$/,
      'expected lowercase letters, digits, dots, dashes or underscores',
    ),
  records: z
    .array(costRecordInputSchema)
    .min(1, 'must hold at least one record')
    .max(MAX_COST_RECORDS_PER_BATCH),
});

/** @public */
export type CostIngestRequest = z.infer<typeof costIngestRequestSchema>;

/** Response of `POST /cost/records`. @public */
export interface CostIngestResponse {
  source: string;
  /** Records inserted or replaced (same source, day, entity, version and category). */
  upserted: number;
}

/** One row of a CSV billing export that no entity claimed. @public */
export interface UnmappedCostRow {
  /** 1-based line number in the CSV, the header being line 1. */
  line: number;
  /** The value of the entity tag, when the row had one. */
  tagValue?: string;
  amount: number;
}

/** Response of `POST /cost/import/csv`. @public */
export interface CostCsvImportResponse {
  source: string;
  /** Data rows read from the CSV. */
  rows: number;
  /** Rows attributed to a catalog entity. */
  mappedRows: number;
  /** Records stored after summing rows per day, entity and category. */
  upserted: number;
  unmapped: {
    /** How many rows no entity claimed. */
    rowCount: number;
    /** The first of them (at most 100), to fix their tags. */
    rows: UnmappedCostRow[];
    total: number;
    currency: string;
  };
}

/** Spend of one month, split by category. @public */
export interface MonthlyCost {
  /** YYYY-MM */
  month: string;
  byCategory: Record<CostCategory, number>;
  total: number;
  inferences: number;
  /** Total spend per 1,000 inferences; absent when nothing was served. */
  costPer1kInferences?: number;
}

/** Response of `GET /cost/entity`. @public */
export interface EntityCostView {
  entityRef: string;
  currency: string;
  /** Oldest month first; months without spend are present with zeros. */
  months: MonthlyCost[];
  /** From the entity's `spec.cost.monthlyBudget`. */
  monthlyBudget?: number;
  currentMonth: {
    month: string;
    actual: number;
    /** Linear month-end projection of the spend so far. */
    forecast: number;
    /** Budget minus forecast; negative means the month will overrun. */
    budgetRemaining?: number;
    overBudget: boolean;
  };
  /** Over the whole window. */
  costPer1kInferences?: number;
  targetCostPer1kInferences?: number;
}

/** One entity whose spend changed most from one month to the next. @public */
export interface CostMover {
  entityRef: string;
  owner?: string;
  previous: number;
  current: number;
  change: number;
  /** Relative change; absent when the previous month had no spend. */
  changeRatio?: number;
}

/** One owning group in the team view. @public */
export interface TeamCost {
  /** Group entity ref, or `unmapped` / `unowned` for spend nobody owns. */
  team: string;
  months: Array<{ month: string; total: number }>;
  total: number;
  previousMonth: number;
  lastMonth: number;
  change: number;
}

/** Response of `GET /cost/teams`. @public */
export interface TeamCostView {
  currency: string;
  /** The two complete months compared by `change` and `topMovers`. */
  comparedMonths: { previous: string; last: string };
  teams: TeamCost[];
  topMovers: CostMover[];
}

/** One entity in the model view. @public */
export interface ModelCost {
  entityRef: string;
  owner?: string;
  total: number;
  byCategory: Record<CostCategory, number>;
  previousMonth: number;
  lastMonth: number;
  change: number;
  inferences: number;
  costPer1kInferences?: number;
  monthlyBudget?: number;
}

/** Response of `GET /cost/models`. @public */
export interface ModelCostView {
  currency: string;
  team?: string;
  months: number;
  comparedMonths: { previous: string; last: string };
  models: ModelCost[];
}

/** A model that costs money but served nothing. @public */
export interface IdleModel {
  entityRef: string;
  owner?: string;
  lifecycle?: string;
  /** Spend within the idle window. */
  spend: number;
  /** Last day with inferences, absent when it never served. */
  lastInferenceDay?: string;
  /** Days since the last inference, or since its first cost when it never served. */
  idleDays: number;
  /**
   * True for models outside experimentation (staging, production,
   * deprecated or unknown lifecycle): paying for a model nobody calls is
   * waste there, while experimental models often train without serving.
   */
  retirementCandidate: boolean;
}

/** Response of `GET /cost/idle`. @public */
export interface IdleCostView {
  currency: string;
  days: number;
  models: IdleModel[];
}
