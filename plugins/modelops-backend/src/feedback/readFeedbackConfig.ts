import type { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** Config key of the age after which unresolved feedback fails its check. */
export const FEEDBACK_MAX_OPEN_AGE_KEY = 'modelops.feedback.maxOpenAge';

/** The default of {@link FEEDBACK_MAX_OPEN_AGE_KEY}: two weeks. */
export const DEFAULT_FEEDBACK_MAX_OPEN_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** The feedback settings of the backend. */
export interface FeedbackConfig {
  /** Unresolved feedback older than this many milliseconds is overdue. */
  maxOpenAgeMs: number;
}

/**
 * Reads `modelops.feedback`. `maxOpenAge` is an ISO 8601 duration (`P14D`)
 * or a duration object (`{ days: 14 }`).
 *
 * @throws InputError naming the key when the duration cannot be read
 */
export function readFeedbackConfig(config: RootConfigService): FeedbackConfig {
  if (!config.has(FEEDBACK_MAX_OPEN_AGE_KEY)) {
    return { maxOpenAgeMs: DEFAULT_FEEDBACK_MAX_OPEN_AGE_MS };
  }
  let maxOpenAgeMs: number;
  try {
    maxOpenAgeMs = durationToMilliseconds(
      readDurationFromConfig(config, { key: FEEDBACK_MAX_OPEN_AGE_KEY }),
    );
  } catch (error) {
    throw new InputError(
      `${FEEDBACK_MAX_OPEN_AGE_KEY}: expected an ISO 8601 duration such as P14D (${error})`,
    );
  }
  if (!(maxOpenAgeMs > 0)) {
    throw new InputError(
      `${FEEDBACK_MAX_OPEN_AGE_KEY}: must be a positive duration`,
    );
  }
  return { maxOpenAgeMs };
}
