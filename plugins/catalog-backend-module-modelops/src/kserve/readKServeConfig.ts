import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { KServeCluster, KServeObserverConfig } from './types';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 10 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 30 },
};

// The auth providers whose credentials sit in the cluster's config block.
// The others (aws, google, azure, oidc...) get credentials from cloud SDKs
// or the signed-in user, which a background task does not have.
const SUPPORTED_AUTH = new Set(['serviceAccount', 'localKubectlProxy']);

/**
 * Reads `catalog.providers.modelops.kserve` and the clusters of the
 * Kubernetes plugin (`kubernetes.clusterLocatorMethods` of type `config`);
 * undefined when the observer is not configured.
 */
export function readKServeConfig(
  config: Config,
): KServeObserverConfig | undefined {
  const own = config.getOptionalConfig('catalog.providers.modelops.kserve');
  if (!own) return undefined;
  const clusters: KServeCluster[] = [];
  const skipped: KServeObserverConfig['skipped'] = [];
  for (const method of config.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  ) ?? []) {
    const type = method.getString('type');
    if (type !== 'config') {
      skipped.push({
        name: `clusterLocatorMethods type ${type}`,
        reason: 'only clusters listed in config are read',
      });
      continue;
    }
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      const authProvider =
        cluster.getOptionalString('authProvider') ?? 'serviceAccount';
      if (!SUPPORTED_AUTH.has(authProvider)) {
        skipped.push({
          name,
          reason: `authProvider ${authProvider} is not supported; use serviceAccount with serviceAccountToken`,
        });
        continue;
      }
      const caData = cluster.getOptionalString('caData');
      clusters.push({
        name,
        url: cluster.getString('url').replace(/\/+$/, ''),
        token: cluster.getOptionalString('serviceAccountToken'),
        ca: caData ? Buffer.from(caData, 'base64').toString('utf8') : undefined,
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      });
    }
  }
  return {
    schedule: own.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          own.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    namespaces: own.getOptionalStringArray('namespaces') ?? [],
    clusters,
    skipped,
  };
}
