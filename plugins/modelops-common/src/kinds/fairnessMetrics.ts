/*
 * The fairness metrics the suite knows, and what a declared bound on one
 * means. Difference metrics (0 is parity, either sign is a disparity) are
 * bounded in absolute value; ratio metrics (1 is parity) from below, as the
 * four-fifths rule bounds the disparate impact ratio at 0.8. Judging a
 * ratio as |x| <= t would pass a ratio of 0.3 and fail parity.
 */

/** How a fairness metric measures parity. @public */
export type FairnessMetricKind = 'difference' | 'ratio';

/** A fairness metric of the documented vocabulary. @public */
export interface FairnessMetric {
  name: string;
  title: string;
  kind: FairnessMetricKind;
  /** Other names tools report it under. */
  aliases: string[];
}

const metric = (
  name: string,
  title: string,
  kind: FairnessMetricKind,
  aliases: string[] = [],
): FairnessMetric => ({ name, title, kind, aliases });

/**
 * The documented vocabulary (names as Fairlearn and AIF360 report them,
 * lower case with dashes). Other names are accepted and reported as
 * non-standard, and bounded in absolute value unless `min` or `max` says
 * otherwise.
 *
 * @public
 */
export const FAIRNESS_METRICS: readonly FairnessMetric[] = [
  metric(
    'statistical-parity-difference',
    'Statistical parity difference',
    'difference',
    ['demographic-parity-difference'],
  ),
  metric('disparate-impact-ratio', 'Disparate impact ratio', 'ratio', [
    'demographic-parity-ratio',
    'disparate-impact',
  ]),
  metric(
    'equalized-odds-difference',
    'Equalized odds difference',
    'difference',
  ),
  metric('equalized-odds-ratio', 'Equalized odds ratio', 'ratio'),
  metric(
    'equal-opportunity-difference',
    'Equal opportunity difference',
    'difference',
    ['true-positive-rate-difference'],
  ),
  metric('average-odds-difference', 'Average odds difference', 'difference'),
  metric(
    'false-positive-rate-difference',
    'False positive rate difference',
    'difference',
  ),
  metric(
    'predictive-parity-difference',
    'Predictive parity difference',
    'difference',
    ['positive-predictive-value-difference'],
  ),
];

const BY_NAME = new Map<string, FairnessMetric>();
for (const m of FAIRNESS_METRICS) {
  for (const name of [m.name, ...m.aliases]) BY_NAME.set(name, m);
}

/** The vocabulary entry of a metric name or alias, if it is standard. @public */
export function fairnessMetric(name: string): FairnessMetric | undefined {
  return BY_NAME.get(name.trim().toLocaleLowerCase('en-US'));
}

/** One `spec.risk.fairness` declaration. @public */
export interface FairnessDeclaration {
  metric: string;
  /** |value| at most this for differences; value at least this for ratios. */
  threshold?: number;
  /** Value at least this. */
  min?: number;
  /** Value at most this. */
  max?: number;
}

/** What a declaration asks of every reported value of its metric. @public */
export interface FairnessBound {
  /** The declared name. */
  metric: string;
  /** Whether the name is in {@link FAIRNESS_METRICS}. */
  standard: boolean;
  /** True when the value meets the bound. */
  holds(value: number): boolean;
  /** The bound in words, e.g. "at most 0.1 in absolute value". */
  text: string;
  /** Whether higher values are better, for charts. */
  higherIsBetter: boolean;
}

/**
 * The bound a declaration sets, or undefined when it sets none (no
 * threshold, min or max).
 *
 * @public
 */
export function fairnessBound(
  declaration: FairnessDeclaration,
): FairnessBound | undefined {
  const known = fairnessMetric(declaration.metric);
  const { threshold, min, max } = declaration;
  const base = { metric: declaration.metric, standard: known !== undefined };
  if (min !== undefined || max !== undefined) {
    return {
      ...base,
      holds: v =>
        (min === undefined || v >= min) && (max === undefined || v <= max),
      text: rangeText(min, max),
      higherIsBetter: max === undefined,
    };
  }
  if (threshold === undefined) return undefined;
  if (known?.kind === 'ratio') {
    return {
      ...base,
      holds: v => v >= threshold,
      text: `at least ${threshold}`,
      higherIsBetter: true,
    };
  }
  return {
    ...base,
    holds: v => Math.abs(v) <= threshold,
    text: `at most ${threshold} in absolute value`,
    higherIsBetter: false,
  };
}

/** A range in words: "between 0.8 and 1.25", "at least 0.8", "at most 0.1". */
function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined)
    return `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

/** Whether a reported metric name is the declared one (aliases included). @public */
export function sameFairnessMetric(
  declared: string,
  reported: string,
): boolean {
  if (declared === reported) return true;
  const a = fairnessMetric(declared);
  return a !== undefined && a === fairnessMetric(reported);
}
