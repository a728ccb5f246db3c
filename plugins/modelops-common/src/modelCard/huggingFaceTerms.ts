/*
 * Vocabulary shared by both directions of the Hugging Face README mapping.
 */

/** License ids the Hugging Face Hub accepts in `license:`. */
export const HF_LICENSES = new Set([
  'apache-2.0',
  'mit',
  'openrail',
  'openrail++',
  'bigscience-openrail-m',
  'creativeml-openrail-m',
  'bigscience-bloom-rail-1.0',
  'bigcode-openrail-m',
  'afl-3.0',
  'artistic-2.0',
  'bsl-1.0',
  'bsd',
  'bsd-2-clause',
  'bsd-3-clause',
  'bsd-3-clause-clear',
  'c-uda',
  'cc',
  'cc0-1.0',
  'cc-by-2.0',
  'cc-by-2.5',
  'cc-by-3.0',
  'cc-by-4.0',
  'cc-by-sa-3.0',
  'cc-by-sa-4.0',
  'cc-by-nc-2.0',
  'cc-by-nc-3.0',
  'cc-by-nc-4.0',
  'cc-by-nd-4.0',
  'cc-by-nc-nd-3.0',
  'cc-by-nc-nd-4.0',
  'cc-by-nc-sa-2.0',
  'cc-by-nc-sa-3.0',
  'cc-by-nc-sa-4.0',
  'cdla-sharing-1.0',
  'cdla-permissive-1.0',
  'cdla-permissive-2.0',
  'wtfpl',
  'ecl-2.0',
  'epl-1.0',
  'epl-2.0',
  'etalab-2.0',
  'eupl-1.1',
  'agpl-3.0',
  'gfdl',
  'gpl',
  'gpl-2.0',
  'gpl-3.0',
  'lgpl',
  'lgpl-2.1',
  'lgpl-3.0',
  'isc',
  'lppl-1.3c',
  'ms-pl',
  'apple-ascl',
  'mpl-2.0',
  'odc-by',
  'odbl',
  'osl-3.0',
  'postgresql',
  'ofl-1.1',
  'ncsa',
  'unlicense',
  'zlib',
  'pddl',
  'lgpl-lr',
  'llama2',
  'llama3',
  'llama3.1',
  'llama3.2',
  'llama3.3',
  'gemma',
  'unknown',
  'other',
]);

/** Hugging Face pipeline tags (task types) and the MLModel type they imply. */
export const HF_TASK_TO_MODEL_TYPE: Record<string, string> = {
  'text-classification': 'classification',
  'token-classification': 'classification',
  'zero-shot-classification': 'classification',
  'image-classification': 'classification',
  'audio-classification': 'classification',
  'video-classification': 'classification',
  'tabular-classification': 'classification',
  'tabular-regression': 'regression',
  'time-series-forecasting': 'forecasting',
  'text-generation': 'generative',
  'text2text-generation': 'generative',
  summarization: 'generative',
  translation: 'generative',
  'image-to-text': 'generative',
  'text-to-image': 'generative',
  'text-to-speech': 'generative',
  'feature-extraction': 'embedding',
  'sentence-similarity': 'embedding',
  'text-ranking': 'ranking',
};

/**
 * Hugging Face repository ids are `owner/name`; entity names cannot hold a
 * slash, so it becomes `--` as in the Hub's own cache folder names.
 *
 * @public
 */
export function hubIdToEntityName(id: string): string {
  return id.replace(/\//g, '--');
}

/** Reverse of {@link hubIdToEntityName}. */
export function entityNameToHubId(name: string): string {
  return name.replace(/--/g, '/');
}

/** The name part of an entity ref: `dataset:default/loans` gives `loans`. */
export function refName(ref: string): string {
  const withoutKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  return withoutKind.slice(withoutKind.lastIndexOf('/') + 1);
}

/**
 * The front matter key of a Hugging Face README that carries the MLModel
 * entity (apiVersion, kind, metadata without annotations, and the whole
 * spec), so that fields the Hub has no key for survive a round trip. The
 * Hub keeps unknown front matter keys as they are.
 *
 * @public
 */
export const MODELOPS_FRONT_MATTER_KEY = 'modelops';
