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
    };
  };
}
