/*
 * CostClient: the cost routes of the ModelOps backend for the frontend (and
 * any other TypeScript caller), through the shared ModelOps fetcher so that
 * errors surface as ResponseError with the backend's message and status.
 */
import { ResponseError } from '@backstage/errors';
import type {
  CostCsvImportResponse,
  CostImportJob,
  CostImportQuery,
  CostImportSourcesResponse,
  CostIngestRequest,
  CostIngestResponse,
  EntityCostView,
  IdleCostView,
  ModelCostView,
  TeamCostView,
} from '../api/cost';
import {
  createModelOpsFetcher,
  type ModelOpsClientOptions,
  type ModelOpsFetcher,
} from './createModelOpsFetcher';

/**
 * The cost API of the ModelOps backend.
 *
 * @public
 */
export interface CostApi {
  /** Monthly spend, budget and forecast of one entity (default 12 months). */
  getEntityCost(entityRef: string, months?: number): Promise<EntityCostView>;
  /** Spend per owning group with top movers (default 12 months). */
  getTeamCosts(months?: number): Promise<TeamCostView>;
  /** Spend per model, optionally of one team. */
  getModelCosts(options?: {
    team?: string;
    months?: number;
  }): Promise<ModelCostView>;
  /** Models with spend and no inferences for `days` days (default 30). */
  getIdleModels(days?: number): Promise<IdleCostView>;
  /** Ingests a batch of cost records (replaces records with the same key). */
  ingestRecords(request: CostIngestRequest): Promise<CostIngestResponse>;
  /** Imports a cloud billing export in CSV with the configured mapping. */
  importCsv(csv: string): Promise<CostCsvImportResponse>;
  /**
   * The billing formats and sources an upload can use, and how far the
   * caller's ingest permission reaches; rejects with a 403 ResponseError
   * for callers who may not import at all.
   */
  getCostImportSources(): Promise<CostImportSourcesResponse>;
  /**
   * Uploads a billing file (plain or gzip) and starts its import: a dry run
   * unless `dryRun` is false. Small files come back finished, large ones
   * queued: follow them with {@link CostApi.getCostImport}.
   */
  startCostImport(
    file: Blob,
    options: Omit<CostImportQuery, 'dryRun'> & { dryRun: boolean },
  ): Promise<CostImportJob>;
  /** An import of the caller, with its progress and report. */
  getCostImport(id: string): Promise<CostImportJob>;
}

/**
 * HTTP client of the cost routes.
 *
 * @public
 */
export class CostClient implements CostApi {
  private constructor(
    private readonly request: ModelOpsFetcher,
    private readonly options: ModelOpsClientOptions,
  ) {}

  /** Creates a client from the app's discovery and fetch APIs. */
  static create(options: ModelOpsClientOptions): CostClient {
    return new CostClient(createModelOpsFetcher(options), options);
  }

  getEntityCost(entityRef: string, months?: number): Promise<EntityCostView> {
    return this.request('/cost/entity', { query: { entityRef, months } });
  }

  getTeamCosts(months?: number): Promise<TeamCostView> {
    return this.request('/cost/teams', { query: { months } });
  }

  getModelCosts(
    options: { team?: string; months?: number } = {},
  ): Promise<ModelCostView> {
    return this.request('/cost/models', {
      query: { team: options.team, months: options.months },
    });
  }

  getIdleModels(days?: number): Promise<IdleCostView> {
    return this.request('/cost/idle', { query: { days } });
  }

  ingestRecords(request: CostIngestRequest): Promise<CostIngestResponse> {
    return this.request('/cost/records', { method: 'POST', body: request });
  }

  importCsv(csv: string): Promise<CostCsvImportResponse> {
    // JSON-wrapped so the shared fetcher's encoding and errors apply.
    return this.request('/cost/import/csv', {
      method: 'POST',
      body: { csv },
    });
  }

  getCostImportSources(): Promise<CostImportSourcesResponse> {
    return this.request('/cost/import-sources');
  }

  async startCostImport(
    file: Blob,
    options: Omit<CostImportQuery, 'dryRun'> & { dryRun: boolean },
  ): Promise<CostImportJob> {
    // The file is the body as it is (the backend streams it to disk and
    // recognises gzip by its first bytes), so it bypasses the JSON fetcher.
    const params = new URLSearchParams({ dryRun: String(options.dryRun) });
    for (const key of ['source', 'format', 'fileName', 'confirms'] as const) {
      const value = options[key];
      if (value !== undefined) params.set(key, value);
    }
    const baseUrl = await this.options.discoveryApi.getBaseUrl('modelops');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/cost/imports?${params}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv' },
        body: file,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as CostImportJob;
  }

  getCostImport(id: string): Promise<CostImportJob> {
    return this.request(`/cost/imports/${encodeURIComponent(id)}`);
  }
}
