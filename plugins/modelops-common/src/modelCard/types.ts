/**
 * The latest evaluation of a model, reported in the model-index of its
 * Hugging Face README.
 *
 * @public
 */
export interface ModelCardEvaluation {
  metrics: { name: string; value: number; slice?: string }[];
  /** Entity ref of the evaluation dataset. */
  datasetRef?: string;
  /** ISO 8601 timestamp. */
  evaluatedAt: string;
}
