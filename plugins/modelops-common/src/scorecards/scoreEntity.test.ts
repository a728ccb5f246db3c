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
    expect(packLevel([r('bronze', 'pass'), r('gold', 'pass')])).toBe('gold');
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
        level: 'bronze',
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
});
