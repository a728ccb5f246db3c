import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type RootConfigService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  checkDefinitionSchema,
  formatIssues,
  type CheckDefinition,
} from '@modelops/plugin-modelops-common';
import { DEFAULT_EVIDENCE_MAX_AGE_DAYS } from './facts/EvidenceFactProvider';
import { DEFAULT_MONITORING_MAX_AGE_DAYS } from './facts/MonitoringFactProvider';

/** An age limit in days under `modelops.scorecards`, a positive integer. */
function positiveDays(
  root: Config | undefined,
  key: string,
  fallback: number,
): number {
  const days = root?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`modelops.scorecards.${key}: must be a positive integer`);
  }
  return days;
}

/** The scorecard settings under `modelops.scorecards`. */
export interface ScorecardsConfig {
  checks: CheckDefinition[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  pageSize: number;
  /** Days an evaluation of the version in service counts as evidence. */
  evidenceMaxAgeDays: number;
  /** Days a monitoring snapshot of the version in service counts, by its window end. */
  monitoringMaxAgeDays: number;
  /**
   * Days of history the first full evaluation replays before today's (0:
   * none), each as of the end of its day.
   */
  backfillDays: number;
  /** Ids of shipped or module checks an adopter switched off. */
  disabledChecks: string[];
  /** The change scan between full runs; undefined when switched off. */
  changeDetection?: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    maxEntities: number;
  };
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 30 },
  initialDelay: { minutes: 1 },
};

// Often enough that an edited model shows its new scorecard within minutes;
// each scan reads only refs and etags from the catalog.
const DEFAULT_CHANGE_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 2 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 2 },
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
  const evidenceMaxAgeDays = positiveDays(
    root,
    'evidenceMaxAgeDays',
    DEFAULT_EVIDENCE_MAX_AGE_DAYS,
  );
  const monitoringMaxAgeDays = positiveDays(
    root,
    'monitoringMaxAgeDays',
    DEFAULT_MONITORING_MAX_AGE_DAYS,
  );
  const backfillDays = root?.getOptionalNumber('backfillDays') ?? 0;
  if (
    !Number.isInteger(backfillDays) ||
    backfillDays < 0 ||
    backfillDays > 400
  ) {
    throw new Error(
      'modelops.scorecards.backfillDays: must be an integer from 0 to 400',
    );
  }
  const changes = root?.getOptionalConfig('changeDetection');
  const maxEntities = changes?.getOptionalNumber('maxEntities') ?? 5000;
  if (!Number.isInteger(maxEntities) || maxEntities < 1) {
    throw new Error(
      'modelops.scorecards.changeDetection.maxEntities: must be a positive integer',
    );
  }
  return {
    changeDetection:
      changes?.getOptionalBoolean('enabled') === false
        ? undefined
        : {
            schedule: changes?.has('schedule')
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  changes.getConfig('schedule'),
                )
              : DEFAULT_CHANGE_SCHEDULE,
            maxEntities,
          },
    checks,
    schedule: root?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          root.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    pageSize,
    evidenceMaxAgeDays,
    monitoringMaxAgeDays,
    backfillDays,
    disabledChecks: root?.getOptionalStringArray('disabledChecks') ?? [],
  };
}
