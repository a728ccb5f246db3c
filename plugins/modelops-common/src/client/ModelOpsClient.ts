import type {
  EvaluationListQuery,
  EvaluationReport,
  EvaluationReportInput,
  EvidenceList,
  MonitoringSnapshot,
  MonitoringSnapshotInput,
  MonitoringSnapshotListQuery,
} from '../api/evidence';
import {
  createModelOpsFetcher,
  type ModelOpsClientOptions,
  type ModelOpsFetcher,
} from './createModelOpsFetcher';

/**
 * The evidence routes of the ModelOps backend.
 *
 * @public
 */
export interface ModelOpsEvidenceApi {
  /** Evaluation reports of a model, newest first. */
  getEvaluations(query: EvaluationListQuery): Promise<EvaluationReport[]>;
  /** Monitoring snapshots of a model, newest window first. */
  getMonitoringSnapshots(
    query: MonitoringSnapshotListQuery,
  ): Promise<MonitoringSnapshot[]>;
  /** Stores an evaluation report; a retry with the same key returns the stored one. */
  postEvaluation(input: EvaluationReportInput): Promise<EvaluationReport>;
  /** Stores a monitoring snapshot; a retry with the same key returns the stored one. */
  postMonitoringSnapshot(
    input: MonitoringSnapshotInput,
  ): Promise<MonitoringSnapshot>;
}

/**
 * HTTP client of the ModelOps backend's evidence routes, for frontends and
 * for other backends or scripts that have a fetch with a token.
 *
 * @public
 */
export class ModelOpsClient implements ModelOpsEvidenceApi {
  private constructor(private readonly request: ModelOpsFetcher) {}

  /** Creates a client from the app's discovery and fetch APIs. */
  static create(options: ModelOpsClientOptions): ModelOpsClient {
    return new ModelOpsClient(createModelOpsFetcher(options));
  }

  async getEvaluations(
    query: EvaluationListQuery,
  ): Promise<EvaluationReport[]> {
    const list = await this.request<EvidenceList<EvaluationReport>>(
      '/evaluations',
      { query: { ...query } },
    );
    return list.items;
  }

  async getMonitoringSnapshots(
    query: MonitoringSnapshotListQuery,
  ): Promise<MonitoringSnapshot[]> {
    const list = await this.request<EvidenceList<MonitoringSnapshot>>(
      '/monitoring-snapshots',
      { query: { ...query } },
    );
    return list.items;
  }

  async postEvaluation(
    input: EvaluationReportInput,
  ): Promise<EvaluationReport> {
    return this.request<EvaluationReport>('/evaluations', {
      method: 'POST',
      body: input,
    });
  }

  async postMonitoringSnapshot(
    input: MonitoringSnapshotInput,
  ): Promise<MonitoringSnapshot> {
    return this.request<MonitoringSnapshot>('/monitoring-snapshots', {
      method: 'POST',
      body: input,
    });
  }
}
