import { ResponseError } from '@backstage/errors';
import type {
  EntityComplianceResponse,
  ObligationListResponse,
  PortfolioComplianceResponse,
} from '../api/compliance';
import type { ObligationInstrument } from '../obligations/types';
import {
  createModelOpsFetcher,
  type ModelOpsClientOptions,
  type ModelOpsFetcher,
} from './createModelOpsFetcher';

/** A downloaded Annex IV dossier. @public */
export interface DossierDownload {
  fileName: string;
  content: string;
}

/**
 * The compliance routes of the ModelOps backend.
 *
 * @public
 */
export interface ComplianceApi {
  /** The tracked obligations and the checks citing each; `appliesFrom` keeps those applying from that date. */
  getObligations(query?: {
    instrument?: ObligationInstrument;
    appliesFrom?: string;
  }): Promise<ObligationListResponse>;
  /** One model's obligations with their dates and status. */
  getEntityCompliance(query: {
    entityRef: string;
    instrument?: ObligationInstrument;
  }): Promise<EntityComplianceResponse>;
  /** Models per status of every obligation. */
  getPortfolioCompliance(query?: {
    instrument?: ObligationInstrument;
  }): Promise<PortfolioComplianceResponse>;
  /** The Annex IV technical documentation of the model version, as Markdown. */
  getDossier(entityRef: string): Promise<DossierDownload>;
}

/**
 * HTTP client of the compliance routes.
 *
 * @public
 */
export class ComplianceClient implements ComplianceApi {
  private constructor(
    private readonly request: ModelOpsFetcher,
    private readonly options: ModelOpsClientOptions,
  ) {}

  /** Creates a client from the app's discovery and fetch APIs. */
  static create(options: ModelOpsClientOptions): ComplianceClient {
    return new ComplianceClient(createModelOpsFetcher(options), options);
  }

  getObligations(
    query: { instrument?: ObligationInstrument; appliesFrom?: string } = {},
  ): Promise<ObligationListResponse> {
    return this.request('/compliance/obligations', { query: { ...query } });
  }

  getEntityCompliance(query: {
    entityRef: string;
    instrument?: ObligationInstrument;
  }): Promise<EntityComplianceResponse> {
    return this.request('/compliance/entity', { query: { ...query } });
  }

  getPortfolioCompliance(
    query: { instrument?: ObligationInstrument } = {},
  ): Promise<PortfolioComplianceResponse> {
    return this.request('/compliance/portfolio', { query: { ...query } });
  }

  async getDossier(entityRef: string): Promise<DossierDownload> {
    // The dossier is a file, not JSON, so it is read as text here.
    const baseUrl = await this.options.discoveryApi.getBaseUrl('modelops');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/compliance/dossier?${new URLSearchParams({ entityRef })}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName =
      /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'annex-iv.md';
    return { fileName, content: await response.text() };
  }
}
