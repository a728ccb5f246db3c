export interface Config {
  /** Configuration of the ModelOps backend plugin. */
  modelops?: {
    /** Demo data loaded at startup; leave it out in a real installation. */
    demoData?: {
      /**
       * Folder holding `evaluations.json` and `monitoring.json` (arrays of
       * evaluation reports and monitoring snapshots in the shapes of
       * `POST /evaluations` and `POST /monitoring-snapshots`). A relative path
       * is resolved from the backend's working directory. Loading is
       * idempotent, so restarts add nothing.
       */
      evidenceDirectory?: string;
      /**
       * Opens the current review cycles with a due date in the past and
       * records a few decisions as members of the owning groups would, so
       * that the review pages show kept, retired, transferred, pending and
       * overdue items on first start. Happens once per cycle, when the
       * cycle opens.
       */
      reviews?: boolean;
    };
    /** Ownership reviews. */
    reviews?: {
      /**
       * Which entities are reviewed how often. A cycle opens for each
       * cadence at the start of every period; periods are aligned to the
       * calendar (P3M gives quarters). Defaults: MLModel in production
       * every P3M due after P14D, Dataset in production every P6M due after
       * P30D.
       */
      cadences?: Array<{
        /** Entity kind, for example `MLModel` or `Dataset`. */
        kind: string;
        /** Lifecycles (`spec.lifecycle`) reviewed under this cadence. */
        lifecycles: string[];
        /** Period length as an ISO 8601 duration: P3M, P6M, P1Y, P4W. */
        every: string;
        /** Time after the period start until attestations are overdue (ISO 8601, e.g. P14D). */
        dueAfter: string;
      }>;
    };
  };
}
