import { evaluations, snapshots } from '../../__testUtils__/fixtures';
import {
  driftOverTime,
  evaluatedMetricNames,
  fairnessSeries,
  latestEvaluation,
  metricHistory,
  niceAxis,
} from './chartData';

describe('chartData', () => {
  it('charts the overall value of a metric per version in evaluation order', () => {
    expect(
      metricHistory(evaluations, 'auc').map(p => [p.version, p.value]),
    ).toEqual([
      ['4.0.0', 0.76],
      ['4.1.0', 0.79],
      ['4.2.0', 0.81],
    ]);
  });

  it('keeps the most recent evaluation of a re-evaluated version', () => {
    const rerun = {
      ...evaluations[0],
      id: 'rerun',
      evaluatedAt: '2026-04-01T00:00:00.000Z',
      metrics: [{ name: 'auc', value: 0.77 }],
    };
    const points = metricHistory([rerun, ...evaluations], 'auc');
    expect(points.map(p => [p.version, p.value])).toEqual([
      ['4.1.0', 0.79],
      ['4.2.0', 0.81],
      ['4.0.0', 0.77],
    ]);
  });

  it('ignores sliced values when charting a metric across versions', () => {
    expect(metricHistory(evaluations, 'selection-rate')).toEqual([]);
    expect(evaluatedMetricNames(evaluations)).toEqual(['auc']);
  });

  it('finds the latest evaluation, of one version when asked', () => {
    expect(latestEvaluation(evaluations)?.modelVersion).toBe('4.2.0');
    expect(latestEvaluation(evaluations, '4.0.0')?.modelVersion).toBe('4.0.0');
    expect(latestEvaluation(evaluations, '9.9.9')).toBeUndefined();
    expect(latestEvaluation([])).toBeUndefined();
  });

  it('groups sliced metrics by metric and attribute', () => {
    expect(fairnessSeries(evaluations[2])).toEqual([
      {
        metric: 'selection-rate',
        attribute: 'sex',
        bars: [
          { group: 'female', value: 0.31 },
          { group: 'male', value: 0.35 },
        ],
      },
    ]);
    expect(fairnessSeries(undefined)).toEqual([]);
  });

  it('orders drift by window end and keeps the worst statistic per feature', () => {
    const doubled = {
      ...snapshots[0],
      drift: [
        ...snapshots[0].drift,
        { feature: 'income', test: 'psi' as const, statistic: 0.4 },
      ],
    };
    const { features, points } = driftOverTime([
      snapshots[2],
      doubled,
      snapshots[1],
    ]);
    expect(features).toEqual(['age', 'income']);
    expect(points.map(p => p.windowEnd)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
    expect(points[0].income).toBe(0.4);
  });

  it('names drift of the model output in words', () => {
    const output = {
      ...snapshots[0],
      drift: [{ feature: '__output__', test: 'ks' as const, statistic: 0.1 }],
    };
    expect(driftOverTime([output]).features).toEqual(['model output']);
  });
});

describe('niceAxis', () => {
  it('stretches the domain to include a threshold below every value', () => {
    const axis = niceAxis([0.81, 0.84, 0.86], 0.7);
    expect(axis.domain[0]).toBeLessThan(0.7);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(0.86);
    expect(axis.ticks).toEqual([0.65, 0.7, 0.75, 0.8, 0.85, 0.9]);
  });

  it('stretches the domain to include a threshold above every value', () => {
    const axis = niceAxis([0.05, 0.06], 0.09);
    expect(axis.domain).toEqual([0.05, 0.1]);
    expect(axis.ticks).toEqual([0.05, 0.06, 0.07, 0.08, 0.09, 0.1]);
  });

  it('draws ticks on round steps that start and end the domain', () => {
    const axis = niceAxis([12.3, 187.9]);
    expect(axis.ticks).toEqual([0, 50, 100, 150, 200]);
    expect(axis.domain).toEqual([0, 200]);
  });

  it('gives a flat series a band around its value', () => {
    const axis = niceAxis([0.8, 0.8]);
    expect(axis.domain[0]).toBeLessThan(0.8);
    expect(axis.domain[1]).toBeGreaterThan(0.8);
    expect(axis.ticks).toContain(0.8);
  });

  it('falls back to the unit interval without values', () => {
    expect(niceAxis([])).toEqual({
      domain: [0, 1],
      ticks: [0, 0.25, 0.5, 0.75, 1],
    });
  });

  it('always covers every value and the threshold with evenly spaced ticks', () => {
    // A small linear congruential generator keeps the cases reproducible.
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 500; run++) {
      const scale = 10 ** Math.floor(next() * 12 - 6);
      const values = Array.from(
        { length: 1 + Math.floor(next() * 10) },
        () => (next() - 0.3) * scale,
      );
      const threshold = next() < 0.7 ? (next() - 0.3) * scale * 2 : undefined;
      const { domain, ticks } = niceAxis(values, threshold);
      const all = threshold === undefined ? values : [...values, threshold];
      const tolerance = 1e-9 * Math.max(...all.map(Math.abs));
      expect(domain[0]).toBeLessThanOrEqual(Math.min(...all) + tolerance);
      expect(domain[1]).toBeGreaterThanOrEqual(Math.max(...all) - tolerance);
      expect(ticks[0]).toBe(domain[0]);
      expect(ticks[ticks.length - 1]).toBe(domain[1]);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(12);
      // The threshold is never drawn on the domain's edge.
      const inside = threshold ?? (domain[0] + domain[1]) / 2;
      expect(inside).toBeGreaterThan(domain[0]);
      expect(inside).toBeLessThan(domain[1]);
    }
  });
});
