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
 * check that applies to it passes or is waived. Each team lists its
 * entities not done with their failing campaign checks, so that a campaign
 * page names what is left.
 */
export function campaignProgress(
  campaign: Campaign,
  rows: CampaignResultRow[],
): CampaignProgress {
  const entities = new Map<
    string,
    { team: string; done: boolean; failing: string[] }
  >();
  for (const row of rows) {
    const entry = entities.get(row.entityRef) ?? {
      team: row.owner ?? NO_TEAM,
      done: true,
      failing: [],
    };
    if (row.state === 'fail' && !row.waived) {
      entry.done = false;
      entry.failing.push(row.checkId);
    }
    entities.set(row.entityRef, entry);
  }
  const teams = new Map<
    string,
    {
      entities: number;
      done: number;
      notDone: Array<{ entityRef: string; failingChecks: string[] }>;
    }
  >();
  for (const [entityRef, { team, done, failing }] of entities) {
    const t = teams.get(team) ?? { entities: 0, done: 0, notDone: [] };
    t.entities += 1;
    if (done) t.done += 1;
    else {
      t.notDone.push({
        entityRef,
        failingChecks: failing.sort((a, b) => a.localeCompare(b)),
      });
    }
    teams.set(team, t);
  }
  for (const t of teams.values()) {
    t.notDone.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
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
