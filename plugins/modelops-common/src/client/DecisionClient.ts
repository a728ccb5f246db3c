import type { DecisionListQuery, DecisionPage } from '../api/decisions';
import {
  createModelOpsFetcher,
  type ModelOpsClientOptions,
  type ModelOpsFetcher,
} from './createModelOpsFetcher';

/** The scope of a decision history: one entity or one team. @public */
export type DecisionScope = { entityRef: string } | { team: string };

/**
 * The decision history routes of the ModelOps backend.
 *
 * @public
 */
export interface DecisionApi {
  /** One page of the decisions about an entity or a team's entities, newest first. */
  listDecisions(query: DecisionListQuery): Promise<DecisionPage>;
  /**
   * Absolute URL of the scope's whole history as CSV; fetch it through the
   * FetchApi so that the user's token is sent.
   */
  getDecisionsCsvUrl(scope: DecisionScope): Promise<string>;
}

/**
 * HTTP client of the decision history routes.
 *
 * @public
 */
export class DecisionClient implements DecisionApi {
  private constructor(
    private readonly request: ModelOpsFetcher,
    private readonly options: ModelOpsClientOptions,
  ) {}

  /** Creates a client from the app's discovery and fetch APIs. */
  static create(options: ModelOpsClientOptions): DecisionClient {
    return new DecisionClient(createModelOpsFetcher(options), options);
  }

  listDecisions(query: DecisionListQuery): Promise<DecisionPage> {
    return this.request('/decisions', { query: { ...query } });
  }

  async getDecisionsCsvUrl(scope: DecisionScope): Promise<string> {
    const base = await this.options.discoveryApi.getBaseUrl('modelops');
    return `${base}/decisions.csv?${new URLSearchParams(scope).toString()}`;
  }
}
