import type {
  EvaluationReport,
  MonitoringSnapshot,
} from '@modelops/plugin-modelops-common';

export type {
  EvaluationMetric,
  EvaluationReport,
  DriftStatistic,
  MonitoringSnapshot,
} from '@modelops/plugin-modelops-common';

/**
 * The evidence the ModelOps backend keeps about models, as the frontend reads it.
 *
 * @public
 */
export interface ModelOpsApi {
  /** Evaluation reports of a model, optionally of one version only. */
  getEvaluations(request: {
    modelRef: string;
    modelVersion?: string;
  }): Promise<EvaluationReport[]>;
  /** Monitoring snapshots of a model, all versions. */
  getMonitoringSnapshots(request: {
    modelRef: string;
  }): Promise<MonitoringSnapshot[]>;
}
