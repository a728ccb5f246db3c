import { parse } from 'yaml';
import type { MLModelSpec } from '../kinds/types';
import { HF_TASK_TO_MODEL_TYPE, hubIdToEntityName } from './huggingFaceTerms';

type Json = Record<string, unknown>;

const asStrings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );

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

/**
 * Reads the fields of an MLModel spec that a Hugging Face README states:
 * front matter (license, library_name, datasets, base_model, pipeline_tag,
 * model-index) and the usual card sections (intended uses, out-of-scope
 * uses, limitations). Dataset and model ids become entity names (`owner/name`
 * is written `owner--name`). Fields the card does not state are left out.
 *
 * @public
 */
export function huggingFaceReadmeToMLModelSpec(
  markdown: string,
): Partial<MLModelSpec> {
  const { yaml, body } = splitFrontMatter(markdown);
  let front: Json = {};
  if (yaml) {
    const parsed = parse(yaml);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      front = parsed as Json;
    }
  }
  const spec: Partial<MLModelSpec> = {};

  const license = typeof front.license === 'string' ? front.license : undefined;
  const licenseName =
    typeof front.license_name === 'string' ? front.license_name : undefined;
  if (license === 'other' && licenseName) {
    spec.license = licenseName;
  } else if (license) {
    spec.license = license;
  }
  if (typeof front.library_name === 'string') {
    spec.framework = front.library_name;
  }
  const datasets = asStrings(front.datasets).map(hubIdToEntityName);
  if (datasets.length) {
    spec.trainedOn = datasets;
  }
  const baseModels = asStrings(front.base_model).map(hubIdToEntityName);
  if (baseModels.length) {
    spec.derivedFrom = baseModels;
  }

  const modelIndex = Array.isArray(front['model-index'])
    ? (front['model-index'] as Json[])
    : [];
  const results = modelIndex.flatMap(m =>
    Array.isArray(m?.results) ? (m.results as Json[]) : [],
  );
  const taskTypes = results
    .map(r => (r.task as Json | undefined)?.type)
    .filter((t): t is string => typeof t === 'string');
  const type = [
    typeof front.pipeline_tag === 'string' ? front.pipeline_tag : undefined,
    ...taskTypes,
  ]
    .map(t => (t ? HF_TASK_TO_MODEL_TYPE[t] ?? t : undefined))
    .find(t =>
      t
        ? [
            'classification',
            'regression',
            'ranking',
            'recommendation',
            'forecasting',
            'generative',
            'embedding',
            'anomaly-detection',
          ].includes(t)
        : false,
    );
  if (type) {
    spec.type = type as MLModelSpec['type'];
  }
  const evaluated = [
    ...new Set(
      results
        .map(
          r =>
            (r.dataset as Json | undefined)?.type ??
            (r.dataset as Json | undefined)?.name,
        )
        .filter((d): d is string => typeof d === 'string')
        .map(hubIdToEntityName),
    ),
  ];
  if (evaluated.length) {
    spec.evaluatedOn = evaluated;
  }
  const metricNames = [
    ...new Set(
      results.flatMap(r =>
        Array.isArray(r.metrics)
          ? (r.metrics as Json[])
              .map(m => m.type)
              .filter((t): t is string => typeof t === 'string')
          : [],
      ),
    ),
  ];
  if (metricNames.length) {
    // The card reports values, not the thresholds spec.metrics holds, so
    // only the names carry over; owners add thresholds.
    spec.metrics = metricNames.map(name => ({ name }));
  }

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
