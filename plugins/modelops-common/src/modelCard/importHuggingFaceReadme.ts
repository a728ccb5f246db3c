import { makeValidator } from '@backstage/catalog-model';
import { parse } from 'yaml';
import type { z } from 'zod';
import { IMPORT_NOTE_VALUE_MAX, type ImportNote } from '../api/observations';
import { MLMODEL_KIND, MODELOPS_API_VERSION } from '../kinds/constants';
import { MLMODEL_TYPES } from '../kinds/enums';
import { mlModelSpecSchema } from '../kinds/mlModelEntitySchema';
import { modelOpsMetadataSchema } from '../kinds/metadataSchema';
import type { MLModelSpec } from '../kinds/types';
import {
  HF_TASK_TO_MODEL_TYPE,
  hubIdToEntityName,
  MODELOPS_FRONT_MATTER_KEY,
} from './huggingFaceTerms';
import { hubFrontMatter } from './modelCardToHuggingFaceReadme';
import { parseMetricValue } from './parseMetricValue';
import type {
  HuggingFaceCardImport,
  ModelCardMetricResult,
  ModelCardResult,
} from './types';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

const { isValidTag } = makeValidator();

/** A value as an import note shows it: text, at most IMPORT_NOTE_VALUE_MAX long. */
function noteValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return text.length > IMPORT_NOTE_VALUE_MAX
    ? `${text.slice(0, IMPORT_NOTE_VALUE_MAX - 1)}\u2026`
    : text;
}

// Front matter keys of the Hub's model card specification that describe
// the Hub page itself (its widget, inference box, gating form, thumbnail)
// rather than the model, so there is nothing in a catalog entity to lose.
const HUB_PAGE_KEYS = new Set([
  'widget',
  'inference',
  'thumbnail',
  'extra_gated_prompt',
  'extra_gated_fields',
  'extra_gated_heading',
  'extra_gated_description',
  'extra_gated_button_content',
]);

// Keys the import reads; anything else becomes a note.
const READ_KEYS = new Set([
  'license',
  'license_name',
  'license_link',
  'library_name',
  'datasets',
  'base_model',
  'pipeline_tag',
  'tags',
  'language',
  'metrics',
  'model-index',
  MODELOPS_FRONT_MATTER_KEY,
]);

class Notes {
  readonly list: ImportNote[] = [];

  add(field: string, value: unknown, reason: string): void {
    this.list.push({
      field,
      ...(value === undefined ? {} : { value: noteValue(value) }),
      reason,
    });
  }
}

/** Reports the keys of a card object that the import does not read. */
function reportUnread(
  object: Json,
  read: readonly string[],
  field: string,
  notes: Notes,
): void {
  for (const [key, value] of Object.entries(object)) {
    if (!read.includes(key)) {
      notes.add(`${field}.${key}`, value, 'not read: no field takes it');
    }
  }
}

/** Strings of a value that may be one string or a list; reports the rest. */
function stringsOf(value: unknown, field: string, notes: Notes): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  items.forEach((item, i) => {
    if (typeof item === 'string' && item.length > 0) {
      out.push(item);
    } else {
      notes.add(
        Array.isArray(value) ? `${field}[${i}]` : field,
        item,
        'expected a non-empty string',
      );
    }
  });
  return out;
}

function splitFrontMatter(markdown: string): { yaml?: string; body: string } {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(markdown);
  return match
    ? { yaml: match[1], body: markdown.slice(match[0].length) }
    : { body: markdown };
}

/** Level-2 to level-4 sections keyed by lower-cased heading. */
function sections(body: string): Map<string, string> {
  const out = new Map<string, string>();
  let heading: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (heading !== undefined) {
      out.set(heading, lines.join('\n').trim());
    }
  };
  for (const line of body.split(/\r?\n/)) {
    const m = /^#{2,4}\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) {
      flush();
      heading = m[1].toLocaleLowerCase('en-US');
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return out;
}

function bullets(text: string | undefined): string[] | undefined {
  if (!text) {
    return undefined;
  }
  const items = text
    .split(/\r?\n/)
    .map(l => /^\s*[-*+]\s+(.*\S)\s*$/.exec(l)?.[1])
    .filter((l): l is string => !!l);
  return items.length ? items : undefined;
}

/** Bullets, or the whole text as one item when the section is prose. */
function bulletsOrProse(text: string | undefined): string[] | undefined {
  return (
    bullets(text) ?? (text ? [text.replace(/\s*\r?\n\s*/g, ' ')] : undefined)
  );
}

function findSection(
  all: Map<string, string>,
  patterns: RegExp[],
): string | undefined {
  for (const pattern of patterns) {
    for (const [heading, text] of all) {
      if (
        pattern.test(heading) &&
        text &&
        !/^\[more information needed\]$/i.test(text)
      ) {
        return text;
      }
    }
  }
  return undefined;
}

function metricOf(
  raw: unknown,
  field: string,
  notes: Notes,
): ModelCardMetricResult | undefined {
  if (!isObject(raw)) {
    notes.add(field, raw, 'expected a metric object with type and value');
    return undefined;
  }
  const type = optionalString(raw.type) ?? optionalString(raw.name);
  if (!type) {
    notes.add(`${field}.type`, raw, 'a metric without a type is not read');
    return undefined;
  }
  reportUnread(raw, ['type', 'name', 'value', 'verified'], field, notes);
  const metric: ModelCardMetricResult = { type };
  const name = optionalString(raw.name);
  if (name) metric.name = name;
  if (typeof raw.verified === 'boolean') metric.verified = raw.verified;
  const { value } = raw;
  if (typeof value === 'number' && Number.isFinite(value)) {
    metric.value = value;
  } else if (typeof value === 'string') {
    metric.text = value;
    const parsed = parseMetricValue(value);
    if (parsed.value === undefined) {
      notes.add(
        `${field}.value`,
        value,
        'not a number nor a number with ± and an uncertainty; kept as text only',
      );
    } else {
      metric.value = parsed.value;
      if (parsed.uncertainty !== undefined) {
        metric.uncertainty = parsed.uncertainty;
      }
    }
  } else {
    notes.add(
      `${field}.value`,
      value,
      value === undefined
        ? 'the metric has no value'
        : 'expected a number or a string such as "96.3 ± 2.6"',
    );
  }
  return metric;
}

const TASK_KEYS = ['type', 'name'] as const;
const DATASET_KEYS = ['type', 'name', 'config', 'split', 'revision'] as const;

/** Every result of the `model-index`, each with its task, dataset and metrics. */
function resultsOf(modelIndex: unknown, notes: Notes): ModelCardResult[] {
  if (modelIndex === undefined) return [];
  if (!Array.isArray(modelIndex)) {
    notes.add('model-index', modelIndex, 'expected a list of models');
    return [];
  }
  const results: ModelCardResult[] = [];
  modelIndex.forEach((model, i) => {
    const modelField = `model-index[${i}]`;
    if (!isObject(model) || !Array.isArray(model.results)) {
      notes.add(modelField, model, 'expected a model with a list of results');
      return;
    }
    model.results.forEach((raw, j) => {
      const field = `${modelField}.results[${j}]`;
      if (!isObject(raw)) {
        notes.add(field, raw, 'expected a result with task, dataset, metrics');
        return;
      }
      const task = isObject(raw.task) ? raw.task : {};
      const dataset = isObject(raw.dataset) ? raw.dataset : {};
      const result: ModelCardResult = {
        ...(optionalString(model.name)
          ? { modelName: model.name as string }
          : {}),
        task: {},
        dataset: {},
        metrics: [],
      };
      reportUnread(raw, ['task', 'dataset', 'metrics'], field, notes);
      reportUnread(task, TASK_KEYS, `${field}.task`, notes);
      reportUnread(dataset, DATASET_KEYS, `${field}.dataset`, notes);
      for (const key of TASK_KEYS) {
        const value = optionalString(task[key]);
        if (value) result.task[key] = value;
      }
      if (!result.task.type) {
        notes.add(
          `${field}.task.type`,
          raw.task,
          'the result names no task type',
        );
      }
      for (const key of [
        'type',
        'name',
        'config',
        'split',
        'revision',
      ] as const) {
        const value = optionalString(dataset[key]);
        if (value) result.dataset[key] = value;
      }
      // The dataset id is `type` (e.g. librispeech_asr); `name` is a display
      // name (e.g. "LibriSpeech (clean)") and never an entity.
      if (result.dataset.type) {
        result.dataset.ref = hubIdToEntityName(result.dataset.type);
      } else {
        notes.add(
          `${field}.dataset.type`,
          raw.dataset,
          'the result names no dataset id, so it has no evaluation dataset',
        );
      }
      if (!Array.isArray(raw.metrics)) {
        notes.add(
          `${field}.metrics`,
          raw.metrics,
          'expected a list of metrics',
        );
      } else {
        raw.metrics.forEach((m, k) => {
          const metric = metricOf(m, `${field}.metrics[${k}]`, notes);
          if (metric) result.metrics.push(metric);
        });
      }
      results.push(result);
    });
  });
  return results;
}

const KNOWN_TYPES: readonly string[] = MLMODEL_TYPES;

/** The MLModel type a task implies, if any. */
function modelTypeOf(task: string | undefined): MLModelSpec['type'] {
  const type = task ? HF_TASK_TO_MODEL_TYPE[task] ?? task : undefined;
  return type && type !== 'other' && KNOWN_TYPES.includes(type)
    ? (type as MLModelSpec['type'])
    : undefined;
}

/** What the Hub's own keys and the card sections say, for a card without a `modelops` block. */
function hubFields(
  front: Json,
  body: string,
  results: ModelCardResult[],
  notes: Notes,
): Partial<MLModelSpec> {
  const spec: Partial<MLModelSpec> = {};
  const license = optionalString(front.license);
  const licenseName = optionalString(front.license_name);
  if (license === 'other' && licenseName) {
    spec.license = licenseName;
  } else if (license) {
    spec.license = license;
  } else if (front.license !== undefined) {
    notes.add('license', front.license, 'expected a license id');
  }
  if (front.library_name !== undefined) {
    const framework = optionalString(front.library_name);
    if (framework) spec.framework = framework;
    else
      notes.add('library_name', front.library_name, 'expected a library name');
  }
  const datasets = stringsOf(front.datasets, 'datasets', notes).map(
    hubIdToEntityName,
  );
  if (datasets.length) {
    spec.trainedOn = [...new Set(datasets)];
  }
  const baseModels = stringsOf(front.base_model, 'base_model', notes).map(
    hubIdToEntityName,
  );
  if (baseModels.length) {
    spec.derivedFrom = [...new Set(baseModels)];
  }
  const type = [
    optionalString(front.pipeline_tag),
    ...results.map(r => r.task.type),
  ]
    .map(modelTypeOf)
    .find(Boolean);
  if (type) {
    spec.type = type;
  }
  const evaluated = [
    ...new Set(results.map(r => r.dataset.ref).filter((r): r is string => !!r)),
  ];
  if (evaluated.length) {
    spec.evaluatedOn = evaluated;
  }
  // The card reports values, not the thresholds spec.metrics holds, so only
  // the names carry over; the values stay in the results.
  const metricNames = [
    ...new Set([
      ...stringsOf(front.metrics, 'metrics', notes),
      ...results.flatMap(r => r.metrics.map(m => m.type)),
    ]),
  ];
  if (metricNames.length) {
    spec.metrics = metricNames.map(name => ({ name }));
  }
  Object.assign(spec, sectionFields(body));
  return spec;
}

/** Intended uses, users, out-of-scope uses and limitations from the card's sections. */
function sectionFields(body: string): Partial<MLModelSpec> {
  const spec: Partial<MLModelSpec> = {};
  const all = sections(body);
  const primaryUses = bulletsOrProse(
    findSection(all, [
      /^intended uses?$/,
      /^direct (use|application)s?$/,
      /^intended uses? (&|and) limitations$/,
    ]),
  );
  const primaryUsers = bullets(findSection(all, [/^intended users$/]));
  const outOfScope = bullets(findSection(all, [/out[- ]of[- ]scope/]));
  if (primaryUses || primaryUsers || outOfScope) {
    spec.intendedUse = {
      ...(primaryUses ? { primaryUses } : {}),
      ...(primaryUsers ? { primaryUsers } : {}),
      ...(outOfScope ? { outOfScope } : {}),
    };
  }
  const limitations = findSection(all, [
    /^limitations$/,
    /^limitations and bias$/,
    /^bias, risks,? and limitations$/,
    /^risks,? limitations/,
  ]);
  if (limitations) {
    spec.limitations = limitations;
  }
  return spec;
}

const METADATA_KEYS = [
  'name',
  'namespace',
  'title',
  'description',
  'labels',
  'tags',
  'links',
] as const;

/**
 * Reads the `modelops` block: the entity as exported. Each spec or metadata
 * field that fails the MLModel schema is left out and reported at its path.
 */
function modelopsBlockOf(
  block: unknown,
  notes: Notes,
):
  | { spec: Partial<MLModelSpec>; metadata: HuggingFaceCardImport['metadata'] }
  | undefined {
  const key = MODELOPS_FRONT_MATTER_KEY;
  if (!isObject(block)) {
    notes.add(key, block, 'expected the MLModel entity as an object; not read');
    return undefined;
  }
  if (
    block.apiVersion !== MODELOPS_API_VERSION ||
    block.kind !== MLMODEL_KIND
  ) {
    notes.add(
      `${key}.apiVersion`,
      `${block.apiVersion} ${block.kind}`,
      `expected apiVersion ${MODELOPS_API_VERSION} and kind ${MLMODEL_KIND}; not read`,
    );
    return undefined;
  }
  const spec = keepValid(
    isObject(block.spec) ? block.spec : {},
    mlModelSpecSchema.partial(),
    `${key}.spec`,
    notes,
  ) as Partial<MLModelSpec>;
  const rawMetadata = isObject(block.metadata) ? block.metadata : {};
  const metadata = keepValid(
    Object.fromEntries(
      METADATA_KEYS.filter(k => rawMetadata[k] !== undefined).map(k => [
        k,
        rawMetadata[k],
      ]),
    ),
    modelOpsMetadataSchema.partial(),
    `${key}.metadata`,
    notes,
  ) as HuggingFaceCardImport['metadata'];
  return { spec, metadata };
}

/** The fields of `value` the schema accepts; each refused field is one note. */
function keepValid(
  value: Json,
  schema: z.ZodType,
  field: string,
  notes: Notes,
): Json {
  const parsed = schema.safeParse(value);
  if (parsed.success) return value;
  const refused = new Set<string>();
  for (const issue of parsed.error.issues) {
    // An unknown key is reported at the object holding it, with its keys.
    const keys =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map(k => [...issue.path, k])
        : [issue.path];
    for (const path of keys) {
      const top = String(path[0]);
      notes.add(
        [field, ...path.map(String)].join('.'),
        path.length === 1 ? value[top] : undefined,
        `${
          issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message
        }; ${path.length === 1 ? 'left out' : `${field}.${top} is left out`}`,
      );
      refused.add(top);
    }
  }
  return Object.fromEntries(
    Object.entries(value).filter(([k]) => !refused.has(k)),
  );
}

/**
 * Reads a Hugging Face model card (a README with YAML front matter) in
 * MLModel terms. A card exported by ModelOps carries the entity under the
 * `modelops` key, which is read as it is; the Hub's own keys are then only
 * compared with it and a key edited on the Hub is reported. Any other card
 * is mapped from the Hub's keys (license, library_name, datasets,
 * base_model, pipeline_tag, metrics, model-index) and the usual sections
 * (intended uses, out-of-scope uses, limitations); dataset and model ids
 * become entity names (`owner/name` is written `owner--name`). Tags,
 * languages, the task type and every `model-index` result (task, dataset
 * with config and split, metric values with their ± uncertainty) are kept;
 * whatever no field takes is returned as an import note.
 *
 * @public
 */
export function importHuggingFaceReadme(
  markdown: string,
): HuggingFaceCardImport {
  const { yaml, body } = splitFrontMatter(markdown);
  const notes = new Notes();
  let front: Json = {};
  if (yaml !== undefined) {
    try {
      const parsed = parse(yaml);
      if (isObject(parsed)) {
        front = parsed;
      } else if (parsed !== null && parsed !== undefined) {
        notes.add('front matter', parsed, 'expected a YAML mapping; not read');
      }
    } catch (error) {
      notes.add(
        'front matter',
        yaml,
        `not valid YAML (${(error as Error).message.split('\n')[0]}); not read`,
      );
    }
  }
  return importCard(front, body, notes);
}

/**
 * Reads a card given as the Hub API's `cardData` (the parsed front matter)
 * and, when known, the Markdown body; see {@link importHuggingFaceReadme}.
 *
 * @public
 */
export function importHuggingFaceCardData(
  cardData: Record<string, unknown>,
  body = '',
): HuggingFaceCardImport {
  return importCard(cardData, body, new Notes());
}

function importCard(
  front: Json,
  body: string,
  notes: Notes,
): HuggingFaceCardImport {
  const results = resultsOf(front['model-index'], notes);
  const tags: string[] = [];
  for (const tag of stringsOf(front.tags, 'tags', notes)) {
    const lower = tag.toLocaleLowerCase('en-US');
    if (isValidTag(lower)) {
      if (!tags.includes(lower)) tags.push(lower);
    } else {
      notes.add(
        'tags',
        tag,
        'not a catalog tag (lower-case letters, digits, +, #, : and single dashes, at most 63 characters)',
      );
    }
  }
  const languages = stringsOf(front.language, 'language', notes);
  const task = optionalString(front.pipeline_tag);
  if (front.pipeline_tag !== undefined && !task) {
    notes.add('pipeline_tag', front.pipeline_tag, 'expected a task type');
  }
  for (const [key, value] of Object.entries(front)) {
    if (READ_KEYS.has(key) || HUB_PAGE_KEYS.has(key)) continue;
    notes.add(key, value, 'no MLModel field takes this front matter key');
  }

  const out: HuggingFaceCardImport = {
    spec: {},
    metadata: {},
    ...(task ? { task } : {}),
    ...(languages.length ? { languages } : {}),
    results,
    notes: notes.list,
  };
  if (front[MODELOPS_FRONT_MATTER_KEY] !== undefined) {
    const block = modelopsBlockOf(front[MODELOPS_FRONT_MATTER_KEY], notes);
    if (block) {
      out.spec = block.spec;
      out.metadata = block.metadata;
      reportHubEdits(front, block, notes);
      return out;
    }
  }
  // Hub notes on metrics and sections only matter without the block.
  out.spec = hubFields(front, body, results, notes);
  if (tags.length) out.metadata.tags = tags;
  return out;
}

/**
 * With a `modelops` block the block wins; a Hub key that says something
 * else than the export wrote (a license changed on the Hub) is reported.
 */
function reportHubEdits(
  front: Json,
  block: {
    spec: Partial<MLModelSpec>;
    metadata: HuggingFaceCardImport['metadata'];
  },
  notes: Notes,
): void {
  const expected = hubFrontMatter(block.metadata, block.spec);
  for (const key of [
    'license',
    'license_name',
    'library_name',
    'datasets',
    'base_model',
    'tags',
  ]) {
    if (JSON.stringify(front[key]) === JSON.stringify(expected[key])) continue;
    notes.add(
      key,
      front[key] ?? null,
      `differs from what the ${MODELOPS_FRONT_MATTER_KEY} block gives (${noteValue(
        expected[key] ?? null,
      )}); the ${MODELOPS_FRONT_MATTER_KEY} block is kept`,
    );
  }
}
