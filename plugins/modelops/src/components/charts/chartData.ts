import {
  EvaluationReport,
  MonitoringSnapshot,
  OUTPUT_DRIFT_FEATURE,
} from '@modelops/plugin-modelops-common';

/** How the chart names drift of the model's output. */
export const OUTPUT_DRIFT_LABEL = 'model output';

/** One point of a metric's history: its overall value in one model version. */
export type MetricHistoryPoint = {
  version: string;
  value: number;
  evaluatedAt: string;
};

/** One bar of the fairness chart: a metric's value for one group. */
export type FairnessBar = { group: string; value: number };

/** A fairness metric computed on the groups of one protected attribute. */
export type FairnessSeries = {
  metric: string;
  attribute: string;
  bars: FairnessBar[];
};

/** Drift statistics of every feature at the end of one monitoring window. */
export type DriftPoint = { windowEnd: string } & Record<
  string,
  number | string
>;

function byEvaluatedAt(a: EvaluationReport, b: EvaluationReport): number {
  return a.evaluatedAt.localeCompare(b.evaluatedAt);
}

/**
 * The overall (unsliced) value of a metric in each model version, taking the
 * most recent evaluation of each version, ordered by when versions were
 * evaluated. Versions are not ordered by their names because version schemes
 * differ between teams.
 */
export function metricHistory(
  evaluations: EvaluationReport[],
  metricName: string,
): MetricHistoryPoint[] {
  const latestByVersion = new Map<string, MetricHistoryPoint>();
  for (const evaluation of [...evaluations].sort(byEvaluatedAt)) {
    const metric = evaluation.metrics.find(
      m => m.name === metricName && !m.slice,
    );
    if (metric) {
      latestByVersion.delete(evaluation.modelVersion);
      latestByVersion.set(evaluation.modelVersion, {
        version: evaluation.modelVersion,
        value: metric.value,
        evaluatedAt: evaluation.evaluatedAt,
      });
    }
  }
  return [...latestByVersion.values()];
}

/** The names of all overall metrics found in the evaluations, sorted. */
export function evaluatedMetricNames(
  evaluations: EvaluationReport[],
): string[] {
  const names = new Set<string>();
  for (const evaluation of evaluations) {
    for (const metric of evaluation.metrics) {
      if (!metric.slice) {
        names.add(metric.name);
      }
    }
  }
  return [...names].sort();
}

/** The most recent evaluation, optionally of one model version only. */
export function latestEvaluation(
  evaluations: EvaluationReport[],
  modelVersion?: string,
): EvaluationReport | undefined {
  const candidates = modelVersion
    ? evaluations.filter(e => e.modelVersion === modelVersion)
    : evaluations;
  return [...candidates].sort(byEvaluatedAt).pop();
}

/**
 * The sliced metrics of one evaluation, one series per metric and attribute,
 * groups in the order they were reported.
 */
export function fairnessSeries(
  evaluation: EvaluationReport | undefined,
): FairnessSeries[] {
  if (!evaluation) {
    return [];
  }
  const series = new Map<string, FairnessSeries>();
  for (const metric of evaluation.metrics) {
    if (!metric.slice) {
      continue;
    }
    const key = `${metric.name}\u0000${metric.slice.attribute}`;
    let entry = series.get(key);
    if (!entry) {
      entry = {
        metric: metric.name,
        attribute: metric.slice.attribute,
        bars: [],
      };
      series.set(key, entry);
    }
    entry.bars.push({ group: metric.slice.group, value: metric.value });
  }
  return [...series.values()];
}

/**
 * Drift statistics over time: one point per window end, one key per feature.
 * When a window reports a feature twice (two tests), the larger statistic is
 * kept because the chart is there to show the worst drift.
 */
export function driftOverTime(snapshots: MonitoringSnapshot[]): {
  features: string[];
  points: DriftPoint[];
} {
  const features = new Set<string>();
  const sorted = [...snapshots].sort((a, b) =>
    a.windowEnd.localeCompare(b.windowEnd),
  );
  const points: DriftPoint[] = [];
  for (const snapshot of sorted) {
    const point: DriftPoint = { windowEnd: snapshot.windowEnd.slice(0, 10) };
    for (const drift of snapshot.drift) {
      const feature =
        drift.feature === OUTPUT_DRIFT_FEATURE
          ? OUTPUT_DRIFT_LABEL
          : drift.feature;
      features.add(feature);
      const previous = point[feature];
      if (typeof previous !== 'number' || drift.statistic > previous) {
        point[feature] = drift.statistic;
      }
    }
    points.push(point);
  }
  return { features: [...features].sort(), points };
}

/** A y-axis domain and the ticks drawn on it. */
export type NiceAxis = { domain: [number, number]; ticks: number[] };

// The nearest "nice" step (1, 2, 2.5 or 5 times a power of ten) at or above a
// rough step, so tick labels read 0.75, 0.8, 0.85 rather than 0.7431.
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = [1, 2, 2.5, 5, 10].find(f => fraction <= f + 1e-9) ?? 10;
  return nice * power;
}

// Floating steps leave 0.30000000000000004 behind; round to the step's digits.
function roundToStep(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  // `|| 0` turns -0 into 0, which would otherwise label a tick "-0".
  return Number(value.toFixed(digits)) || 0;
}

/**
 * A y-axis for a metric chart that covers every value and the threshold (so
 * the threshold line is always drawn, with a step of room beyond it), on
 * rounded ticks, about `tickCount` of them. A flat series gets a band around its value so the line is not drawn
 * on the axis edge.
 */
export function niceAxis(
  values: number[],
  threshold?: number,
  tickCount = 5,
): NiceAxis {
  const all = [
    ...values,
    ...(threshold === undefined ? [] : [threshold]),
  ].filter(Number.isFinite);
  if (all.length === 0) {
    return { domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] };
  }
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep((max - min) / Math.max(1, tickCount - 1));
  let low = roundToStep(Math.floor(min / step + 1e-9) * step, step);
  let high = roundToStep(Math.ceil(max / step - 1e-9) * step, step);
  // A threshold on the domain's edge would be drawn over the axis, its label
  // over the tick labels: keep one step of room beyond it.
  if (threshold !== undefined && Math.abs(threshold - low) < step / 2) {
    low = roundToStep(low - step, step);
  }
  if (threshold !== undefined && Math.abs(high - threshold) < step / 2) {
    high = roundToStep(high + step, step);
  }
  const ticks: number[] = [];
  for (let i = 0; low + i * step <= high + step / 2; i++) {
    ticks.push(roundToStep(low + i * step, step));
  }
  return { domain: [low, high], ticks };
}
