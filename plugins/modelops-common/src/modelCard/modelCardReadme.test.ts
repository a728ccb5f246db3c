import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import type { MLModelEntity } from '../kinds/types';
import { validateModelOpsEntity } from '../validation/validateModelOpsEntity';
import { huggingFaceReadmeToMLModelSpec } from './huggingFaceReadmeToMLModelSpec';
import { modelCardToHuggingFaceReadme } from './modelCardToHuggingFaceReadme';

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

describe('huggingFaceReadmeToMLModelSpec', () => {
  it('reads a card with front matter and prose sections (bert-base-uncased)', () => {
    expect(
      huggingFaceReadmeToMLModelSpec(fixture('bert-base-uncased.md')),
    ).toEqual({
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
    });
  });

  it('reads the model-index and base model (distilbert sst-2)', () => {
    expect(
      huggingFaceReadmeToMLModelSpec(fixture('distilbert-sst2.md')),
    ).toEqual({
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
  });

  it('gives a valid spec fragment for a card', () => {
    const spec = huggingFaceReadmeToMLModelSpec(fixture('distilbert-sst2.md'));
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
    expect(
      huggingFaceReadmeToMLModelSpec('# Just a title\n\nSome text.'),
    ).toEqual({});
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

  it('writes Hub front matter with a model-index of the latest evaluation', () => {
    const readme = modelCardToHuggingFaceReadme(referenceModel(), evaluation);
    expect(frontMatterOf(readme)).toEqual({
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

  it('round-trips the fields a card can carry', () => {
    const model = referenceModel();
    model.spec.license = 'apache-2.0';
    model.spec.derivedFrom = ['mlmodel:default/google--tabnet-base'];
    const spec = huggingFaceReadmeToMLModelSpec(
      modelCardToHuggingFaceReadme(model, evaluation),
    );
    expect(spec).toEqual({
      license: 'apache-2.0',
      framework: 'xgboost',
      trainedOn: ['loan-applications-2024'],
      derivedFrom: ['google--tabnet-base'],
      type: 'classification',
      evaluatedOn: ['loan-applications-holdout'],
      metrics: [{ name: 'auc' }],
      intendedUse: model.spec.intendedUse,
      limitations: model.spec.limitations,
    });
  });
});
