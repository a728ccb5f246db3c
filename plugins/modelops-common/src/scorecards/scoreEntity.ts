import type {
  CheckLevel,
  CheckSeverity,
  EffectiveCheckState,
  EntityScore,
  PackLevel,
  PackScore,
} from './types';

/** Weight of a check in the score: a failing critical check costs the most. @public */
export const SEVERITY_WEIGHTS: Record<CheckSeverity, number> = {
  info: 1,
  warning: 2,
  error: 3,
  critical: 5,
};

/** Levels in ascending order. @public */
export const CHECK_LEVELS: CheckLevel[] = ['bronze', 'silver', 'gold'];

/** The minimum a scored result needs: its pack, level, severity and state. @public */
export interface ScoredResult {
  pack: string;
  level: CheckLevel;
  severity: CheckSeverity;
  state: EffectiveCheckState;
}

/** Share of the weight that is not failing; 100 when nothing applies. */
function percent(ok: number, total: number): number {
  return total === 0 ? 100 : Math.round((ok / total) * 100);
}

/**
 * The level reached in one pack: bronze when every bronze check passes (or is
 * waived), silver when every bronze and silver check does, gold when all do.
 * A level without applicable checks is reached when the levels below are.
 *
 * @public
 */
export function packLevel(results: ScoredResult[]): PackLevel {
  let lowestFailing = CHECK_LEVELS.length;
  for (const r of results) {
    if (r.state === 'fail') {
      lowestFailing = Math.min(lowestFailing, CHECK_LEVELS.indexOf(r.level));
    }
  }
  return levelBelow(lowestFailing);
}

/** The level reached when the lowest failing level has this index in CHECK_LEVELS. */
function levelBelow(lowestFailing: number): PackLevel {
  return lowestFailing === 0 ? 'none' : CHECK_LEVELS[lowestFailing - 1];
}

/** Running totals of one pack while an entity's results are read. */
interface PackTally {
  total: number;
  ok: number;
  passing: number;
  failing: number;
  waived: number;
  /** Index in CHECK_LEVELS of the lowest level with a failing check. */
  lowestFailing: number;
}

/**
 * Levels per pack and the overall severity-weighted score of one entity,
 * from the results of the checks that apply to it. One pass with a tally
 * per pack: it runs for every entity of every evaluation, so it builds no
 * per-pack lists.
 *
 * @public
 */
export function scoreEntity<T extends ScoredResult>(
  results: readonly T[],
  stateOf: (result: T) => EffectiveCheckState = r => r.state,
): EntityScore {
  const tallies = new Map<string, PackTally>();
  let total = 0;
  let ok = 0;
  for (const r of results) {
    const state = stateOf(r);
    const weight = SEVERITY_WEIGHTS[r.severity];
    let tally = tallies.get(r.pack);
    if (!tally) {
      tally = {
        total: 0,
        ok: 0,
        passing: 0,
        failing: 0,
        waived: 0,
        lowestFailing: CHECK_LEVELS.length,
      };
      tallies.set(r.pack, tally);
    }
    tally.total += weight;
    total += weight;
    if (state === 'fail') {
      tally.failing += 1;
      tally.lowestFailing = Math.min(
        tally.lowestFailing,
        CHECK_LEVELS.indexOf(r.level),
      );
    } else {
      tally.ok += weight;
      ok += weight;
      if (state === 'pass') tally.passing += 1;
      else tally.waived += 1;
    }
  }
  const packs: PackScore[] = [...tallies.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map(pack => {
      const t = tallies.get(pack)!;
      return {
        pack,
        level: levelBelow(t.lowestFailing),
        score: percent(t.ok, t.total),
        passing: t.passing,
        failing: t.failing,
        waived: t.waived,
      };
    });
  return { packs, score: percent(ok, total) };
}
