import type { EntityObservations } from '../api/observations';
import {
  createModelOpsFetcher,
  type ModelOpsClientOptions,
  type ModelOpsFetcher,
} from './createModelOpsFetcher';

/**
 * The observation routes of the ModelOps backend: what registries and
 * clusters report about a model, with its import notes.
 *
 * @public
 */
export interface ObservationApi {
  /** Reports, import notes and YAML-versus-cluster disagreements of one model. */
  getObservations(entityRef: string): Promise<EntityObservations>;
}

/**
 * HTTP client of the observation routes.
 *
 * @public
 */
export class ObservationClient implements ObservationApi {
  private constructor(private readonly request: ModelOpsFetcher) {}

  /** Creates a client from the app's discovery and fetch APIs. */
  static create(options: ModelOpsClientOptions): ObservationClient {
    return new ObservationClient(createModelOpsFetcher(options));
  }

  getObservations(entityRef: string): Promise<EntityObservations> {
    return this.request('/observations', { query: { entityRef } });
  }
}
