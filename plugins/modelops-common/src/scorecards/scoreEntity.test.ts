import fc from 'fast-check';
import { packLevel, scoreEntity, type ScoredResult } from './scoreEntity';

const r = (
  level: ScoredResult['level'],
  state: ScoredResult['state'],
  severity: ScoredResult['severity'] = 'error',
  pack = 'p',
): ScoredResult => ({ pack, level, severity, state });

describe('scoreEntity', () => {
  it('reaches a level only when every check up to it passes or is waived', () => {
    expect(packLevel([r('bronze', 'fail'), r('silver', 'pass')])).toBe('none');
    expect(
      packLevel([r('bronze', 'pass'), r('silver', 'fail'), r('gold', 'pass')]),
    ).toBe('bronze');
    expect(
      packLevel([
        r('bronze', 'waived'),
        r('silver', 'pass'),
        r('gold', 'fail'),
      ]),
    ).toBe('silver');
    expect(
      packLevel([r('bronze', 'pass'), r('silver', 'pass'), r('gold', 'pass')]),
    ).toBe('gold');
  });

  it('never reaches a level none of whose checks applies, nor any above it', () => {
    // Nothing at silver was checked: silver and gold are not claimed.
    expect(packLevel([r('bronze', 'pass'), r('gold', 'pass')])).toBe('bronze');
    // Only bronze checks apply: bronze at most, never gold.
    expect(packLevel([r('bronze', 'pass'), r('bronze', 'pass')])).toBe(
      'bronze',
    );
    // No bronze check applies: no level at all.
    expect(packLevel([r('silver', 'pass'), r('gold', 'pass')])).toBe('none');
    expect(packLevel([])).toBe('none');
  });

  it('weights the score by severity', () => {
    const score = scoreEntity([
      r('bronze', 'pass', 'critical', 'a'),
      r('bronze', 'fail', 'info', 'a'),
      r('silver', 'fail', 'warning', 'b'),
    ]);
    expect(score.score).toBe(Math.round((5 / 8) * 100));
    expect(score.packs).toEqual([
      {
        pack: 'a',
        level: 'none',
        score: 83,
        passing: 1,
        failing: 1,
        waived: 0,
      },
      {
        pack: 'b',
        level: 'none',
        score: 0,
        passing: 0,
        failing: 1,
        waived: 0,
      },
    ]);
  });

  it('scores an entity without applicable checks as 100', () => {
    expect(scoreEntity([])).toEqual({ packs: [], score: 100 });
  });

  it('scores with the state a caller gives, such as a waiver of a failure', () => {
    const results = [
      r('bronze', 'fail', 'error', 'a'),
      r('silver', 'pass', 'error', 'a'),
      r('gold', 'pass', 'error', 'a'),
    ];
    const waived = scoreEntity(results, x =>
      x.state === 'fail' ? 'waived' : x.state,
    );
    expect(waived.score).toBe(100);
    expect(waived.packs[0]).toMatchObject({
      pack: 'a',
      level: 'gold',
      failing: 0,
      waived: 1,
    });
  });

  it('agrees with packLevel and counts every result once, whatever the mix', () => {
    const result = fc.record({
      pack: fc.constantFrom('a', 'b', 'c'),
      level: fc.constantFrom<ScoredResult['level']>('bronze', 'silver', 'gold'),
      severity: fc.constantFrom<ScoredResult['severity']>(
        'info',
        'warning',
        'error',
        'critical',
      ),
      state: fc.constantFrom<ScoredResult['state']>('pass', 'fail', 'waived'),
    });
    fc.assert(
      fc.property(fc.array(result, { maxLength: 60 }), results => {
        const score = scoreEntity(results);
        for (const pack of score.packs) {
          const own = results.filter(x => x.pack === pack.pack);
          expect(pack.level).toBe(packLevel(own));
          expect(pack.passing + pack.failing + pack.waived).toBe(own.length);
        }
        expect(score.packs.map(p => p.pack)).toEqual(
          [...new Set(results.map(x => x.pack))].sort(),
        );
      }),
    );
  });

  it('reaches exactly the highest level whose checks, and those below, apply and do not fail', () => {
    const result = fc.record({
      pack: fc.constant('p'),
      level: fc.constantFrom<ScoredResult['level']>('bronze', 'silver', 'gold'),
      severity: fc.constantFrom<ScoredResult['severity']>('error'),
      state: fc.constantFrom<ScoredResult['state']>('pass', 'fail', 'waived'),
    });
    const order = ['none', 'bronze', 'silver', 'gold'];
    const holds = (results: ScoredResult[], level: string) =>
      results.some(x => x.level === level) &&
      results.every(
        x =>
          order.indexOf(x.level) > order.indexOf(level) || x.state !== 'fail',
      );
    fc.assert(
      fc.property(fc.array(result, { maxLength: 30 }), results => {
        const level = packLevel(results);
        const reached = order.indexOf(level);
        // Every level up to the one reached has an applicable check and no failure...
        for (const l of order.slice(1, reached + 1)) {
          expect(holds(results, l)).toBe(true);
        }
        // ...and the next one up does not.
        if (reached < order.length - 1) {
          expect(holds(results, order[reached + 1])).toBe(false);
        }
      }),
    );
  });
});
