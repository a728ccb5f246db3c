/*
 * ReviewCycleRunner: the work of the scheduled task
 * `modelops-reviews-open-cycles`. Each run opens the current period of every
 * cadence that has not been opened yet (the unique (cadence, period) index
 * makes this idempotent across runs and replicas), then sends the reminders
 * of open cycles that were not sent before: `opened` to every owning group,
 * `overdue` to groups with undecided items after the due date.
 *
 * With `modelops.demoData.reviews` a newly opened cycle gets a due date in
 * the past and a few decisions, so a fresh demo portal shows every state.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ReviewCycle, ReviewItem } from '@modelops/plugin-modelops-common';
import { entityRefOf, ownerRefOf } from '../service/CatalogMembership';
import { notifyEntity } from '../service/notifyEntity';
import type { ReviewCatalog } from './ReviewCatalog';
import { readReviewCadences, reviewPeriodAt } from './reviewCadences';
import type {
  NewReviewDecision,
  NewReviewItem,
  ReviewCadence,
  ReviewReminderKind,
  ReviewStore,
} from './types';

/** Where reminders link to: the review page of the ModelOps frontend. */
export const REVIEW_PAGE_LINK = '/ml-reviews';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Options of {@link ReviewCycleRunner.create}. */
export interface ReviewCycleRunnerOptions {
  config: Config;
  logger: LoggerService;
  store: ReviewStore;
  reviewCatalog: ReviewCatalog;
  notifications: NotificationService;
}

/** What one run did. */
export interface ReviewCycleRunResult {
  opened: ReviewCycle[];
  remindersSent: number;
}

/** Opens review cycles and sends their reminders. */
export class ReviewCycleRunner {
  private constructor(
    private readonly options: ReviewCycleRunnerOptions,
    private readonly cadences: ReviewCadence[],
    private readonly demo: boolean,
  ) {}

  /** @throws Error naming the config key of a malformed cadence */
  static create(options: ReviewCycleRunnerOptions): ReviewCycleRunner {
    return new ReviewCycleRunner(
      options,
      readReviewCadences(options.config),
      options.config.getOptionalBoolean('modelops.demoData.reviews') ?? false,
    );
  }

  async run(now: Date = new Date()): Promise<ReviewCycleRunResult> {
    const opened: ReviewCycle[] = [];
    for (const cadence of this.cadences) {
      const cycle = await this.openCycle(cadence, now);
      if (cycle) {
        opened.push(cycle);
      }
    }
    const remindersSent = await this.sendReminders(now);
    return { opened, remindersSent };
  }

  private async openCycle(
    cadence: ReviewCadence,
    now: Date,
  ): Promise<ReviewCycle | undefined> {
    const { store, reviewCatalog, logger } = this.options;
    const period = reviewPeriodAt(cadence, now);
    if (await store.hasCycle(cadence.key, period.label)) {
      return undefined;
    }
    const entities = await reviewCatalog.queryAll({
      kind: cadence.kind,
      'spec.lifecycle': cadence.lifecycles,
    });
    const items: NewReviewItem[] = [];
    for (const entity of entities) {
      const ownerRef = ownerRefOf(entity);
      if (!ownerRef) {
        logger.warn(`Review skips ${entityRefOf(entity)}: it has no owner`);
        continue;
      }
      items.push({
        entityRef: entityRefOf(entity),
        entityKind: entity.kind,
        entityTitle: entity.metadata.title,
        ownerRef,
      });
    }
    if (items.length === 0) {
      // Nothing to review yet (for example the catalog is still ingesting at
      // startup): the period stays unopened and the next run tries again.
      logger.debug(`No entities for review cadence ${cadence.key} yet`);
      return undefined;
    }
    if (this.demo) {
      const dueAt = new Date(
        Math.max(Date.parse(period.start), now.getTime() - 2 * DAY_MS),
      );
      period.dueAt = dueAt.toISOString();
    }
    const { created, cycle } = await store.openCycle(
      {
        cadence: cadence.key,
        kind: cadence.kind,
        lifecycles: cadence.lifecycles,
        period,
      },
      items,
      now,
    );
    if (!created) {
      return undefined;
    }
    logger.info(
      `Opened review cycle ${cycle.id} for ${cadence.key}, period ${period.label}, ${cycle.itemCount} entities`,
    );
    if (this.demo) {
      await this.seedDemoDecisions(cycle, now);
    }
    return cycle;
  }

  /**
   * Decides about a third of the items as a member of the owning group would,
   * retires one and proposes one transfer; the rest stays pending and, with
   * the due date in the past, overdue.
   */
  private async seedDemoDecisions(cycle: ReviewCycle, now: Date) {
    const { store, reviewCatalog } = this.options;
    const items = await store.listItems({ cycleIds: [cycle.id] }, now);
    const members = await reviewCatalog.membersOf(items.map(i => i.ownerRef));
    const ownersWithMembers = [...members.entries()]
      .filter(([, m]) => m.length > 0)
      .map(([ref]) => ref);
    // Orphans stay undecided, as they would in reality; of the others the
    // first is kept, the second retired, the third proposed for transfer,
    // then every third kept.
    const decidable = items.filter(i => members.get(i.ownerRef)?.length);
    const decisions: NewReviewDecision[] = [];
    decidable.forEach((item, index) => {
      const base = {
        itemId: item.id,
        actor: members.get(item.ownerRef)![0],
        authority: 'member' as const,
      };
      const target = ownersWithMembers.find(g => g !== item.ownerRef);
      if (index === 1) {
        decisions.push({
          ...base,
          action: 'retire',
          note: 'Demo: superseded by a newer model',
        });
      } else if (index === 2 && target) {
        decisions.push({
          ...base,
          action: 'transfer',
          transferTo: target,
          note: 'Demo: the other team runs this now',
        });
      } else if (index % 3 === 0) {
        decisions.push({
          ...base,
          action: 'keep',
          note: 'Demo: owners confirmed',
        });
      }
    });
    if (decisions.length > 0) {
      await store.recordDecisions(decisions, now);
    }
  }

  private async sendReminders(now: Date): Promise<number> {
    const { store } = this.options;
    let sent = 0;
    const cycles = (await store.listCycles(now)).filter(
      c => c.status === 'open',
    );
    for (const cycle of cycles) {
      const items = await store.listItems({ cycleIds: [cycle.id] }, now);
      const owners = [...new Set(items.map(i => i.ownerRef))];
      sent += await this.remind(cycle, owners, 'opened', items, now);
      const late = [
        ...new Set(items.filter(i => i.overdue).map(i => i.ownerRef)),
      ];
      if (late.length > 0) {
        sent += await this.remind(cycle, late, 'overdue', items, now);
      }
    }
    return sent;
  }

  private async remind(
    cycle: ReviewCycle,
    groups: string[],
    reminder: ReviewReminderKind,
    items: ReviewItem[],
    now: Date,
  ): Promise<number> {
    const { store } = this.options;
    // Claimed before sending: a re-run or a second replica finds the claim
    // and stays quiet; a failed send releases it for the next run.
    const claimed = await store.claimReminders(cycle.id, groups, reminder, now);
    let sent = 0;
    for (const group of claimed) {
      const own = items.filter(i => i.ownerRef === group);
      const undecided = own.filter(
        i => i.state === 'pending' || i.state === 'transfer-pending',
      );
      const due = cycle.dueAt.slice(0, 10);
      const delivered = await notifyEntity(
        this.options,
        group,
        reminder === 'opened'
          ? {
              title: `Ownership review: ${own.length} ${cycle.kind} entities to attest by ${due}`,
              description: `Confirm, transfer or retire what your team owns (${cycle.cadence}, period ${cycle.period}).`,
              link: REVIEW_PAGE_LINK,
              severity: 'normal',
              topic: 'modelops-reviews',
              scope: `modelops-review-${cycle.id}-opened`,
            }
          : {
              title: `Ownership review overdue: ${undecided.length} ${cycle.kind} entities not attested`,
              description: `The attestation was due ${due} (${cycle.cadence}, period ${cycle.period}).`,
              link: REVIEW_PAGE_LINK,
              severity: 'high',
              topic: 'modelops-reviews',
              scope: `modelops-review-${cycle.id}-overdue`,
            },
        `Could not send the ${reminder} review reminder of cycle ${cycle.id} to ${group}`,
      );
      if (delivered) {
        sent += 1;
      } else {
        await store.releaseReminder(cycle.id, group, reminder);
      }
    }
    return sent;
  }
}
