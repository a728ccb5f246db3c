/*
 * Observations: what registry and cluster providers saw of each source
 * object (an MLflow registered model, a KServe InferenceService), with the
 * import notes of what they could not map. Providers replace the snapshot
 * of their source after every successful read; pages and scorecard facts
 * read it per entity.
 */
import { z } from 'zod';
import { entityRefOfKind } from './evidence';

/** Longest value an import note keeps, in characters. @public */
export const IMPORT_NOTE_VALUE_MAX = 500;

/**
 * Something a provider or importer could not map: the source field, the
 * value it found there (as text) and why it was not mapped.
 *
 * @public
 */
export interface ImportNote {
  /** The field in the source, e.g. `tags.risk_tier` or `model-index[0].results[1]`. */
  field: string;
  /** The value found, as text; absent when the field was missing. */
  value?: string;
  /** Why it was not mapped, in words. */
  reason: string;
}

/**
 * What a cluster shows of one serving object (a KServe InferenceService).
 *
 * @public
 */
export interface ServingObservation {
  cluster: string;
  namespace: string;
  name: string;
  /** The ServingRuntime the predictor runs on, when named. */
  runtime?: string;
  /** The predictor's model format, e.g. `sklearn`, `onnx`. */
  modelFormat?: string;
  /** `spec.predictor.canaryTrafficPercent`; absent without a canary rollout. */
  canaryTrafficPercent?: number;
  minReplicas?: number;
  maxReplicas?: number;
  /** Autoscaling target and the metric it applies to (`concurrency`, `cpu`...). */
  scaleTarget?: number;
  scaleMetric?: string;
  url?: string;
  /** Whether the object's `Ready` condition is `True`. */
  ready?: boolean;
}

/**
 * The report of one source object: the entity it became or is served for
 * (absent when it maps to none), its import notes and, for serving objects,
 * what the cluster shows.
 *
 * @public
 */
export interface SourceObjectReport {
  /**
   * The object's id in its source, e.g. an MLflow model name or, for an
   * InferenceService, `cluster/namespace/name` (the value an MLModel names
   * in its `modelops.dev/kserve-inference-service` annotation).
   */
  sourceObject: string;
  entityRef?: string;
  notes: ImportNote[];
  serving?: ServingObservation;
}

const text = (max: number) => z.string().min(1).max(max);

const importNoteSchema = z.strictObject({
  field: text(300),
  value: z.string().max(IMPORT_NOTE_VALUE_MAX).optional(),
  reason: text(500),
});

const count = z.int().min(0).max(1_000_000);

const servingObservationSchema = z.strictObject({
  cluster: text(200),
  namespace: text(253),
  name: text(253),
  runtime: text(253).optional(),
  modelFormat: text(100).optional(),
  canaryTrafficPercent: z.int().min(0).max(100).optional(),
  minReplicas: count.optional(),
  maxReplicas: count.optional(),
  scaleTarget: z.number().min(0).optional(),
  scaleMetric: text(100).optional(),
  url: text(2000).optional(),
  ready: z.boolean().optional(),
});

/** Largest number of source objects in one snapshot. @public */
export const MAX_OBSERVATION_REPORTS = 20_000;

/**
 * Body of `PUT /observations/sources/{source}`: the whole snapshot of one
 * source, which replaces the previous one.
 *
 * @public
 */
export const observationSnapshotInputSchema = z.strictObject({
  reports: z
    .array(
      z.strictObject({
        sourceObject: text(500),
        entityRef: entityRefOfKind('mlmodel').optional(),
        notes: z.array(importNoteSchema).max(200),
        serving: servingObservationSchema.optional(),
      }),
    )
    .max(MAX_OBSERVATION_REPORTS),
});

/** A snapshot as a provider sends it. @public */
export type ObservationSnapshotInput = z.input<
  typeof observationSnapshotInputSchema
>;

/**
 * A source id: the provider name, e.g. `MlflowEntityProvider:prod` or
 * `KServeEntityProvider`.
 *
 * @public
 */
export const observationSourceSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,119}$/, {
    message:
      'expected 1 to 120 letters, digits, colons, dots, dashes or underscores',
  });

/** Query of `GET /observations`. @public */
export const observationsQuerySchema = z.strictObject({
  entityRef: entityRefOfKind('mlmodel'),
});

/** A stored report with the source that sent it and when. @public */
export interface StoredSourceObjectReport extends SourceObjectReport {
  source: string;
  /** Since when the source reports this object as it is now (ISO 8601). */
  observedAt: string;
}

/**
 * Answer of `GET /observations`: every report about the model, and the
 * notes where what the entity declares disagrees with what is observed.
 *
 * @public
 */
export interface EntityObservations {
  entityRef: string;
  reports: StoredSourceObjectReport[];
  disagreements: ImportNote[];
}

/** Answer of `PUT /observations/sources/{source}`. @public */
export interface ObservationSnapshotResult {
  source: string;
  reports: number;
}
