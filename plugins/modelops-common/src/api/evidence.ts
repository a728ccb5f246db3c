/*
 * Evidence API: the request schemas of evaluation reports and monitoring
 * snapshots (validated by the backend router and the demo data loader with the
 * same zod schemas) and the shapes the evidence routes answer with.
 *
 * Entity refs are normalised to lower case `kind:namespace/name`, as the
 * catalog compares refs case-insensitively; timestamps are normalised to UTC
 * ISO 8601 with milliseconds, so that the same report sent twice has the same
 * fingerprint whatever offset notation the pipeline used.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
// The same vocabulary as spec.monitoring.drift.test of MLModel entities, so
// that checks can compare what a model declares with what it reports.
import { DRIFT_TESTS } from '../kinds/enums';
import { isoDateTimeSchema } from './isoDate';

/** Most metrics one evaluation report may hold. @public */
export const MAX_EVALUATION_METRICS = 1000;
/** Most drift statistics one monitoring snapshot may hold. @public */
export const MAX_SNAPSHOT_DRIFT_ENTRIES = 2000;
/** The pseudo feature name of drift measured on the model's output. @public */
export const OUTPUT_DRIFT_FEATURE = '__output__';

/**
 * A zod schema of an entity ref of one kind, normalised to lower case
 * `kind:namespace/name` (the namespace defaults to `default`).
 *
 * @public
 */
export function entityRefOfKind(kind: string) {
  return z
    .string()
    .max(255)
    .transform((value, ctx) => {
      try {
        const ref = parseEntityRef(value, { defaultNamespace: 'default' });
        if (ref.kind.toLocaleLowerCase('en-US') === kind) {
          return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
        }
      } catch {
        // reported below with the expected shape
      }
      ctx.addIssue({
        code: 'custom',
        message: `expected a ${kind} entity ref such as ${kind}:default/name`,
      });
      return z.NEVER;
    });
}

const timestamp = isoDateTimeSchema();

const label = (max: number) => z.string().trim().min(1).max(max);

// zod 4 numbers already reject NaN and Infinity.
const finiteNumber = z.number();

/**
 * One metric of an evaluation report. A `slice` restricts it to one group of
 * an attribute, for example the recall for `{ attribute: 'age', group: '65+' }`,
 * which is how per-group fairness metrics are reported.
 *
 * @public
 */
export const evaluationMetricSchema = z.strictObject({
  name: label(200),
  value: finiteNumber,
  slice: z
    .strictObject({ attribute: label(200), group: label(200) })
    .optional(),
});

/** @public */
export type EvaluationMetric = z.infer<typeof evaluationMetricSchema>;

/**
 * Body of `POST /evaluations`.
 *
 * @public
 */
export const evaluationReportInputSchema = z.strictObject({
  idempotencyKey: label(200).optional(),
  modelRef: entityRefOfKind('mlmodel'),
  modelVersion: label(200),
  datasetRef: entityRefOfKind('dataset').optional(),
  evaluatedAt: timestamp,
  source: label(200).optional(),
  metrics: z
    .array(evaluationMetricSchema)
    .min(1, 'must hold at least one metric')
    .max(MAX_EVALUATION_METRICS),
});

/** An evaluation report as sent by a pipeline. @public */
export type EvaluationReportInput = z.input<typeof evaluationReportInputSchema>;
/** An evaluation report after validation and normalisation. @public */
export type EvaluationReportData = z.output<typeof evaluationReportInputSchema>;

/**
 * One drift statistic of a monitoring snapshot; `feature` is
 * {@link OUTPUT_DRIFT_FEATURE} for drift of the model's output.
 *
 * @public
 */
export const driftStatisticSchema = z.strictObject({
  feature: label(200),
  test: z.enum(DRIFT_TESTS),
  statistic: finiteNumber,
  pValue: finiteNumber.min(0).max(1).optional(),
});

/** @public */
export type DriftStatistic = z.infer<typeof driftStatisticSchema>;

/**
 * Body of `POST /monitoring-snapshots`.
 *
 * @public
 */
export const monitoringSnapshotInputSchema = z
  .strictObject({
    idempotencyKey: label(200).optional(),
    modelRef: entityRefOfKind('mlmodel'),
    modelVersion: label(200),
    windowStart: timestamp,
    windowEnd: timestamp,
    drift: z
      .array(driftStatisticSchema)
      .max(MAX_SNAPSHOT_DRIFT_ENTRIES)
      .default([]),
    latencyP95Ms: finiteNumber.min(0).optional(),
    errorRate: finiteNumber.min(0).max(1).optional(),
    traffic: z.number().int().min(0).optional(),
    coldStartP95Ms: finiteNumber.min(0).optional(),
  })
  .refine(
    value => Date.parse(value.windowStart) <= Date.parse(value.windowEnd),
    {
      path: ['windowEnd'],
      message: 'must not be before windowStart',
    },
  );

/** A monitoring snapshot as sent by a pipeline. @public */
export type MonitoringSnapshotInput = z.input<
  typeof monitoringSnapshotInputSchema
>;
/** A monitoring snapshot after validation and normalisation. @public */
export type MonitoringSnapshotData = z.output<
  typeof monitoringSnapshotInputSchema
>;

/** A stored evaluation report. @public */
export interface EvaluationReport {
  id: string;
  idempotencyKey?: string;
  modelRef: string;
  modelVersion: string;
  datasetRef?: string;
  evaluatedAt: string;
  source?: string;
  metrics: EvaluationMetric[];
  /** When the backend stored the report. */
  createdAt: string;
}

/** A stored monitoring snapshot. @public */
export interface MonitoringSnapshot {
  id: string;
  idempotencyKey?: string;
  modelRef: string;
  modelVersion: string;
  windowStart: string;
  windowEnd: string;
  drift: DriftStatistic[];
  latencyP95Ms?: number;
  errorRate?: number;
  traffic?: number;
  /** p95 time to first response of a cold instance (serverless serving). */
  coldStartP95Ms?: number;
  /** When the backend stored the snapshot. */
  createdAt: string;
}

/** Default and largest page sizes of the evidence list routes. @public */
export const EVIDENCE_LIST_LIMITS = { default: 50, max: 500 } as const;

/**
 * Query of `GET /evaluations`.
 *
 * @public
 */
export const evaluationListQuerySchema = z.strictObject({
  modelRef: entityRefOfKind('mlmodel'),
  modelVersion: label(200).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(EVIDENCE_LIST_LIMITS.max)
    .default(EVIDENCE_LIST_LIMITS.default),
});

/** Query of `GET /evaluations` as a client sends it. @public */
export interface EvaluationListQuery {
  modelRef: string;
  modelVersion?: string;
  limit?: number;
}

/**
 * Query of `GET /monitoring-snapshots`; `since` keeps snapshots whose window
 * ends at or after it.
 *
 * @public
 */
export const monitoringSnapshotListQuerySchema = z.strictObject({
  modelRef: entityRefOfKind('mlmodel'),
  modelVersion: label(200).optional(),
  since: timestamp.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(EVIDENCE_LIST_LIMITS.max)
    .default(EVIDENCE_LIST_LIMITS.default),
});

/** Query of `GET /monitoring-snapshots` as a client sends it. @public */
export interface MonitoringSnapshotListQuery {
  modelRef: string;
  modelVersion?: string;
  /** ISO 8601 date-time. */
  since?: string;
  limit?: number;
}

/** Answer of the evidence list routes. @public */
export interface EvidenceList<T> {
  items: T[];
}
