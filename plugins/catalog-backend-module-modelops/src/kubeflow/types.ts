import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';

/** Values used for entities whose registry record does not say. */
export interface KubeflowEntityDefaults {
  owner?: string;
  lifecycle?: string;
  system?: string;
}

/** One `catalog.providers.modelops.kubeflow.<id>` block, read. */
export interface KubeflowProviderConfig {
  id: string;
  baseUrl: string;
  token?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  defaults: KubeflowEntityDefaults;
  /** Custom properties naming the owner, first present wins. */
  ownerProperties: string[];
  /**
   * The cluster (of `kubernetes.clusterLocatorMethods`) the registry's
   * serving environments are namespaces of; links recorded inference
   * services to the KServe observations of that cluster.
   */
  cluster?: string;
  /**
   * Entity ref of the serving entity of a recorded inference service, with
   * `{namespace}` and `{name}` filled in, e.g. `component:{namespace}/{name}`.
   */
  servingEntity?: string;
}
