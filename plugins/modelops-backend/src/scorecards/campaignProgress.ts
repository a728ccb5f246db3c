import type {
  Campaign,
  CampaignEntityFilter,
  CampaignProgress,
} from '@modelops/plugin-modelops-common';
import type { CampaignResultRow, ScoredEntityRow } from './types';

/** Entities without an owner are counted under this team key. */
export const NO_TEAM = '(none)';

/**
 * Progress of a campaign per team: an entity is done when every campaign
 * check that applies to it passes or is waived.
 */
export function campaignProgress(
  campaign: Campaign,
  rows: CampaignResultRow[],
): CampaignProgress {
  const entities = new Map<string, { team: string; done: boolean }>();
  for (const row of rows) {
    const entry = entities.get(row.entityRef) ?? {
      team: row.owner ?? NO_TEAM,
      done: true,
    };
    if (row.state === 'fail' && !row.waived) entry.done = false;
    entities.set(row.entityRef, entry);
  }
  const teams = new Map<string, { entities: number; done: number }>();
  for (const { team, done } of entities.values()) {
    const t = teams.get(team) ?? { entities: 0, done: 0 };
    t.entities += 1;
    if (done) t.done += 1;
    teams.set(team, t);
  }
  return {
    campaignId: campaign.id,
    entities: entities.size,
    done: [...entities.values()].filter(e => e.done).length,
    teams: [...teams.entries()]
      .map(([team, t]) => ({ team, ...t }))
      .sort(
        (a, b) =>
          a.done / a.entities - b.done / b.entities ||
          a.team.localeCompare(b.team),
      ),
  };
}

/** Whether an evaluated entity falls under a campaign's entity filter. */
export function matchesCampaignFilter(
  filter: CampaignEntityFilter,
  entity: ScoredEntityRow,
): boolean {
  const within = (list: string[] | undefined, value: string | undefined) =>
    !list || (value !== undefined && list.includes(value));
  return (
    within(filter.kinds, entity.kind) &&
    within(filter.owners, entity.owner) &&
    within(filter.systems, entity.system) &&
    within(filter.lifecycles, entity.lifecycle) &&
    within(filter.riskTiers, entity.riskTier)
  );
}
