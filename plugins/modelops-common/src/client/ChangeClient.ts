import type {
  ChangeDecision,
  ChangeListQuery,
  ChangeRequest,
  ChangeRequestCreate,
  ChangeRequestList,
} from '../api/changes';
import {
  createModelOpsFetcher,
  type ModelOpsClientOptions,
  type ModelOpsFetcher,
} from './createModelOpsFetcher';

/**
 * The change approval routes of the ModelOps backend.
 *
 * @public
 */
export interface ChangeApi {
  /** Change requests of a model, newest first, and the deciding group. */
  listChanges(query: ChangeListQuery): Promise<ChangeRequestList>;
  /** The latest requested or decided changes of models the caller can see. */
  listRecentChanges(limit?: number): Promise<ChangeRequestList>;
  /** Requests a promotion or rollback. */
  requestChange(request: ChangeRequestCreate): Promise<ChangeRequest>;
  /** Approves or rejects a pending request (review group, not the requester). */
  decideChange(
    id: string,
    decision: 'approve' | 'reject',
    body?: ChangeDecision,
  ): Promise<ChangeRequest>;
}

/**
 * HTTP client of the change approval routes.
 *
 * @public
 */
export class ChangeClient implements ChangeApi {
  private constructor(private readonly request: ModelOpsFetcher) {}

  /** Creates a client from the app's discovery and fetch APIs. */
  static create(options: ModelOpsClientOptions): ChangeClient {
    return new ChangeClient(createModelOpsFetcher(options));
  }

  listChanges(query: ChangeListQuery): Promise<ChangeRequestList> {
    return this.request('/changes', { query: { ...query } });
  }

  listRecentChanges(limit?: number): Promise<ChangeRequestList> {
    return this.request('/changes/recent', { query: { limit } });
  }

  requestChange(request: ChangeRequestCreate): Promise<ChangeRequest> {
    return this.request('/changes', { method: 'POST', body: request });
  }

  decideChange(
    id: string,
    decision: 'approve' | 'reject',
    body: ChangeDecision = {},
  ): Promise<ChangeRequest> {
    return this.request(`/changes/${encodeURIComponent(id)}/${decision}`, {
      method: 'POST',
      body,
    });
  }
}
