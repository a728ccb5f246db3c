import type {
  EvaluationReport,
  EvaluationReportData,
  MonitoringSnapshot,
  MonitoringSnapshotData,
} from '@modelops/plugin-modelops-common';

/** Outcome of storing evidence under an idempotency key. */
export interface StoredEvidence<T> {
  /** False when the same key and payload were stored before (a retry). */
  created: boolean;
  record: T;
}

/** Filter of {@link EvidenceStore.listEvaluations}. */
export interface EvaluationFilter {
  modelRef: string;
  modelVersion?: string;
  limit: number;
}

/** Filter of {@link EvidenceStore.listMonitoringSnapshots}. */
export interface MonitoringSnapshotFilter {
  modelRef: string;
  modelVersion?: string;
  /** Keep snapshots whose window ends at or after this ISO timestamp. */
  since?: string;
  limit: number;
}

/**
 * Storage of evaluation reports and monitoring snapshots. Inputs are the
 * validated, normalised outputs of the common zod schemas.
 */
export interface EvidenceStore {
  /**
   * Stores a report with its metrics in one transaction.
   *
   * @throws ConflictError when its idempotency key was used for another payload
   */
  addEvaluation(
    input: EvaluationReportData,
  ): Promise<StoredEvidence<EvaluationReport>>;
  /** Reports of a model, newest `evaluatedAt` first. */
  listEvaluations(filter: EvaluationFilter): Promise<EvaluationReport[]>;
  /**
   * Stores a snapshot with its drift statistics in one transaction.
   *
   * @throws ConflictError when its idempotency key was used for another payload
   */
  addMonitoringSnapshot(
    input: MonitoringSnapshotData,
  ): Promise<StoredEvidence<MonitoringSnapshot>>;
  /** Snapshots of a model, newest `windowEnd` first. */
  listMonitoringSnapshots(
    filter: MonitoringSnapshotFilter,
  ): Promise<MonitoringSnapshot[]>;
  /**
   * The newest report of each given model (by `evaluatedAt`), keyed by the
   * normalised model ref; models without reports are absent. One query per
   * chunk of refs, however many models. Every `latest...` read takes an
   * optional `asOf` (a stored time): only evidence dated at or before it
   * counts, which is how a scorecard evaluated for a past day reads the
   * evidence as it stood then.
   */
  latestEvaluationsByModel(
    modelRefs: string[],
    asOf?: string,
  ): Promise<Map<string, EvaluationReport>>;
  /**
   * The newest report of each given model among the reports of the given
   * version (the one a model declares in `spec.version`), keyed by the
   * normalised model ref; models without a report of that version are
   * absent. One query per chunk.
   */
  latestEvaluationsOfVersions(
    versions: Array<{ modelRef: string; modelVersion: string }>,
    asOf?: string,
  ): Promise<Map<string, EvaluationReport>>;
  /**
   * Refs of the models with evaluation reports recorded after `since` (an ISO 8601
   * instant in `toISOString` form, as the columns hold it), for the
   * scorecards' change scan. One query.
   */
  entityRefsChangedSince(since: string): Promise<string[]>;
  /**
   * The newest snapshot of each given model (by `windowEnd`) among the
   * snapshots of the given version, as {@link EvidenceStore.latestEvaluationsOfVersions}.
   */
  latestSnapshotsOfVersions(
    versions: Array<{ modelRef: string; modelVersion: string }>,
    asOf?: string,
  ): Promise<Map<string, MonitoringSnapshot>>;
  /** The newest snapshot of each given model (by `windowEnd`), as above. */
  latestSnapshotsByModel(
    modelRefs: string[],
    asOf?: string,
  ): Promise<Map<string, MonitoringSnapshot>>;
}
