import type { PackScore } from '@modelops/plugin-modelops-common';
import { levelChanges } from './levelChanges';
import type { EvaluationBatch, ScoredEntityRow } from './types';

const AT = '2026-11-21T00:00:00.000Z';
const pack = (name: string, level: PackScore['level']): PackScore => ({
  pack: name,
  level,
  score: 0,
  passing: 0,
  failing: 0,
  waived: 0,
});
const row = (ref: string, packs: PackScore[]): ScoredEntityRow => ({
  entityRef: ref,
  kind: 'MLModel',
  score: 0,
  packs,
  evaluatedAt: AT,
});

describe('levelChanges', () => {
  const batch: EvaluationBatch = {
    entities: [
      row('mlmodel:default/a', [pack('ownership', 'silver')]),
      row('mlmodel:default/new', [pack('ownership', 'gold')]),
    ],
    upserts: [
      {
        entityRef: 'mlmodel:default/a',
        checkId: 'ownership.steward',
        pack: 'ownership',
        level: 'gold',
        severity: 'warning',
        state: 'fail',
        changedAt: AT,
      },
      {
        entityRef: 'mlmodel:default/a',
        checkId: 'documentation.card',
        pack: 'documentation',
        level: 'bronze',
        severity: 'error',
        state: 'pass',
        changedAt: AT,
      },
    ],
    removals: [],
    changes: [
      {
        entityRef: 'mlmodel:default/a',
        checkId: 'ownership.steward',
        from: 'pass',
        to: 'fail',
        at: AT,
      },
      {
        entityRef: 'mlmodel:default/a',
        checkId: 'documentation.card',
        from: 'fail',
        to: 'pass',
        at: AT,
      },
    ],
  };

  it("names the level moves with the pack's checks that changed with them", () => {
    const before = new Map([
      [
        'mlmodel:default/a',
        [pack('ownership', 'gold'), pack('documentation', 'none')],
      ],
    ]);
    expect(levelChanges(batch, before)).toEqual([
      {
        entityRef: 'mlmodel:default/a',
        pack: 'ownership',
        from: 'gold',
        to: 'silver',
        at: AT,
        checks: [{ checkId: 'ownership.steward', to: 'fail' }],
      },
      // The pack stopped applying: no level after it.
      {
        entityRef: 'mlmodel:default/a',
        pack: 'documentation',
        from: 'none',
        at: AT,
        checks: [{ checkId: 'documentation.card', to: 'pass' }],
      },
    ]);
  });

  it('takes first levels and unchanged levels for no change', () => {
    expect(levelChanges(batch, new Map())).toEqual([]);
    expect(
      levelChanges(
        batch,
        new Map([['mlmodel:default/a', [pack('ownership', 'silver')]]]),
      ).map(c => c.pack),
    ).toEqual([]);
  });
});
