import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EVIDENCE_LIST_LIMITS,
  EvidenceList,
} from '@modelops/plugin-modelops-common';
import { EvaluationReport, ModelOpsApi, MonitoringSnapshot } from './types';

// The charts show a model's whole history, so ask for the largest page the
// evidence routes allow rather than their default.
const EVIDENCE_PAGE_SIZE = String(EVIDENCE_LIST_LIMITS.max);

/**
 * Reads evaluation reports and monitoring snapshots from the ModelOps backend
 * through the discovery and fetch APIs, so that the user's token is attached.
 *
 * @public
 */
export class ModelOpsEvidenceClient implements ModelOpsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  static create(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
  }): ModelOpsEvidenceClient {
    return new ModelOpsEvidenceClient(options.discoveryApi, options.fetchApi);
  }

  private constructor(discoveryApi: DiscoveryApi, fetchApi: FetchApi) {
    this.discoveryApi = discoveryApi;
    this.fetchApi = fetchApi;
  }

  async getEvaluations(request: {
    modelRef: string;
    modelVersion?: string;
  }): Promise<EvaluationReport[]> {
    return this.getList<EvaluationReport>('evaluations', {
      limit: EVIDENCE_PAGE_SIZE,
      modelRef: request.modelRef,
      modelVersion: request.modelVersion,
    });
  }

  async getMonitoringSnapshots(request: {
    modelRef: string;
  }): Promise<MonitoringSnapshot[]> {
    return this.getList<MonitoringSnapshot>('monitoring-snapshots', {
      limit: EVIDENCE_PAGE_SIZE,
      modelRef: request.modelRef,
    });
  }

  private async getList<T>(
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<T[]> {
    const baseUrl = await this.discoveryApi.getBaseUrl('modelops');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        params.set(key, value);
      }
    }
    const response = await this.fetchApi.fetch(
      `${baseUrl}/${path}?${params.toString()}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as EvidenceList<T>;
    return body.items;
  }
}
