import { stringify } from 'yaml';
import {
  ANNOTATION_HUGGINGFACE_LANGUAGES,
  ANNOTATION_HUGGINGFACE_TASK,
} from '../kinds/constants';
import type { MLModelEntity, MLModelSpec } from '../kinds/types';
import {
  entityNameToHubId,
  HF_LICENSES,
  MODELOPS_FRONT_MATTER_KEY,
  refName,
} from './huggingFaceTerms';
import type { ModelCardEvaluation } from './types';

const list = (items: readonly string[] | undefined) =>
  (items ?? []).map(item => `- ${item}`).join('\n');

function section(title: string, body: string | undefined): string {
  const text = body?.trim();
  return text ? `## ${title}\n\n${text}\n` : '';
}

/**
 * The Hugging Face keys of the front matter that follow from an entity's
 * metadata and spec; the importer compares them with the card's to report
 * keys edited on the Hub.
 */
export function hubFrontMatter(
  metadata: Pick<MLModelEntity['metadata'], 'tags'>,
  spec: Partial<MLModelSpec>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (spec.license) {
    const license = spec.license.toLocaleLowerCase('en-US');
    if (HF_LICENSES.has(license)) {
      out.license = license;
    } else {
      // The Hub only knows its own ids; anything else is "other" + a name.
      out.license = 'other';
      out.license_name = spec.license;
    }
  }
  if (spec.framework) {
    out.library_name = spec.framework;
  }
  const datasets = (spec.trainedOn ?? []).map(r =>
    entityNameToHubId(refName(r)),
  );
  if (datasets.length) {
    out.datasets = datasets;
  }
  const baseModels = (spec.derivedFrom ?? []).map(r =>
    entityNameToHubId(refName(r)),
  );
  if (baseModels.length) {
    out.base_model = baseModels.length === 1 ? baseModels[0] : baseModels;
  }
  const tags = [...(metadata.tags ?? [])];
  if (spec.type && !tags.includes(spec.type)) {
    tags.push(spec.type);
  }
  if (tags.length) {
    out.tags = tags;
  }
  return out;
}

/**
 * The entity as the `modelops` front matter key carries it: apiVersion,
 * kind, the metadata we own (no annotations, which name the catalog
 * location, nor what the catalog adds) and the whole spec.
 */
function modelopsBlock(entity: MLModelEntity): Record<string, unknown> {
  const { name, namespace, title, description, labels, tags, links } =
    entity.metadata;
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: { name, namespace, title, description, labels, tags, links },
    spec: entity.spec,
  };
}

function frontMatter(
  entity: MLModelEntity,
  evaluation: ModelCardEvaluation | undefined,
): Record<string, unknown> {
  const { spec, metadata } = entity;
  const out = hubFrontMatter(metadata, spec);
  const task = metadata.annotations?.[ANNOTATION_HUGGINGFACE_TASK];
  if (task) {
    out.pipeline_tag = task;
  }
  const languages = metadata.annotations?.[
    ANNOTATION_HUGGINGFACE_LANGUAGES
  ]?.split(',')
    .map(l => l.trim())
    .filter(Boolean);
  if (languages?.length) {
    out.language = languages;
  }
  if (evaluation && evaluation.metrics.length > 0) {
    const datasetName = entityNameToHubId(
      refName(evaluation.datasetRef ?? spec.evaluatedOn?.[0] ?? 'unknown'),
    );
    out['model-index'] = [
      {
        name: metadata.name,
        results: [
          {
            task: { type: spec.type ?? 'other' },
            dataset: { name: datasetName, type: datasetName },
            metrics: evaluation.metrics.map(m => ({
              type: m.name,
              value: m.value,
              name: m.slice ? `${m.name} (${m.slice})` : m.name,
            })),
          },
        ],
      },
    ];
  }
  out[MODELOPS_FRONT_MATTER_KEY] = modelopsBlock(entity);
  return out;
}

function detailsTable(entity: MLModelEntity): string {
  const { spec } = entity;
  const rows: [string, string | undefined][] = [
    ['Owner', spec.owner],
    ['Business owner', spec.businessOwner],
    ['Type', spec.type],
    ['Lifecycle', spec.lifecycle],
    ['Version', spec.version],
    ['Framework', spec.framework],
    ['Format', spec.format],
    ['License', spec.license],
    ['Risk tier', spec.risk?.tier],
    [
      'Registry',
      spec.registry
        ? `${spec.registry.type}: ${spec.registry.name}${
            spec.registry.alias ? ` @${spec.registry.alias}` : ''
          }`
        : undefined,
    ],
  ];
  const present = rows.filter(([, v]) => v);
  return [
    '| Field | Value |',
    '|---|---|',
    ...present.map(([k, v]) => `| ${k} | ${String(v).replace(/\|/g, '\\|')} |`),
  ].join('\n');
}

/**
 * Writes the model card of an MLModel as a Hugging Face README: YAML front
 * matter with the Hub's own keys (license, library_name, datasets,
 * base_model, tags, pipeline_tag, language, and a model-index with the
 * latest evaluation) and, under the `modelops` key, the entity's metadata
 * and whole spec, so that {@link importHuggingFaceReadme} gives back every
 * field; then Markdown sections the Hub shows.
 *
 * @public
 */
export function modelCardToHuggingFaceReadme(
  entity: MLModelEntity,
  latestEvaluation?: ModelCardEvaluation,
): string {
  const { spec, metadata } = entity;
  const use = spec.intendedUse;
  const evaluation = latestEvaluation
    ? [
        `Latest evaluation: ${latestEvaluation.evaluatedAt}${
          latestEvaluation.datasetRef
            ? ` on ${latestEvaluation.datasetRef}`
            : ''
        }.`,
        '',
        '| Metric | Slice | Value |',
        '|---|---|---|',
        ...latestEvaluation.metrics.map(
          m => `| ${m.name} | ${m.slice ?? 'overall'} | ${m.value} |`,
        ),
      ].join('\n')
    : undefined;
  const risk = spec.risk
    ? [
        spec.risk.tier && `- Risk tier: ${spec.risk.tier}`,
        spec.risk.domain && `- Domain: ${spec.risk.domain}`,
        spec.risk.humanOversight?.mode &&
          `- Human oversight: ${spec.risk.humanOversight.mode}`,
        spec.risk.protectedAttributes?.length &&
          `- Protected attributes: ${spec.risk.protectedAttributes.join(', ')}`,
        ...(spec.risk.fairness ?? []).map(
          f =>
            `- Fairness: ${f.metric}${
              f.threshold !== undefined ? ` <= ${f.threshold}` : ''
            }`,
        ),
      ]
        .filter(Boolean)
        .join('\n')
    : undefined;

  const body = [
    `# ${metadata.title ?? metadata.name}\n`,
    metadata.description ? `${metadata.description.trim()}\n` : '',
    `## Model details\n\n${detailsTable(entity)}\n`,
    section('Intended uses', list(use?.primaryUses)),
    section('Intended users', list(use?.primaryUsers)),
    section('Out-of-scope uses', list(use?.outOfScope)),
    section('Limitations', spec.limitations),
    section('Assumptions', spec.assumptions),
    section('Fallback', spec.fallback),
    section('Training data', list(spec.trainedOn)),
    section('Evaluation data', list(spec.evaluatedOn)),
    section('Evaluation results', evaluation),
    section('Risks and oversight', risk),
  ]
    .filter(Boolean)
    .join('\n');

  const front = frontMatter(entity, latestEvaluation);
  return `---\n${stringify(front, {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  })}---\n\n${body}`;
}
