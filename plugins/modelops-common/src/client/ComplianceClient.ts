import { ResponseError } from '@backstage/errors';
import type {
  DossierFormat,
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

/** A downloaded Annex IV dossier in Markdown. @public */
export interface DossierDownload {
  fileName: string;
  content: string;
}

/** A downloaded Annex IV dossier as a PDF document. @public */
export interface DossierPdfDownload {
  /** `<model>-<version>-annex-iv.pdf`. */
  fileName: string;
  /** The bytes of the PDF file. */
  content: Uint8Array;
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
  /**
   * The Annex IV technical documentation of the model version: Markdown
   * text by default, or the same dossier as a PDF document.
   */
  getDossier(entityRef: string, format?: 'markdown'): Promise<DossierDownload>;
  /** The same dossier as a PDF document. */
  getDossier(entityRef: string, format: 'pdf'): Promise<DossierPdfDownload>;
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

  getDossier(entityRef: string, format?: 'markdown'): Promise<DossierDownload>;
  getDossier(entityRef: string, format: 'pdf'): Promise<DossierPdfDownload>;
  async getDossier(
    entityRef: string,
    format: DossierFormat = 'markdown',
  ): Promise<DossierDownload | DossierPdfDownload> {
    // The dossier is a file, not JSON, so it is read as text or bytes here.
    // Markdown is the route's default, so its request stays what it was.
    const baseUrl = await this.options.discoveryApi.getBaseUrl('modelops');
    const query = new URLSearchParams(
      format === 'markdown' ? { entityRef } : { entityRef, format },
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/compliance/dossier?${query}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const extension = format === 'pdf' ? 'pdf' : 'md';
    const fileName =
      /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `annex-iv.${extension}`;
    return format === 'pdf'
      ? { fileName, content: new Uint8Array(await response.arrayBuffer()) }
      : { fileName, content: await response.text() };
  }
}
