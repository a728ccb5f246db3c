export interface Config {
  modelops?: {
    scaffolder?: {
      /**
       * Folder on the backend host where `modelops:workspace:export` writes
       * generated projects, for portals without a Git host. Unset (the
       * default) disables the action. Each run writes to a sub-folder named by
       * the template, and never overwrites an existing folder unless the step
       * asks for it.
       */
      localOutputDir?: string;
    };
  };
}
