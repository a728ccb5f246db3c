/*
 * readScorecardLevels: the latest scorecard score and level of many entities,
 * read in one query from the scorecard engine's entity table when it exists.
 * The level of an entity is its lowest pack level: a model is only as ready
 * as its weakest area. Before the scorecards have run (or in a deployment
 * without them) the map is empty and the portfolio leaves the columns blank.
 */
import type { PortfolioRow } from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';

const TABLE = 'modelops_scorecard_entities';
const LEVEL_ORDER = ['none', 'bronze', 'silver', 'gold'] as const;

/** Score and level of one entity. */
export interface ScorecardStanding {
  score: number;
  level?: NonNullable<PortfolioRow['scorecardLevel']>;
}

function lowestLevel(packs: unknown): ScorecardStanding['level'] {
  if (!Array.isArray(packs) || packs.length === 0) {
    return undefined;
  }
  let lowest = LEVEL_ORDER.length - 1;
  for (const pack of packs) {
    const index = LEVEL_ORDER.indexOf(pack?.level);
    if (index >= 0 && index < lowest) {
      lowest = index;
    }
  }
  return LEVEL_ORDER[lowest];
}

/** Standing per lower-cased entity ref. */
export async function readScorecardLevels(
  knex: Knex,
  entityRefs: string[],
): Promise<Map<string, ScorecardStanding>> {
  const standings = new Map<string, ScorecardStanding>();
  if (entityRefs.length === 0 || !(await knex.schema.hasTable(TABLE))) {
    return standings;
  }
  for (let i = 0; i < entityRefs.length; i += 500) {
    const rows: Array<{ entity_ref: string; score: number; packs: string }> =
      await knex(TABLE)
        .select('entity_ref', 'score', 'packs')
        .whereIn('entity_ref', entityRefs.slice(i, i + 500));
    for (const row of rows) {
      let packs: unknown;
      try {
        packs = JSON.parse(row.packs);
      } catch {
        packs = undefined;
      }
      standings.set(row.entity_ref.toLocaleLowerCase('en-US'), {
        score: Number(row.score),
        level: lowestLevel(packs),
      });
    }
  }
  return standings;
}
