import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type RootConfigService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  checkDefinitionSchema,
  formatIssues,
  type CheckDefinition,
} from '@modelops/plugin-modelops-common';

/** The scorecard settings under `modelops.scorecards`. */
export interface ScorecardsConfig {
  checks: CheckDefinition[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  pageSize: number;
  /** Ids of shipped or module checks an adopter switched off. */
  disabledChecks: string[];
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 30 },
  initialDelay: { minutes: 1 },
};

/**
 * Reads and validates `modelops.scorecards`. A bad check fails the backend
 * start with the config path of each problem, e.g.
 * `modelops.scorecards.checks.2.rule: ...`.
 */
export function readScorecardsConfig(
  config: RootConfigService,
): ScorecardsConfig {
  const root = config.getOptionalConfig('modelops.scorecards');
  const rawChecks = root?.getOptional('checks') ?? [];
  if (!Array.isArray(rawChecks)) {
    throw new Error('modelops.scorecards.checks: must be a list of checks');
  }
  const checks = rawChecks.map((raw, i) => {
    const parsed = checkDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(
        `Invalid scorecard check in app-config: ${formatIssues(
          `modelops.scorecards.checks.${i}`,
          parsed.error,
        )}`,
      );
    }
    return parsed.data;
  });
  const pageSize = root?.getOptionalNumber('pageSize') ?? 500;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 5000) {
    throw new Error(
      'modelops.scorecards.pageSize: must be an integer from 1 to 5000',
    );
  }
  return {
    checks,
    schedule: root?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          root.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    pageSize,
    disabledChecks: root?.getOptionalStringArray('disabledChecks') ?? [],
  };
}
