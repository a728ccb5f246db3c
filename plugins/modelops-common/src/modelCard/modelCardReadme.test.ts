import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { parse } from 'yaml';
import {
  mlModelSpecArbitrary,
  nameArbitrary,
} from '../__testUtils__/specArbitraries';
import type { MLModelEntity } from '../kinds/types';
import { validateModelOpsEntity } from '../validation/validateModelOpsEntity';
import {
  importHuggingFaceCardData,
  importHuggingFaceReadme,
} from './importHuggingFaceReadme';
import { modelCardToHuggingFaceReadme } from './modelCardToHuggingFaceReadme';
import { parseMetricValue } from './parseMetricValue';

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

const referenceModel = (): MLModelEntity =>
  parse(
    fs.readFileSync(
      path.resolve(__dirname, '../../../../docs/reference/mlmodel.full.yaml'),
      'utf8',
    ),
  );

const frontMatterOf = (readme: string) =>
  parse(/^---\n([\s\S]*?)\n---\n/.exec(readme)![1]);

describe('parseMetricValue', () => {
  it.each([
    ['96.3 ± 2.6', { value: 96.3, uncertainty: 2.6 }],
    ['96.3±2.6', { value: 96.3, uncertainty: 2.6 }],
    ['96.3 +/- 2.6', { value: 96.3, uncertainty: 2.6 }],
    ['0.91+-0.02', { value: 0.91, uncertainty: 0.02 }],
    ['96.3% ± 2.6%', { value: 96.3, uncertainty: 2.6 }],
    ['-1.5e-3 ± 2E-4', { value: -0.0015, uncertainty: 0.0002 }],
    [' 0.88 ', { value: 0.88 }],
    ['.5', { value: 0.5 }],
    ['n/a', {}],
    ['96.3 ±', {}],
    ['± 2.6', {}],
    ['1,234', {}],
    ['', {}],
  ])('%j', (text, expected) => {
    expect(parseMetricValue(text)).toEqual(expected);
  });
});

describe('importHuggingFaceReadme', () => {
  it('reads a card with front matter and prose sections (bert-base-uncased)', () => {
    expect(importHuggingFaceReadme(fixture('bert-base-uncased.md'))).toEqual({
      spec: {
        license: 'apache-2.0',
        trainedOn: ['bookcorpus', 'wikipedia'],
        intendedUse: {
          primaryUses: [
            'Fine-tuning for sequence classification',
            'Fine-tuning for token classification',
            'Fine-tuning for question answering',
          ],
        },
        limitations:
          'Even if the training data used for this model could be characterized as fairly\nneutral, this model can have biased predictions.',
      },
      metadata: { tags: ['exbert'] },
      languages: ['en'],
      results: [],
      notes: [],
    });
  });

  it('reads the model-index, base model and several datasets (distilbert sst-2)', () => {
    const card = importHuggingFaceReadme(fixture('distilbert-sst2.md'));
    expect(card.spec).toEqual({
      license: 'apache-2.0',
      trainedOn: ['sst2', 'glue'],
      derivedFrom: ['distilbert--distilbert-base-uncased'],
      type: 'classification',
      evaluatedOn: ['glue', 'sst2'],
      metrics: [{ name: 'accuracy' }, { name: 'precision' }, { name: 'f1' }],
      intendedUse: {
        primaryUses: ['This model can be used for topic classification.'],
        outOfScope: [
          'Creating hostile or alienating environments for people',
          'Generating factual representations of people or events',
        ],
      },
      limitations:
        'Based on a few experimentations, we observed that this model could produce\nbiased predictions that target underrepresented populations.',
    });
    expect(card.results[0]).toEqual({
      modelName: 'distilbert-base-uncased-finetuned-sst-2-english',
      task: { type: 'text-classification', name: 'Text Classification' },
      dataset: {
        ref: 'glue',
        type: 'glue',
        name: 'glue',
        config: 'sst2',
        split: 'validation',
      },
      metrics: [
        {
          type: 'accuracy',
          name: 'Accuracy',
          value: 0.9105504587155964,
          verified: true,
        },
        {
          type: 'precision',
          name: 'Precision',
          value: 0.8978260869565218,
          verified: true,
        },
        { type: 'f1', name: 'F1', value: 0.9115281501340483, verified: true },
      ],
    });
    expect(card.results[1].dataset).toEqual({
      ref: 'sst2',
      type: 'sst2',
      name: 'sst2',
      config: 'default',
      split: 'train',
    });
    expect(card.notes).toEqual([]);
  });

  it('keeps each result of a real model-index with its dataset and task (whisper-large)', () => {
    // The evaluation dataset is the result's dataset id, never its task;
    // every result keeps its config and split, and the values stay.
    const card = importHuggingFaceReadme(fixture('whisper-large.md'));
    expect(card.task).toBe('automatic-speech-recognition');
    expect(card.languages).toEqual([
      'en',
      'zh',
      'de',
      'es',
      'ru',
      'ko',
      'fr',
      'ja',
    ]);
    expect(card.metadata).toEqual({
      tags: ['audio', 'automatic-speech-recognition', 'hf-asr-leaderboard'],
    });
    expect(card.spec).toEqual({
      license: 'apache-2.0',
      evaluatedOn: ['librispeech_asr', 'mozilla-foundation--common_voice_11_0'],
      metrics: [{ name: 'wer' }],
    });
    expect(
      card.results.map(r => [
        r.task.type,
        r.dataset.ref,
        r.dataset.name,
        r.dataset.config,
        r.dataset.split,
        r.metrics.map(m => `${m.name}=${m.value}`).join(),
      ]),
    ).toEqual([
      [
        'automatic-speech-recognition',
        'librispeech_asr',
        'LibriSpeech (clean)',
        'clean',
        'test',
        'Test WER=3',
      ],
      [
        'automatic-speech-recognition',
        'librispeech_asr',
        'LibriSpeech (other)',
        'other',
        'test',
        'Test WER=5.4',
      ],
      [
        'automatic-speech-recognition',
        'mozilla-foundation--common_voice_11_0',
        'Common Voice 11.0',
        'hi',
        'test',
        'Test WER=54.8',
      ],
    ]);
    // The loading arguments of each dataset are the only thing not taken;
    // the widget describes the Hub page, not the model.
    expect(card.notes).toEqual(
      [0, 1, 2].map(i => ({
        field: `model-index[0].results[${i}].dataset.args`,
        value: JSON.stringify({ language: i === 2 ? 'hi' : 'en' }),
        reason: 'not read: no field takes it',
      })),
    );
  });

  it('parses values with ± into value and uncertainty and reports text it cannot read', () => {
    const card = importHuggingFaceReadme(fixture('uncertain-metrics.md'));
    expect(card.spec).toEqual({
      license: 'mit',
      framework: 'sklearn',
      trainedOn: [
        'tidewell--loan-applications-2024',
        'tidewell--bureau-scores',
      ],
      type: 'classification',
      evaluatedOn: ['tidewell--loan-applications-holdout'],
      metrics: [
        { name: 'accuracy' },
        { name: 'auc' },
        { name: 'f1' },
        { name: 'brier' },
      ],
    });
    expect(card.metadata.tags).toEqual(['tabular-classification', 'credit']);
    expect(card.results[0].metrics).toEqual([
      { type: 'accuracy', value: 96.3, uncertainty: 2.6, text: '96.3 ± 2.6' },
      { type: 'auc', value: 0.91, uncertainty: 0.02, text: '0.91 +/- 0.02' },
      { type: 'f1', value: 0.88, text: '0.88' },
      { type: 'brier', text: 'n/a' },
    ]);
    expect(card.notes).toEqual([
      {
        field: 'model-index[0].results[0].metrics[3].value',
        value: 'n/a',
        reason:
          'not a number nor a number with ± and an uncertainty; kept as text only',
      },
      {
        field: 'tags',
        value: 'Scikit Learn',
        reason:
          'not a catalog tag (lower-case letters, digits, +, #, : and single dashes, at most 63 characters)',
      },
      {
        field: 'co2_eq_emissions',
        value: '12.5',
        reason: 'no MLModel field takes this front matter key',
      },
    ]);
  });

  it('gives a valid spec fragment for a card', () => {
    const { spec } = importHuggingFaceReadme(fixture('distilbert-sst2.md'));
    expect(
      validateModelOpsEntity({
        apiVersion: 'modelops.dev/v1alpha1',
        kind: 'MLModel',
        metadata: { name: 'distilbert-sst2' },
        spec: { owner: 'nlp', lifecycle: 'production', ...spec },
      }),
    ).toEqual([]);
  });

  it('reads nothing from a README without front matter or known sections', () => {
    expect(importHuggingFaceReadme('# Just a title\n\nSome text.')).toEqual({
      spec: {},
      metadata: {},
      results: [],
      notes: [],
    });
  });

  it('reports front matter that is not YAML, and results of the wrong shape', () => {
    expect(
      importHuggingFaceReadme('---\nlicense: [mit\n---\n# x\n').notes,
    ).toEqual([
      expect.objectContaining({
        field: 'front matter',
        value: 'license: [mit',
      }),
    ]);
    const card = importHuggingFaceCardData({
      'model-index': [
        { name: 'm', results: ['oops', { task: { name: 'QA' }, metrics: 3 }] },
        { name: 'no results' },
      ],
      metrics: ['accuracy', 7],
    });
    expect(card.notes.map(n => `${n.field}: ${n.reason}`)).toEqual([
      'model-index[0].results[0]: expected a result with task, dataset, metrics',
      'model-index[0].results[1].task.type: the result names no task type',
      'model-index[0].results[1].dataset.type: the result names no dataset id, so it has no evaluation dataset',
      'model-index[0].results[1].metrics: expected a list of metrics',
      'model-index[1]: expected a model with a list of results',
      'metrics[1]: expected a non-empty string',
    ]);
    expect(card.results).toEqual([
      { modelName: 'm', task: { name: 'QA' }, dataset: {}, metrics: [] },
    ]);
    expect(card.spec).toEqual({ metrics: [{ name: 'accuracy' }] });
  });
});

describe('modelCardToHuggingFaceReadme', () => {
  const evaluation = {
    evaluatedAt: '2026-03-01T10:00:00Z',
    datasetRef: 'dataset:default/loan-applications-holdout',
    metrics: [
      { name: 'auc', value: 0.81 },
      { name: 'auc', value: 0.77, slice: 'age>=60' },
    ],
  };

  it('writes Hub front matter with a model-index of the latest evaluation and the entity under modelops', () => {
    const model = referenceModel();
    const readme = modelCardToHuggingFaceReadme(model, evaluation);
    const { modelops, ...hub } = frontMatterOf(readme);
    expect(hub).toEqual({
      license: 'other',
      license_name: 'proprietary',
      library_name: 'xgboost',
      datasets: ['loan-applications-2024'],
      tags: ['credit', 'tabular', 'xgboost', 'classification'],
      'model-index': [
        {
          name: 'credit-risk-scorer',
          results: [
            {
              task: { type: 'classification' },
              dataset: {
                name: 'loan-applications-holdout',
                type: 'loan-applications-holdout',
              },
              metrics: [
                { type: 'auc', value: 0.81, name: 'auc' },
                { type: 'auc', value: 0.77, name: 'auc (age>=60)' },
              ],
            },
          ],
        },
      ],
    });
    model.metadata.annotations = { 'backstage.io/source-location': 'url:x' };
    const { annotations: _, ...ownMetadata } = model.metadata;
    expect(
      frontMatterOf(modelCardToHuggingFaceReadme(model)).modelops.metadata,
    ).toEqual(ownMetadata);
    expect(modelops).toEqual({
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: ownMetadata,
      spec: model.spec,
    });
    expect(readme).toContain('# Credit risk scorer\n');
    expect(readme).toContain('| Risk tier | high |');
    expect(readme).toContain('| auc | age>=60 | 0.77 |');
    expect(readme).toContain(
      '## Out-of-scope uses\n\n- Business lending\n- Employment decisions\n',
    );
  });

  it('leaves the model-index out without an evaluation', () => {
    const front = frontMatterOf(modelCardToHuggingFaceReadme(referenceModel()));
    expect(front['model-index']).toBeUndefined();
  });

  it('writes the task type and languages kept from an imported card', () => {
    const model = referenceModel();
    model.metadata.annotations = {
      'modelops.dev/huggingface-task': 'tabular-classification',
      'modelops.dev/huggingface-languages': 'en, de',
    };
    const front = frontMatterOf(modelCardToHuggingFaceReadme(model));
    expect(front.pipeline_tag).toBe('tabular-classification');
    expect(front.language).toEqual(['en', 'de']);
  });
});

describe('round trip: export, then import', () => {
  const evaluation = {
    evaluatedAt: '2026-03-01T10:00:00Z',
    datasetRef: 'dataset:default/loan-applications-holdout',
    metrics: [{ name: 'auc', value: 0.81 }],
  };

  it('keeps every field of the reference model, with or without an evaluation', () => {
    const model = referenceModel();
    for (const readme of [
      modelCardToHuggingFaceReadme(model),
      modelCardToHuggingFaceReadme(model, evaluation),
    ]) {
      const card = importHuggingFaceReadme(readme);
      expect(card.spec).toEqual(model.spec);
      const { annotations: _, ...ownMetadata } = model.metadata;
      expect(card.metadata).toEqual(ownMetadata);
      expect(card.notes).toEqual([]);
    }
  });

  it('names the type, evaluation data, owner, lifecycle, version, format, registry and risk tier', () => {
    const model = referenceModel();
    const { spec } = importHuggingFaceReadme(
      modelCardToHuggingFaceReadme(model, evaluation),
    );
    expect({
      type: spec.type,
      evaluatedOn: spec.evaluatedOn,
      owner: spec.owner,
      lifecycle: spec.lifecycle,
      version: spec.version,
      format: spec.format,
      registry: spec.registry,
      tier: spec.risk?.tier,
    }).toEqual({
      type: model.spec.type,
      evaluatedOn: model.spec.evaluatedOn,
      owner: model.spec.owner,
      lifecycle: model.spec.lifecycle,
      version: model.spec.version,
      format: model.spec.format,
      registry: model.spec.registry,
      tier: model.spec.risk?.tier,
    });
    expect(spec.owner).toBeDefined();
    expect(spec.risk?.tier).toBeDefined();
  });

  const tag = fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,2}$/);
  const metadata = fc.record(
    {
      title: fc.string(),
      description: fc.string(),
      tags: fc.uniqueArray(tag, { maxLength: 5 }),
      links: fc.array(
        fc.record(
          {
            url: nameArbitrary.map(n => `https://example.com/${n}`),
            title: fc.string(),
            type: fc.constantFrom('runbook', 'dashboard', 'model-card'),
          },
          { requiredKeys: ['url'] },
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  );

  it('keeps every generated valid spec and the metadata we own', () => {
    fc.assert(
      fc.property(
        nameArbitrary,
        metadata,
        mlModelSpecArbitrary,
        fc.boolean(),
        (name, meta, spec, withEvaluation) => {
          const entity = {
            apiVersion: 'modelops.dev/v1alpha1',
            kind: 'MLModel',
            metadata: { name, ...meta },
            spec,
          } as MLModelEntity;
          expect(validateModelOpsEntity(entity)).toEqual([]);
          const card = importHuggingFaceReadme(
            modelCardToHuggingFaceReadme(
              entity,
              withEvaluation ? evaluation : undefined,
            ),
          );
          expect(card.spec).toEqual(spec);
          expect(card.metadata).toEqual({ name, ...meta });
          expect(card.notes).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports a Hub key edited after export and keeps the modelops block', () => {
    const model = referenceModel();
    const readme = modelCardToHuggingFaceReadme(model).replace(
      'license: other\nlicense_name: proprietary\n',
      'license: mit\n',
    );
    const card = importHuggingFaceReadme(readme);
    expect(card.spec.license).toBe('proprietary');
    expect(card.notes).toEqual([
      {
        field: 'license',
        value: 'mit',
        reason:
          'differs from what the modelops block gives (other); the modelops block is kept',
      },
      {
        field: 'license_name',
        value: 'null',
        reason:
          'differs from what the modelops block gives (proprietary); the modelops block is kept',
      },
    ]);
  });

  it('leaves out a field of the modelops block the schema refuses, naming it', () => {
    const card = importHuggingFaceCardData({
      modelops: {
        apiVersion: 'modelops.dev/v1alpha1',
        kind: 'MLModel',
        metadata: { name: 'm', tags: 'not-a-list' },
        spec: {
          owner: 'team-a',
          lifecycle: 'production',
          risk: { tier: 'hgih' },
          colour: 'blue',
        },
      },
    });
    expect(card.spec).toEqual({ owner: 'team-a', lifecycle: 'production' });
    expect(card.metadata).toEqual({ name: 'm' });
    expect(card.notes.map(n => `${n.field}: ${n.reason}`)).toEqual([
      'modelops.spec.risk.tier: expected one of unacceptable, high, limited, minimal; modelops.spec.risk is left out',
      'modelops.spec.colour: unknown field; left out',
      'modelops.metadata.tags: Invalid input: expected array, received string; left out',
    ]);
  });
});
