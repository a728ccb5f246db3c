/*
 * registerReviewTasks: schedules `modelops-reviews-open-cycles`. The
 * scheduler's global scope runs it on one replica at a time; the run itself
 * is idempotent, so a retry after a crash or an overlap never opens a period
 * twice nor repeats a reminder.
 */
import type { ModelOpsRouterOptions } from '../service/types';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { ReviewCatalog } from './ReviewCatalog';
import { ReviewCycleRunner } from './ReviewCycleRunner';

/** Id of the scheduled task that opens review cycles and sends reminders. */
export const REVIEW_TASK_ID = 'modelops-reviews-open-cycles';

/** Schedules the review task; fails at startup on malformed cadences. */
export async function registerReviewTasks(
  options: ModelOpsRouterOptions,
): Promise<void> {
  const runner = ReviewCycleRunner.create({
    config: options.config,
    logger: options.logger.child({ task: REVIEW_TASK_ID }),
    store: DatabaseReviewStore.create({ database: options.database }),
    reviewCatalog: ReviewCatalog.create({
      catalog: options.catalog,
      auth: options.auth,
    }),
    notifications: options.notifications,
  });
  await options.scheduler.scheduleTask({
    id: REVIEW_TASK_ID,
    scope: 'global',
    // Frequent enough that a fresh portal opens its cycles soon after the
    // catalog has ingested; a run with nothing to do is a few small queries.
    frequency: { minutes: 5 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 20 },
    fn: async () => {
      await runner.run();
    },
  });
}
