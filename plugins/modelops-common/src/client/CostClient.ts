/*
 * CostClient: the cost routes of the ModelOps backend for the frontend (and
 * any other TypeScript caller), through the shared ModelOps fetcher so that
 * errors surface as ResponseError with the backend's message and status.
 */
import type {
  CostCsvImportResponse,
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
}

/**
 * HTTP client of the cost routes.
 *
 * @public
 */
export class CostClient implements CostApi {
  private constructor(private readonly request: ModelOpsFetcher) {}

  /** Creates a client from the app's discovery and fetch APIs. */
  static create(options: ModelOpsClientOptions): CostClient {
    return new CostClient(createModelOpsFetcher(options));
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
}
