import type { ImportNote } from '../api/observations';
import type { MLModelEntity, MLModelSpec } from '../kinds/types';

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

/**
 * One metric of a `model-index` result. A numeric value is `value`; a
 * string such as `"96.3 ± 2.6"` or `"96.3 +/- 2.6"` becomes `value` and
 * `uncertainty`, and keeps its original text in `text`; a string that is no
 * number (`"n/a"`) is kept only as `text`.
 *
 * @public
 */
export interface ModelCardMetricResult {
  /** The metric id, e.g. `accuracy`, `wer`. */
  type: string;
  /** The display name, e.g. `Test WER`. */
  name?: string;
  value?: number;
  /** The ± part of a value written with one. */
  uncertainty?: number;
  /** The value as the card wrote it, when it was a string. */
  text?: string;
  /** Whether the Hub verified the value. */
  verified?: boolean;
}

/**
 * One result of a card's `model-index`: the task, the evaluation dataset
 * and the metrics measured on it.
 *
 * @public
 */
export interface ModelCardResult {
  /** The `model-index[].name` the result belongs to. */
  modelName?: string;
  task: { type?: string; name?: string };
  dataset: {
    /** Entity name of the evaluation dataset, from the dataset id (`type`). */
    ref?: string;
    /** The Hub dataset id, e.g. `librispeech_asr`. */
    type?: string;
    /** The display name, e.g. `LibriSpeech (clean)`. */
    name?: string;
    config?: string;
    split?: string;
    revision?: string;
  };
  metrics: ModelCardMetricResult[];
}

/**
 * What a Hugging Face model card says in MLModel terms, and what it says
 * that could not be mapped.
 *
 * @public
 */
export interface HuggingFaceCardImport {
  /** The MLModel spec fields the card states; fields it does not state are absent. */
  spec: Partial<MLModelSpec>;
  /** Entity metadata the card states: tags, and from a `modelops` block name, title, description, links. */
  metadata: Partial<
    Pick<
      MLModelEntity['metadata'],
      | 'name'
      | 'namespace'
      | 'title'
      | 'description'
      | 'labels'
      | 'tags'
      | 'links'
    >
  >;
  /** The Hub task type (`pipeline_tag`), e.g. `automatic-speech-recognition`. */
  task?: string;
  /** The card's `language` list, e.g. `en`, `fr`. */
  languages?: string[];
  /** Every result of the card's `model-index`. */
  results: ModelCardResult[];
  /** What the card holds that no field took, with the reason. */
  notes: ImportNote[];
}
