import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { MlflowProviderConfig } from './types';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 30 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 15 },
};

/**
 * Reads every `catalog.providers.modelops.mlflow.<id>` block; an empty list
 * when none is configured.
 */
export function readMlflowProviderConfigs(
  config: Config,
): MlflowProviderConfig[] {
  const root = config.getOptionalConfig('catalog.providers.modelops.mlflow');
  if (!root) {
    return [];
  }
  return root.keys().map(id => {
    const c = root.getConfig(id);
    const baseUrl = c.getString('baseUrl');
    if (!/^https?:\/\//.test(baseUrl)) {
      throw new InputError(
        `catalog.providers.modelops.mlflow.${id}.baseUrl: expected an http(s) URL; got ${JSON.stringify(
          baseUrl,
        )}`,
      );
    }
    return {
      id,
      baseUrl,
      token: c.getOptionalString('token'),
      filter: c.getOptionalString('filter'),
      schedule: c.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            c.getConfig('schedule'),
          )
        : DEFAULT_SCHEDULE,
      ownerTags: c.getOptionalStringArray('ownerTags') ?? ['owner'],
      webhookSecret: c.getOptionalString('webhook.secret'),
      defaults: {
        owner: c.getOptionalString('defaults.owner'),
        lifecycle: c.getOptionalString('defaults.lifecycle'),
        system: c.getOptionalString('defaults.system'),
      },
    };
  });
}
