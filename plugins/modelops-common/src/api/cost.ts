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

/** One row of a billing export that no entity claimed. @public */
export interface UnmappedCostRow {
  /** Row of the file as a spreadsheet numbers it: the header is row 1. */
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
  /** Records stored (none in a dry run) after summing rows per day, entity and category. */
  upserted: number;
  unmapped: {
    /** How many rows no entity claimed. */
    rowCount: number;
    /** The first of them (at most 100), to fix their tags. */
    rows: UnmappedCostRow[];
    total: number;
    currency: string;
  };
  /** Everything the import read and mapped, as the billing file imports report it. */
  report: CostImportReport;
}

/** Spend an import attributes to one entity and category. @public */
export interface CostImportMappedSpend {
  entityRef: string;
  /** The entity's owning group, when it has one. */
  owner?: string;
  category: CostCategory;
  rows: number;
  amount: number;
  inferences: number;
}

/**
 * Spend whose lines named no catalog entity, grouped by the value of their
 * entity tag. @public
 */
export interface CostImportUnmappedSpend {
  /** The entity tag the lines carry; absent when they carry none ("no tag"). */
  tagKey?: string;
  tagValue?: string;
  /** The `unmapped:` pseudo entity the spend is kept under. */
  entityRef: string;
  /** The entity the value names when it is a ref the catalog lacks. */
  unknownEntityRef?: string;
  rows: number;
  amount: number;
  /** Rows of the first lines (the header is row 1), to find them in the file. */
  firstRows: number[];
}

/** A row an import refused, and the rule it broke. @public */
export interface CostImportRejectedRow {
  /** Row of the file as a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The column at fault, when one is. */
  column?: string;
  reason: string;
}

/**
 * What an import read and maps, and what it writes (or would write, in a
 * dry run). Amounts are in the reporting currency; `mapped.total` plus
 * `unmapped.total` is `total`, the sum of the file's accepted lines.
 *
 * @public
 */
export interface CostImportReport {
  source: string;
  format: { id: string; title: string; version: string };
  /** The cost measure that counts and the column (or rule) it comes from. */
  amount: { measure: string; column: string };
  currency: string;
  dryRun: boolean;
  rows: {
    /** Data rows read. */
    read: number;
    mapped: number;
    unmapped: number;
    rejected: number;
    /** Rows holding no charge, and header lines repeated by joined files. */
    skipped: number;
  };
  total: number;
  mapped: {
    total: number;
    /** Entity and category pairs; `byEntity` lists the largest 500. */
    count: number;
    byEntity: CostImportMappedSpend[];
  };
  unmapped: {
    total: number;
    /** Distinct tag values; `byTagValue` lists the largest 200. */
    count: number;
    byTagValue: CostImportUnmappedSpend[];
    /** The first unmapped rows (at most 100), one by one. */
    rows: UnmappedCostRow[];
  };
  /** Refs that tags name but the catalog does not hold (the first 100). */
  unknownEntities: string[];
  /** The first rejected rows (at most 100); `rows.rejected` counts all. */
  rejected: CostImportRejectedRow[];
  days: { count: number; from?: string; to?: string };
  /** Daily records the import writes. */
  records: number;
  /** Records the source already holds on those days, which the import replaces. */
  replacedRecords: number;
  /** An earlier import of the same file (same SHA-256), when there was one. */
  previousImport?: { id: string; at: string; dryRun: boolean };
  /**
   * In a dry run: whether importing the file would be allowed, and if not,
   * why (rejected rows, or spend the caller may not ingest).
   */
  commit?: { allowed: boolean; reason?: string };
}

/** States of a billing file import. @public */
export const COST_IMPORT_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
] as const;

/** @public */
export type CostImportStatus = (typeof COST_IMPORT_STATUSES)[number];

/**
 * A billing file import: its progress while it runs, its report once the
 * file has been read. Response of `POST /cost/imports` and
 * `GET /cost/imports/{id}`.
 *
 * @public
 */
export interface CostImportJob {
  id: string;
  status: CostImportStatus;
  dryRun: boolean;
  /** The source the records are stored under, once known. */
  source?: string;
  fileName?: string;
  /** SHA-256 of the file as uploaded, hex. */
  sha256: string;
  progress: {
    rows: number;
    bytes: number;
    totalBytes: number;
    /** Of the file's bytes read, 0 to 100. */
    percent: number;
  };
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  report?: CostImportReport;
  /** Why a failed import failed; nothing of it was written. */
  error?: string;
}

/** Names of cost sources, as `POST /cost/records` takes them. */
const sourceName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,62}$/,
    'expected lowercase letters, digits, dots, dashes or underscores',
  );

/**
 * Query of `POST /cost/imports` (the file is the body, `text/csv`, plain or
 * gzip) and of `POST /cost/import/csv`.
 *
 * @public
 */
export const costImportQuerySchema = z.strictObject({
  /** A configured source, or a format id; chosen by the detected format when absent. */
  source: sourceName.optional(),
  /** A format id; detected from the header row when absent. */
  format: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a format id such as focus')
    .optional(),
  /** Read and report without writing. Default true for `POST /cost/imports`. */
  dryRun: z.enum(['true', 'false']).optional(),
  /** The file's name, shown with the import. */
  fileName: z.string().min(1).max(255).optional(),
  /** The dry run this import confirms: the file must be the one it read. */
  confirms: z.uuid({ error: 'expected the id of a dry run' }).optional(),
});

/** @public */
export type CostImportQuery = z.infer<typeof costImportQuerySchema>;

/** Response of `GET /cost/import-sources`. @public */
export interface CostImportSourcesResponse {
  currency: string;
  /**
   * `all` when the caller may import for every entity (FinOps), `owned`
   * when only files whose spend all belongs to entities it owns.
   */
  scope: 'all' | 'owned';
  maxFileBytes: number;
  formats: Array<{
    id: string;
    title: string;
    defaultAmount: string;
    amounts: Array<{ measure: string; description: string }>;
  }>;
  /** Configured sources, then one default source per format. */
  sources: Array<{
    name: string;
    format?: string;
    amount?: string;
    configured: boolean;
  }>;
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
