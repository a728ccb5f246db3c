import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';

/** Values used for models whose card does not say. */
export interface HuggingFaceEntityDefaults {
  owner?: string;
  lifecycle?: string;
  system?: string;
}

/** One `catalog.providers.modelops.huggingface.<id>` block, read. */
export interface HuggingFaceProviderConfig {
  id: string;
  /** The Hub, without a trailing slash; https://huggingface.co by default. */
  baseUrl: string;
  token?: string;
  /** Organisations or users whose models are imported. */
  authors: string[];
  /** Whether to read each model's README.md for the card sections. */
  readme: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  defaults: HuggingFaceEntityDefaults;
}
