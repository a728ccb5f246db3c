import fc from 'fast-check';
import {
  FAIRNESS_METRICS,
  fairnessBound,
  fairnessMetric,
  sameFairnessMetric,
} from './fairnessMetrics';

describe('fairness metrics', () => {
  it('knows each metric by its name and aliases, case and spaces aside', () => {
    expect(fairnessMetric(' Demographic-Parity-Difference ')?.name).toBe(
      'statistical-parity-difference',
    );
    expect(
      sameFairnessMetric('disparate-impact-ratio', 'disparate-impact'),
    ).toBe(true);
    expect(sameFairnessMetric('my-gap', 'my-gap')).toBe(true);
    expect(sameFairnessMetric('my-gap', 'other-gap')).toBe(false);
    const names = FAIRNESS_METRICS.flatMap(m => [m.name, ...m.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('bounds differences in absolute value and ratios from below', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (value, threshold) => {
          const difference = fairnessBound({
            metric: 'equalized-odds-difference',
            threshold,
          })!;
          const ratio = fairnessBound({
            metric: 'disparate-impact-ratio',
            threshold,
          })!;
          expect(difference.holds(value)).toBe(Math.abs(value) <= threshold);
          expect(ratio.holds(value)).toBe(value >= threshold);
        },
      ),
    );
    expect(
      fairnessBound({ metric: 'disparate-impact-ratio', threshold: 0.8 })!.text,
    ).toBe('at least 0.8');
    const both = fairnessBound({ metric: 'x', min: 0.8, max: 1.25 })!;
    expect([both.text, both.standard, both.holds(1.3), both.holds(1)]).toEqual([
      'between 0.8 and 1.25',
      false,
      false,
      true,
    ]);
    expect(fairnessBound({ metric: 'x' })).toBeUndefined();
  });
});
