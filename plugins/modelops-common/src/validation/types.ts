/**
 * One thing wrong with an MLModel or Dataset document.
 *
 * @public
 */
export interface ModelOpsValidationProblem {
  /** Where, e.g. `spec.risk.tier` or `spec.metrics[0].name`. */
  path: string;
  /** The rule broken, in plain words, e.g. `expected one of high, low`. */
  rule: string;
  /** `path: rule; got value`, ready to show to the author of the file. */
  message: string;
}
