import { ResponseError } from '@backstage/errors';
import type {
  Campaign,
  CampaignCreateRequest,
  CampaignProgress,
  CampaignUpdateRequest,
  EntityScorecard,
  ScorecardEvaluation,
  ScorecardHistory,
  ScorecardResultPage,
  ScorecardResultsQuery,
  ScorecardSummary,
  Waiver,
  WaiverCreateRequest,
} from '../api/scorecards';
import type { CheckMetadata } from '../scorecards/types';

/** The scorecard API as the frontend uses it. @public */
export interface ScorecardApi {
  listChecks(): Promise<CheckMetadata[]>;
  getEntityScorecard(entityRef: string): Promise<EntityScorecard>;
  getSummary(groupBy: ScorecardSummary['groupBy']): Promise<ScorecardSummary>;
  getHistory(
    query: { entityRef: string } | { team: string } | { pack: string },
    days?: number,
  ): Promise<ScorecardHistory>;
  /** The results behind a summary figure; every given filter must match. */
  getResults(query: ScorecardResultsQuery): Promise<ScorecardResultPage>;
  evaluate(entityRef?: string): Promise<ScorecardEvaluation>;
  listWaivers(filter?: {
    status?: Waiver['status'];
    entityRef?: string;
  }): Promise<Waiver[]>;
  requestWaiver(request: WaiverCreateRequest): Promise<Waiver>;
  decideWaiver(
    id: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<Waiver>;
  listCampaigns(): Promise<Campaign[]>;
  createCampaign(request: CampaignCreateRequest): Promise<Campaign>;
  updateCampaign(id: string, request: CampaignUpdateRequest): Promise<Campaign>;
  deleteCampaign(id: string): Promise<void>;
  getCampaignProgress(id: string): Promise<CampaignProgress>;
}

/** What the client needs from the app: the structural subset of DiscoveryApi and FetchApi. @public */
export interface ScorecardClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/**
 * HTTP client of the scorecard routes of the ModelOps backend.
 *
 * @public
 */
export class ScorecardClient implements ScorecardApi {
  private constructor(private readonly options: ScorecardClientOptions) {}

  static create(options: ScorecardClientOptions): ScorecardClient {
    return new ScorecardClient(options);
  }

  private async request<T>(
    path: string,
    init?: { method: string; body?: unknown },
  ): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('modelops');
    const response = await this.options.fetchApi.fetch(
      `${base}/scorecards${path}`,
      {
        method: init?.method ?? 'GET',
        headers:
          init?.body !== undefined
            ? { 'Content-Type': 'application/json' }
            : undefined,
        body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }

  async listChecks(): Promise<CheckMetadata[]> {
    return (await this.request<{ items: CheckMetadata[] }>('/checks')).items;
  }

  getEntityScorecard(entityRef: string): Promise<EntityScorecard> {
    return this.request(`/entity?${new URLSearchParams({ entityRef })}`);
  }

  getSummary(groupBy: ScorecardSummary['groupBy']): Promise<ScorecardSummary> {
    return this.request(`/summary?${new URLSearchParams({ groupBy })}`);
  }

  getHistory(
    query: { entityRef: string } | { team: string } | { pack: string },
    days?: number,
  ): Promise<ScorecardHistory> {
    const params = new URLSearchParams(query as Record<string, string>);
    if (days !== undefined) params.set('days', String(days));
    return this.request(`/history?${params}`);
  }

  getResults(query: ScorecardResultsQuery): Promise<ScorecardResultPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    return this.request(`/results?${params}`);
  }

  evaluate(entityRef?: string): Promise<ScorecardEvaluation> {
    return this.request('/evaluate', {
      method: 'POST',
      body: entityRef ? { entityRef } : {},
    });
  }

  async listWaivers(filter?: {
    status?: Waiver['status'];
    entityRef?: string;
  }): Promise<Waiver[]> {
    const params = new URLSearchParams();
    if (filter?.status) params.set('status', filter.status);
    if (filter?.entityRef) params.set('entityRef', filter.entityRef);
    return (await this.request<{ items: Waiver[] }>(`/waivers?${params}`))
      .items;
  }

  requestWaiver(request: WaiverCreateRequest): Promise<Waiver> {
    return this.request('/waivers', { method: 'POST', body: request });
  }

  decideWaiver(
    id: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<Waiver> {
    return this.request(`/waivers/${encodeURIComponent(id)}/${decision}`, {
      method: 'POST',
      body: comment ? { comment } : {},
    });
  }

  async listCampaigns(): Promise<Campaign[]> {
    return (await this.request<{ items: Campaign[] }>('/campaigns')).items;
  }

  createCampaign(request: CampaignCreateRequest): Promise<Campaign> {
    return this.request('/campaigns', { method: 'POST', body: request });
  }

  updateCampaign(
    id: string,
    request: CampaignUpdateRequest,
  ): Promise<Campaign> {
    return this.request(`/campaigns/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async deleteCampaign(id: string): Promise<void> {
    await this.request(`/campaigns/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  getCampaignProgress(id: string): Promise<CampaignProgress> {
    return this.request(`/campaigns/${encodeURIComponent(id)}/progress`);
  }
}
