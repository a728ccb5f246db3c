import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';

/** A cluster of `kubernetes.clusterLocatorMethods` (type `config`) the observer reads. */
export interface KServeCluster {
  name: string;
  url: string;
  /** Bearer token of the `serviceAccount` auth provider. */
  token?: string;
  /** PEM CA bundle (decoded `caData`). */
  ca?: string;
  skipTLSVerify: boolean;
}

/** `catalog.providers.modelops.kserve`, read, with the clusters it reads. */
export interface KServeObserverConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Namespaces to read; every namespace when empty. */
  namespaces: string[];
  clusters: KServeCluster[];
  /** Clusters that cannot be read, with the reason, to report once at start. */
  skipped: Array<{ name: string; reason: string }>;
}
