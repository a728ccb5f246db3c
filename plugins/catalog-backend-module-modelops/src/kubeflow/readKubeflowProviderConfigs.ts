import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { KubeflowProviderConfig } from './types';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 30 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 20 },
};

const PLACEHOLDERS = /\{(namespace|name)\}/g;

/**
 * Reads every `catalog.providers.modelops.kubeflow.<id>` block; an empty
 * list when none is configured.
 */
export function readKubeflowProviderConfigs(
  config: Config,
): KubeflowProviderConfig[] {
  const root = config.getOptionalConfig('catalog.providers.modelops.kubeflow');
  if (!root) return [];
  return root.keys().map(id => {
    const c = root.getConfig(id);
    const key = `catalog.providers.modelops.kubeflow.${id}`;
    const baseUrl = c.getString('baseUrl');
    if (!/^https?:\/\//.test(baseUrl)) {
      throw new InputError(
        `${key}.baseUrl: expected an http(s) URL; got ${JSON.stringify(
          baseUrl,
        )}`,
      );
    }
    const servingEntity = c.getOptionalString('servingEntity');
    if (servingEntity !== undefined && !servingEntity.match(PLACEHOLDERS)) {
      throw new InputError(
        `${key}.servingEntity: expected an entity ref with {namespace} or {name}, e.g. component:{namespace}/{name}; got ${JSON.stringify(
          servingEntity,
        )}`,
      );
    }
    return {
      id,
      baseUrl,
      token: c.getOptionalString('token'),
      schedule: c.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            c.getConfig('schedule'),
          )
        : DEFAULT_SCHEDULE,
      ownerProperties: c.getOptionalStringArray('ownerProperties') ?? ['owner'],
      cluster: c.getOptionalString('cluster'),
      servingEntity,
      defaults: {
        owner: c.getOptionalString('defaults.owner'),
        lifecycle: c.getOptionalString('defaults.lifecycle'),
        system: c.getOptionalString('defaults.system'),
      },
    };
  });
}
