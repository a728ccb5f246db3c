import type {
  DeliveryEvent,
  DeliveryEventInput,
  DeliveryMetrics,
  DeliveryMetricsQuery,
} from '../api/delivery';
import {
  createModelOpsFetcher,
  type ModelOpsClientOptions,
  type ModelOpsFetcher,
} from './createModelOpsFetcher';

/**
 * The delivery metric routes of the ModelOps backend.
 *
 * @public
 */
export interface DeliveryApi {
  /** Deployment frequency, change failure rate and MTTR of a model or team. */
  getDeliveryMetrics(query: DeliveryMetricsQuery): Promise<DeliveryMetrics>;
  /** Records a deployment or incident event; a retry with the same key returns the stored one. */
  postDeliveryEvent(input: DeliveryEventInput): Promise<DeliveryEvent>;
}

/**
 * HTTP client of the delivery metric routes.
 *
 * @public
 */
export class DeliveryClient implements DeliveryApi {
  private constructor(private readonly request: ModelOpsFetcher) {}

  /** Creates a client from the app's discovery and fetch APIs. */
  static create(options: ModelOpsClientOptions): DeliveryClient {
    return new DeliveryClient(createModelOpsFetcher(options));
  }

  getDeliveryMetrics(query: DeliveryMetricsQuery): Promise<DeliveryMetrics> {
    return this.request('/delivery/metrics', { query: { ...query } });
  }

  postDeliveryEvent(input: DeliveryEventInput): Promise<DeliveryEvent> {
    return this.request('/delivery/events', { method: 'POST', body: input });
  }
}
