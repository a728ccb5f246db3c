import type {
  DeliveryEvent,
  DeliveryEventInput,
  DeliveryMetrics,
  DeliveryMetricsQuery,
  IncidentAssessment,
  IncidentAssessmentInput,
  RecordedIncidentList,
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
  /** Every incident recorded on a model, with its serious-incident assessment. */
  getIncidents(entityRef: string): Promise<RecordedIncidentList>;
  /** Records whether an incident is serious and its report (EU AI Act Art. 73). */
  assessIncident(input: IncidentAssessmentInput): Promise<IncidentAssessment>;
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

  getIncidents(entityRef: string): Promise<RecordedIncidentList> {
    return this.request('/delivery/incidents', { query: { entityRef } });
  }

  assessIncident(input: IncidentAssessmentInput): Promise<IncidentAssessment> {
    return this.request('/delivery/incident-assessments', {
      method: 'POST',
      body: input,
    });
  }
}
