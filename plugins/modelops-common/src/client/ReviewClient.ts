import type {
  EntityReview,
  MyReviews,
  PortfolioReview,
  ReviewAcceptTransferRequest,
  ReviewAttestRequest,
  ReviewBulkAttestRequest,
  ReviewCycle,
  ReviewFindings,
  ReviewItem,
  ReviewProgress,
} from '../api/reviews';
import {
  createModelOpsFetcher,
  type ModelOpsClientOptions,
  type ModelOpsFetcher,
} from './createModelOpsFetcher';

/**
 * The ownership review routes of the ModelOps backend.
 *
 * @public
 */
export interface ReviewApi {
  /** Every review cycle, newest first. */
  listCycles(): Promise<ReviewCycle[]>;
  /** The caller's groups, their items in open cycles and incoming transfers. */
  getMyReviews(): Promise<MyReviews>;
  /** Open review items and the decision log of one entity. */
  getEntityReview(entityRef: string): Promise<EntityReview>;
  /** Decides about one item (members of the owning group or review admins). */
  attest(itemId: string, request: ReviewAttestRequest): Promise<ReviewItem>;
  /** Decides about many items at once, all or nothing. */
  attestMany(request: ReviewBulkAttestRequest): Promise<ReviewItem[]>;
  /** Accepts a transfer (members of the receiving group or review admins). */
  acceptTransfer(
    itemId: string,
    request?: ReviewAcceptTransferRequest,
  ): Promise<ReviewItem>;
  /** Progress by team, of the open cycles or of one cycle. */
  getProgress(cycleId?: string): Promise<ReviewProgress>;
  /** Orphans, missing stewards and business owners, overdue attestations. */
  getFindings(cycleId?: string): Promise<ReviewFindings>;
  /** The portfolio review of production models. */
  getPortfolio(): Promise<PortfolioReview>;
  /** Absolute URL of the portfolio as CSV, for a download link. */
  getPortfolioCsvUrl(): Promise<string>;
}

/**
 * HTTP client of the review routes.
 *
 * @public
 */
export class ReviewClient implements ReviewApi {
  private constructor(
    private readonly request: ModelOpsFetcher,
    private readonly options: ModelOpsClientOptions,
  ) {}

  /** Creates a client from the app's discovery and fetch APIs. */
  static create(options: ModelOpsClientOptions): ReviewClient {
    return new ReviewClient(createModelOpsFetcher(options), options);
  }

  async listCycles(): Promise<ReviewCycle[]> {
    return (await this.request<{ items: ReviewCycle[] }>('/reviews/cycles'))
      .items;
  }

  getMyReviews(): Promise<MyReviews> {
    return this.request('/reviews/mine');
  }

  getEntityReview(entityRef: string): Promise<EntityReview> {
    return this.request('/reviews/entity', { query: { entityRef } });
  }

  attest(itemId: string, request: ReviewAttestRequest): Promise<ReviewItem> {
    return this.request(`/reviews/items/${encodeURIComponent(itemId)}/attest`, {
      method: 'POST',
      body: request,
    });
  }

  async attestMany(request: ReviewBulkAttestRequest): Promise<ReviewItem[]> {
    const result = await this.request<{ items: ReviewItem[] }>(
      '/reviews/items/attest',
      { method: 'POST', body: request },
    );
    return result.items;
  }

  acceptTransfer(
    itemId: string,
    request: ReviewAcceptTransferRequest = {},
  ): Promise<ReviewItem> {
    return this.request(
      `/reviews/items/${encodeURIComponent(itemId)}/accept-transfer`,
      { method: 'POST', body: request },
    );
  }

  getProgress(cycleId?: string): Promise<ReviewProgress> {
    return this.request('/reviews/progress', { query: { cycleId } });
  }

  getFindings(cycleId?: string): Promise<ReviewFindings> {
    return this.request('/reviews/findings', { query: { cycleId } });
  }

  getPortfolio(): Promise<PortfolioReview> {
    return this.request('/reviews/portfolio');
  }

  async getPortfolioCsvUrl(): Promise<string> {
    const base = await this.options.discoveryApi.getBaseUrl('modelops');
    return `${base}/reviews/portfolio.csv`;
  }
}
