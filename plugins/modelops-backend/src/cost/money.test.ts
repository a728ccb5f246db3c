import fc from 'fast-check';
import {
  convertExact,
  exactFromNumber,
  exactToMicros,
  microsToAmount,
  parseExact,
} from './money';

describe('money', () => {
  it('reads decimal text exactly, in the forms billing exports write', () => {
    expect(parseExact('12.5')).toBe(12_500_000_000_000n);
    expect(parseExact(' -0.000001 ')).toBe(-1_000_000n);
    expect(parseExact('1.2E-7')).toBe(120_000n);
    expect(parseExact('+3')).toBe(3_000_000_000_000n);
    expect(parseExact('.5')).toBe(500_000_000_000n);
    expect(parseExact('0.0000000000004')).toBe(0n);
    expect(parseExact('0.0000000000005')).toBe(1n);
    for (const text of [
      '',
      '-',
      '.',
      '1,000',
      '$5',
      'NaN',
      'Infinity',
      '1e400',
      '1.2.3',
    ]) {
      expect(parseExact(text)).toBeUndefined();
    }
  });

  it('reads every finite JSON number as written and refuses the rest', () => {
    expect(exactFromNumber(0.1)).toBe(100_000_000_000n);
    expect(exactFromNumber(1e308)).toBe(10n ** 320n);
    expect(exactFromNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(exactFromNumber(Number.NaN)).toBeUndefined();
  });

  it('rounds to micros half away from zero and converts by a rate', () => {
    expect(exactToMicros(parseExact('0.0000005')!)).toBe(1n);
    expect(exactToMicros(parseExact('-0.0000005')!)).toBe(-1n);
    expect(exactToMicros(parseExact('0.00000049')!)).toBe(0n);
    expect(
      exactToMicros(convertExact(parseExact('100')!, parseExact('1.1')!)),
    ).toBe(110_000_000n);
    expect(microsToAmount(1_234_560_000n)).toBe(1234.56);
  });

  it('sums line items to the exact decimal sum, unlike floats', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 200 }),
        cents => {
          const text = cents.map(c => (c / 100).toFixed(2));
          const exact = text.reduce((sum, t) => sum + parseExact(t)!, 0n);
          const expected = cents.reduce((sum, c) => sum + BigInt(c), 0n);
          expect(exactToMicros(exact)).toBe(expected * 10_000n);
        },
      ),
    );
  });
});
