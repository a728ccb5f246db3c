import type {
  DeliveryEvent,
  DeliveryEventData,
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
