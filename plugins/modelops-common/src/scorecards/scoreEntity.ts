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
 * The level reached in one pack. A level is reached when at least one check
 * of that level applies to the entity, and every applicable check of that
 * level and of every level below it passes or is waived. A level none of
 * whose checks applies is not reached, and neither is any level above it:
 * "gold" always means that gold checks were run and passed, never that
 * there was nothing to check (docs: plugins/modelops-backend/README.md,
 * "Levels").
 *
 * @public
 */
export function packLevel(results: ScoredResult[]): PackLevel {
  const applicable = CHECK_LEVELS.map(() => 0);
  let lowestFailing = CHECK_LEVELS.length;
  for (const r of results) {
    const index = CHECK_LEVELS.indexOf(r.level);
    applicable[index] += 1;
    if (r.state === 'fail') lowestFailing = Math.min(lowestFailing, index);
  }
  return levelReached(applicable, lowestFailing);
}

/**
 * The highest level whose checks, and the checks of every level below it,
 * apply (`applicable[i]` checks of level i) and do not fail
 * (`lowestFailing` is the index of the lowest level with a failing check).
 */
function levelReached(
  applicable: readonly number[],
  lowestFailing: number,
): PackLevel {
  let reached: PackLevel = 'none';
  for (let i = 0; i < lowestFailing; i++) {
    if (applicable[i] === 0) break;
    reached = CHECK_LEVELS[i];
  }
  return reached;
}

/** Running totals of one pack while an entity's results are read. */
interface PackTally {
  total: number;
  ok: number;
  passing: number;
  failing: number;
  waived: number;
  /** Applicable checks per level, indexed as CHECK_LEVELS. */
  applicable: number[];
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
        applicable: CHECK_LEVELS.map(() => 0),
        lowestFailing: CHECK_LEVELS.length,
      };
      tallies.set(r.pack, tally);
    }
    const levelIndex = CHECK_LEVELS.indexOf(r.level);
    tally.total += weight;
    tally.applicable[levelIndex] += 1;
    total += weight;
    if (state === 'fail') {
      tally.failing += 1;
      tally.lowestFailing = Math.min(tally.lowestFailing, levelIndex);
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
        level: levelReached(t.applicable, t.lowestFailing),
        score: percent(t.ok, t.total),
        passing: t.passing,
        failing: t.failing,
        waived: t.waived,
      };
    });
  return { packs, score: percent(ok, total) };
}
