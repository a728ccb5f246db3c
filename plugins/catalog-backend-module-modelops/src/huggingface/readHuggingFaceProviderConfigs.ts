import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { HuggingFaceProviderConfig } from './types';

const DEFAULT_SCHEDULE = {
  frequency: { hours: 1 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};

// The Hub's rule for user and organisation names.
const AUTHOR = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/**
 * Reads every `catalog.providers.modelops.huggingface.<id>` block; an empty
 * list when none is configured.
 */
export function readHuggingFaceProviderConfigs(
  config: Config,
): HuggingFaceProviderConfig[] {
  const key = 'catalog.providers.modelops.huggingface';
  const root = config.getOptionalConfig(key);
  if (!root) {
    return [];
  }
  return root.keys().map(id => {
    const c = root.getConfig(id);
    const baseUrl = (
      c.getOptionalString('baseUrl') ?? 'https://huggingface.co'
    ).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
      throw new InputError(
        `${key}.${id}.baseUrl: expected an http(s) URL; got ${JSON.stringify(
          baseUrl,
        )}`,
      );
    }
    const authors = c.getStringArray('authors');
    if (authors.length === 0) {
      throw new InputError(
        `${key}.${id}.authors: expected at least one organisation or user`,
      );
    }
    authors.forEach((author, i) => {
      if (!AUTHOR.test(author)) {
        throw new InputError(
          `${key}.${id}.authors[${i}]: expected a Hub organisation or user name; got ${JSON.stringify(
            author,
          )}`,
        );
      }
    });
    return {
      id,
      baseUrl,
      token: c.getOptionalString('token'),
      authors,
      readme: c.getOptionalBoolean('readme') ?? true,
      schedule: c.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            c.getConfig('schedule'),
          )
        : DEFAULT_SCHEDULE,
      defaults: {
        owner: c.getOptionalString('defaults.owner'),
        lifecycle: c.getOptionalString('defaults.lifecycle'),
        system: c.getOptionalString('defaults.system'),
      },
    };
  });
}
