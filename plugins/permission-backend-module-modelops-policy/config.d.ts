export interface Config {
  modelops?: {
    /**
     * Roles of the ModelOps permission policy, as lists of group or user
     * refs (for example `group:default/ai-review-board`). A signed-in user
     * holds a role when one of their ownership refs (themselves and the
     * groups they are a member of) is listed. Model owners need no list: the
     * owning group of each entity is read from the catalog.
     */
    permissionPolicy?: {
      roles?: {
        /** Approve waivers and changes, administer reviews and feedback, run campaigns. */
        reviewBoard?: string[];
        /** Read and ingest every entity's cost. */
        finops?: string[];
        /**
         * Run scorecard evaluations and request changes of models they own.
         * When left out, every signed-in user is an ML engineer.
         */
        mlEngineers?: string[];
        /** Attest and request waivers for every Dataset. */
        dataStewards?: string[];
        /** Run campaigns (platform teams). */
        campaignManagers?: string[];
      };
    };
  };
}
