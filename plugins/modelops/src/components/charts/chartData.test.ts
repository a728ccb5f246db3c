import { evaluations, snapshots } from '../../__testUtils__/fixtures';
import {
  driftOverTime,
  evaluatedMetricNames,
  fairnessSeries,
  latestEvaluation,
  metricHistory,
} from './chartData';

describe('chartData', () => {
  it('charts the overall value of a metric per version in evaluation order', () => {
    expect(metricHistory(evaluations, 'auc').map(p => [p.version, p.value])).toEqual([
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
      drift: [...snapshots[0].drift, { feature: 'income', test: 'psi' as const, statistic: 0.4 }],
    };
    const { features, points } = driftOverTime([snapshots[2], doubled, snapshots[1]]);
    expect(features).toEqual(['age', 'income']);
    expect(points.map(p => p.windowEnd)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(points[0].income).toBe(0.4);
  });

  it('names drift of the model output in words', () => {
    const output = { ...snapshots[0], drift: [{ feature: '__output__', test: 'ks' as const, statistic: 0.1 }] };
    expect(driftOverTime([output]).features).toEqual(['model output']);
  });
});
