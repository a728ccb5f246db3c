import type {
  SourceObjectReport,
  StoredSourceObjectReport,
} from '@modelops/plugin-modelops-common';

/** Persistence of the observations and import notes providers send. */
export interface ObservationStore {
  /**
   * Replaces every report of `source` with `reports`, in one transaction:
   * objects the source no longer has are forgotten, unchanged objects keep
   * their first observation time.
   */
  replaceSource(source: string, reports: SourceObjectReport[]): Promise<void>;
  /**
   * Every report about the given models: those sent with the model's ref,
   * and those of the source objects a model names (its
   * `modelops.dev/kserve-inference-service` annotation), grouped by ref.
   */
  listForEntities(
    models: Array<{ entityRef: string; sourceObjects: string[] }>,
  ): Promise<Map<string, StoredSourceObjectReport[]>>;
  /** Refs of the models whose reports changed strictly after `since`. */
  entityRefsChangedSince(since: string): Promise<string[]>;
}
