import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';

/** Values used for entities whose MLflow tags do not say. */
export interface MlflowEntityDefaults {
  owner?: string;
  lifecycle?: string;
  system?: string;
}

/** One `catalog.providers.modelops.mlflow.<id>` block, read. */
export interface MlflowProviderConfig {
  id: string;
  baseUrl: string;
  token?: string;
  filter?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  defaults: MlflowEntityDefaults;
  /** Tags naming the owner, first present wins. */
  ownerTags: string[];
  /** Shared secret of the MLflow registry webhook; no webhook without it. */
  webhookSecret?: string;
}
