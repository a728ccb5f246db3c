import type {
  DeliveryEvent,
  DeliveryEventData,
  IncidentAssessment,
  IncidentAssessmentData,
  RecordedIncident,
} from '@modelops/plugin-modelops-common';

/** Outcome of storing an event under an idempotency key. */
export interface StoredDeliveryEvent {
  /** False when the same key and payload were stored before (a retry). */
  created: boolean;
  event: DeliveryEvent;
}

/** Storage of deployments and incidents. */
export interface DeliveryStore {
  /**
   * Stores an event once per idempotency key (events without a key are
   * always stored).
   *
   * @throws ConflictError when the key was used for another payload
   */
  addEvent(input: DeliveryEventData): Promise<StoredDeliveryEvent>;
  /**
   * What the metrics of a window need, for models among `entityRefs`
   * (lower case): every event at or after `from` and before `to`, plus the
   * openings before `from` of incidents resolved in the window, so that their
   * time to recover is known. Ordered by time.
   */
  listEventsForWindow(
    entityRefs: string[],
    from: string,
    to: string,
  ): Promise<DeliveryEvent[]>;
}

/** Outcome of recording a serious-incident assessment. */
export interface StoredIncidentAssessment {
  /** False when the incident had been assessed before and this replaced it. */
  created: boolean;
  assessment: IncidentAssessment;
}

/**
 * The incidents the delivery events record per model, and their
 * serious-incident assessments (EU AI Act Art. 73).
 */
export interface IncidentStore {
  /**
   * Every incident opened on the models among `entityRefs` (lower case),
   * oldest first, with its last resolution and its assessment when there is
   * one. Models without incidents are left out. With `asOf` (a stored
   * time), as they stood then: later events, assessments and reports left
   * out, for a scorecard of a past day.
   */
  listIncidents(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, RecordedIncident[]>>;
  /**
   * Records the assessment of an incident, replacing an earlier one.
   *
   * @throws NotFoundError when no opening of the incident is recorded on the model
   */
  assess(
    input: IncidentAssessmentData,
    assessedBy: string,
  ): Promise<StoredIncidentAssessment>;
  /**
   * Refs of the models with an incident event stored, or an assessment
   * recorded, after `since` (ISO 8601), for the scorecards' change scan.
   */
  entityRefsChangedSince(since: string): Promise<string[]>;
}
