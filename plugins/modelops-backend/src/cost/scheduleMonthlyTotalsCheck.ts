/*
 * scheduleMonthlyTotalsCheck: the admin task that proves the monthly cost
 * totals equal the sums of their records, and rebuilds them when they do
 * not (for example after someone edited the database by hand, or restored
 * the records table alone). Runs daily on one replica; an operator runs it
 * at once through the scheduler's endpoint:
 * `POST /api/modelops/.backstage/scheduler/v1/tasks/modelops-cost-monthly-totals/trigger`.
 */
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { microsToAmount } from './money';
import type { CostStore } from './types';

/** Id of the task, for the scheduler's trigger endpoint. */
export const MONTHLY_TOTALS_TASK_ID = 'modelops-cost-monthly-totals';
const LOGGED_MISMATCHES = 10;

/** Options of {@link scheduleMonthlyTotalsCheck}. */
export interface MonthlyTotalsCheckOptions {
  store: CostStore;
  logger: LoggerService;
}

/**
 * Verifies every monthly total and rebuilds them all when any differs.
 *
 * @returns how many totals differed
 */
export async function checkMonthlyTotals(
  options: MonthlyTotalsCheckOptions,
): Promise<number> {
  const { store, logger } = options;
  const mismatches = await store.verifyMonthlyTotals();
  if (mismatches.length === 0) {
    logger.info('Monthly cost totals equal the sums of their records');
    return 0;
  }
  const shown = mismatches
    .slice(0, LOGGED_MISMATCHES)
    .map(
      m =>
        `${m.month} ${m.entityRef} ${m.category}: stored ${
          m.storedMicros === undefined ? 'none' : microsToAmount(m.storedMicros)
        }, records ${
          m.recordsMicros === undefined
            ? 'none'
            : microsToAmount(m.recordsMicros)
        }`,
    )
    .join('; ');
  logger.warn(
    `${mismatches.length} monthly cost totals differ from their records (${shown}); rebuilding them`,
  );
  const written = await store.rebuildMonthlyTotals();
  logger.info(`Rebuilt ${written} monthly cost totals from the records`);
  return mismatches.length;
}

/** Registers the daily check; one runner across replicas. */
export async function scheduleMonthlyTotalsCheck(
  options: MonthlyTotalsCheckOptions & { scheduler: SchedulerService },
): Promise<void> {
  await options.scheduler.scheduleTask({
    id: MONTHLY_TOTALS_TASK_ID,
    frequency: { hours: 24 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 5 },
    fn: async () => {
      await checkMonthlyTotals(options);
    },
  });
}
