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

function score(results: ScoredResult[]): number {
  let total = 0;
  let ok = 0;
  for (const r of results) {
    const w = SEVERITY_WEIGHTS[r.severity];
    total += w;
    if (r.state !== 'fail') ok += w;
  }
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
  let reached: PackLevel = 'none';
  for (const level of CHECK_LEVELS) {
    if (results.some(r => r.level === level && r.state === 'fail')) {
      return reached;
    }
    reached = level;
  }
  return reached;
}

/**
 * Levels per pack and the overall severity-weighted score of one entity,
 * from the results of the checks that apply to it.
 *
 * @public
 */
export function scoreEntity(results: ScoredResult[]): EntityScore {
  const byPack = new Map<string, ScoredResult[]>();
  for (const r of results) {
    const list = byPack.get(r.pack) ?? [];
    list.push(r);
    byPack.set(r.pack, list);
  }
  const packs: PackScore[] = [...byPack.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pack, list]) => ({
      pack,
      level: packLevel(list),
      score: score(list),
      passing: list.filter(r => r.state === 'pass').length,
      failing: list.filter(r => r.state === 'fail').length,
      waived: list.filter(r => r.state === 'waived').length,
    }));
  return { packs, score: score(results) };
}
