import fc from 'fast-check';
import { passRate } from './passRate';

describe('passRate', () => {
  it('divides passing checks by applicable checks, waived ones included', () => {
    expect(passRate({ passing: 189, failing: 50, waived: 12 })).toBeCloseTo(
      (189 / 251) * 100,
    );
    expect(passRate({ passing: 0, failing: 0, waived: 3 })).toBe(0);
  });

  it('has no rate when nothing applies', () => {
    expect(passRate({ passing: 0, failing: 0, waived: 0 })).toBeUndefined();
  });

  it('stays within 0..100', () => {
    const count = fc.nat({ max: 10_000 });
    fc.assert(
      fc.property(count, count, count, (passing, failing, waived) => {
        const rate = passRate({ passing, failing, waived });
        if (passing + failing + waived === 0) expect(rate).toBeUndefined();
        else {
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});
