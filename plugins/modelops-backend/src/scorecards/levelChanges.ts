import type { PackLevel, PackScore } from '@modelops/plugin-modelops-common';
import type { EvaluationBatch } from './types';

/** A pack's check that changed in the evaluation that moved a level. */
export interface LevelChangeCheck {
  checkId: string;
  to: 'pass' | 'fail';
}

/** A level change as the store keeps it, before it is put in words. */
export interface StoredLevelChange {
  entityRef: string;
  pack: string;
  from?: PackLevel;
  to?: PackLevel;
  at: string;
  checks: LevelChangeCheck[];
}

/**
 * The level changes one written batch makes, against the packs the same
 * entities had before it. An entity evaluated for the first time has no
 * "before", so its first levels are not changes, as a first check result
 * is not a transition.
 */
export function levelChanges(
  batch: EvaluationBatch,
  previousPacks: ReadonlyMap<string, PackScore[]>,
): StoredLevelChange[] {
  const packOf = new Map(
    batch.upserts.map(r => [`${r.entityRef}\u0000${r.checkId}`, r.pack]),
  );
  const out: StoredLevelChange[] = [];
  for (const entity of batch.entities) {
    const before = previousPacks.get(entity.entityRef);
    if (!before) continue;
    const was = new Map(before.map(p => [p.pack, p.level]));
    const is = new Map(entity.packs.map(p => [p.pack, p.level]));
    for (const pack of new Set([...was.keys(), ...is.keys()])) {
      const from = was.get(pack);
      const to = is.get(pack);
      if (from === to) continue;
      out.push({
        entityRef: entity.entityRef,
        pack,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        at: entity.evaluatedAt,
        checks: batch.changes
          .filter(
            c =>
              c.entityRef === entity.entityRef &&
              packOf.get(`${c.entityRef}\u0000${c.checkId}`) === pack,
          )
          .map(c => ({ checkId: c.checkId, to: c.to })),
      });
    }
  }
  return out;
}
