import type {
  Feedback,
  FeedbackCreateRequest,
  FeedbackList,
  FeedbackListQuery,
  FeedbackStateRequest,
} from '../api/feedback';
import {
  createModelOpsFetcher,
  type ModelOpsClientOptions,
  type ModelOpsFetcher,
} from './createModelOpsFetcher';

/**
 * The feedback routes of the ModelOps backend.
 *
 * @public
 */
export interface FeedbackApi {
  /** Feedback on a model, newest first. */
  listFeedback(query: FeedbackListQuery): Promise<Feedback[]>;
  /** Reports a problem with a model; its owners are notified. */
  createFeedback(request: FeedbackCreateRequest): Promise<Feedback>;
  /** Moves feedback to another state (owners and feedback admins). */
  setFeedbackState(
    id: string,
    request: FeedbackStateRequest,
  ): Promise<Feedback>;
}

/**
 * HTTP client of the feedback routes.
 *
 * @public
 */
export class FeedbackClient implements FeedbackApi {
  private constructor(private readonly request: ModelOpsFetcher) {}

  /** Creates a client from the app's discovery and fetch APIs. */
  static create(options: ModelOpsClientOptions): FeedbackClient {
    return new FeedbackClient(createModelOpsFetcher(options));
  }

  async listFeedback(query: FeedbackListQuery): Promise<Feedback[]> {
    const list = await this.request<FeedbackList>('/feedback', {
      query: { ...query },
    });
    return list.items;
  }

  createFeedback(request: FeedbackCreateRequest): Promise<Feedback> {
    return this.request('/feedback', { method: 'POST', body: request });
  }

  setFeedbackState(
    id: string,
    request: FeedbackStateRequest,
  ): Promise<Feedback> {
    return this.request(`/feedback/${encodeURIComponent(id)}/state`, {
      method: 'POST',
      body: request,
    });
  }
}
