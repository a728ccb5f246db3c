import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Campaign } from '@modelops/plugin-modelops-common';
import {
  campaignProgress,
  matchesCampaignFilter,
  NO_TEAM,
} from './campaignProgress';
import type { Regression } from './ScorecardEngine';
import type { ScorecardStore } from './types';

/** Reminders start this many days before a campaign's due date. */
export const REMINDER_DAYS_BEFORE_DUE = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const LINK = '/scorecards/campaigns';

/** Sends campaign reminders and regressions to owning groups, each once. */
export interface CampaignNotifier {
  notify(regressions: Regression[], now: Date): Promise<void>;
}

/**
 * Default {@link CampaignNotifier}. Every notification has a dedupe key
 * claimed in the store before it is sent: a reminder per (team, phase) where
 * the phase is "due soon" or "overdue", a regression per (entity, check,
 * time of change). Re-running an evaluation therefore sends nothing twice.
 */
export class DefaultCampaignNotifier implements CampaignNotifier {
  private constructor(
    private readonly store: ScorecardStore,
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    store: ScorecardStore;
    notifications: NotificationService;
    logger: LoggerService;
  }): DefaultCampaignNotifier {
    return new DefaultCampaignNotifier(
      options.store,
      options.notifications,
      options.logger,
    );
  }

  async notify(regressions: Regression[], now: Date): Promise<void> {
    const campaigns = await this.store.listCampaigns({ status: 'open' });
    for (const campaign of campaigns) {
      try {
        await this.sendRegressions(campaign, regressions, now);
        await this.sendReminders(campaign, now);
      } catch (error) {
        // A notification outage must not fail the evaluation run; the keys of
        // unsent messages were claimed, so they are logged for follow-up.
        this.logger.error(
          `Campaign ${campaign.id} notifications failed: ${error}`,
        );
      }
    }
  }

  private async sendRegressions(
    campaign: Campaign,
    regressions: Regression[],
    now: Date,
  ) {
    const relevant = regressions.filter(
      r =>
        campaign.checkIds.includes(r.change.checkId) &&
        r.entity.owner !== undefined &&
        matchesCampaignFilter(campaign.entityFilter, r.entity),
    );
    if (relevant.length === 0) return;
    const key = (r: Regression) =>
      `regression:${r.change.entityRef}:${r.change.checkId}:${r.change.at}`;
    const claimed = new Set(
      await this.store.claimNotifications(
        campaign.id,
        relevant.map(key),
        now.toISOString(),
      ),
    );
    const byTeam = new Map<string, Regression[]>();
    for (const r of relevant) {
      if (!claimed.has(key(r))) continue;
      byTeam.set(r.entity.owner!, [...(byTeam.get(r.entity.owner!) ?? []), r]);
    }
    for (const [team, list] of byTeam) {
      const items = list.map(
        r => `${r.change.entityRef} (${r.change.checkId})`,
      );
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: team },
        payload: {
          title: `Campaign "${campaign.title}": ${list.length} check(s) regressed`,
          description: `Checks that passed now fail: ${items
            .slice(0, 10)
            .join(', ')}${
            items.length > 10 ? ` and ${items.length - 10} more` : ''
          }.`,
          link: LINK,
          severity: 'high',
          topic: 'modelops-campaign-regression',
        },
      });
    }
  }

  private async sendReminders(campaign: Campaign, now: Date) {
    const due = Date.parse(campaign.dueDate);
    const daysLeft = Math.ceil((due - now.getTime()) / DAY_MS);
    if (daysLeft > REMINDER_DAYS_BEFORE_DUE) return;
    const phase = daysLeft < 0 ? 'overdue' : 'due-soon';
    const progress = campaignProgress(
      campaign,
      await this.store.getCampaignResults(campaign, now.toISOString()),
    );
    const behind = progress.teams.filter(
      t => t.team !== NO_TEAM && t.done < t.entities,
    );
    if (behind.length === 0) return;
    const keyOf = (team: string) => `reminder:${team}:${phase}`;
    const claimed = new Set(
      await this.store.claimNotifications(
        campaign.id,
        behind.map(t => keyOf(t.team)),
        now.toISOString(),
      ),
    );
    for (const team of behind) {
      if (!claimed.has(keyOf(team.team))) continue;
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: team.team },
        payload: {
          title:
            phase === 'overdue'
              ? `Campaign "${campaign.title}" is overdue`
              : `Campaign "${campaign.title}" is due in ${daysLeft} day(s)`,
          description: `${team.entities - team.done} of ${
            team.entities
          } entities still fail the campaign checks.`,
          link: LINK,
          severity: phase === 'overdue' ? 'high' : 'normal',
          topic: 'modelops-campaign-reminder',
          scope: `modelops:campaign:${campaign.id}:${team.team}`,
        },
      });
    }
  }
}
