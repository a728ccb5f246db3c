/** Counts of applicable checks by outcome, as results and summaries carry them. @public */
export interface CheckCounts {
  passing: number;
  failing: number;
  waived: number;
}

/**
 * The pass rate: checks that pass divided by checks that apply, as a
 * percentage (0..100, not rounded), or undefined when no check applies. A
 * waived check applies and does not pass. This is the one definition every
 * page uses; the severity-weighted figure is the score (see `scoreEntity`),
 * and is always labelled "score".
 *
 * @public
 */
export function passRate(counts: CheckCounts): number | undefined {
  const applicable = counts.passing + counts.failing + counts.waived;
  return applicable === 0 ? undefined : (counts.passing / applicable) * 100;
}
