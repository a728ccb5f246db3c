import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { mockContext } from '../../__testUtils__/mockContext';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { createModelCardAction } from './createModelCardAction';

const HF_README = `---
language: en
license: apache-2.0
datasets:
- sst2
- glue
base_model: distilbert/distilbert-base-uncased
tags:
- text-classification
model-index:
- name: distilbert-base-uncased-finetuned-sst-2-english
  results:
  - task:
      type: text-classification
      name: Text Classification
    dataset:
      name: glue
      type: glue
      config: sst2
      split: validation
    metrics:
    - type: accuracy
      value: 0.9105504587155964
      name: Accuracy
---

# DistilBERT base uncased finetuned SST-2

This model is a fine-tune checkpoint of DistilBERT-base-uncased, fine-tuned on SST-2.

## Bias, Risks, and Limitations

Predictions are biased towards some nationalities.
`;

const CATALOG_INFO = `apiVersion: modelops.dev/v1alpha1
kind: MLModel
metadata:
  name: sentiment-distilbert
spec:
  owner: group:default/nlp # keep this comment
  lifecycle: experimental
  license: proprietary
`;

describe('modelops:model-card:create', () => {
  const workspace = createMockDirectory();
  const action = createModelCardAction();

  beforeEach(() => {
    workspace.setContent({ 'catalog-info.yaml': CATALOG_INFO });
  });

  const read = (file: string) =>
    fs.readFileSync(path.join(workspace.path, file), 'utf8');

  it('writes MODEL_CARD.md from the inputs', async () => {
    const ctx = mockContext({
      workspacePath: workspace.path,
      input: {
        name: 'churn-predictor',
        title: 'Churn predictor',
        description: 'Predicts which subscribers cancel within 30 days.',
        owner: 'group:default/growth-ml',
        type: 'classification',
        framework: 'lightgbm',
        trainedOn: ['dataset:default/subscriber-events'],
        intendedUse: { primaryUses: ['Prioritise retention offers'] },
        limitations: 'Cold-start subscribers have no history.',
      },
    });
    await action.handler(ctx);
    const card = read('MODEL_CARD.md');
    expect(card).toContain('# Model card: Churn predictor');
    expect(card).toContain('Predicts which subscribers cancel within 30 days.');
    expect(card).toContain('| Framework | lightgbm |');
    expect(card).toContain(
      '## Training data\n\n- dataset:default/subscriber-events',
    );
    expect(card).toContain('### Primary uses\n\n- Prioritise retention offers');
    expect(card).toContain(
      '### Out of scope\n\n_Uses the model must not be put to._',
    );
    expect(card).toContain(
      '## Limitations\n\nCold-start subscribers have no history.',
    );
    expect(card).not.toContain('Imported details');
    expect(ctx.output).toHaveBeenCalledWith('path', 'MODEL_CARD.md');
    expect(ctx.output).toHaveBeenCalledWith('importedFields', []);
  });

  it('imports a Hugging Face README and fills only the fields the entity lacks', async () => {
    const ctx = mockContext({
      workspacePath: workspace.path,
      input: {
        name: 'sentiment-distilbert',
        path: 'docs/MODEL_CARD.md',
        huggingFaceReadme: HF_README,
        entityFile: 'catalog-info.yaml',
      },
    });
    await action.handler(ctx);

    const card = read('docs/MODEL_CARD.md');
    expect(card).toContain('| License | apache-2.0 |');
    expect(card).toContain(
      '## Imported details\n\n# DistilBERT base uncased finetuned SST-2',
    );
    expect(card).not.toContain('model-index');

    const entityText = read('catalog-info.yaml');
    expect(entityText).toContain('# keep this comment');
    const spec = parseDocument(entityText).toJS().spec;
    // The entity's own license wins over the README's.
    expect(spec.license).toBe('proprietary');
    expect(spec.owner).toBe('group:default/nlp');
    expect(spec).toMatchObject({
      type: 'classification',
      trainedOn: ['sst2', 'glue'],
      evaluatedOn: ['glue'],
      derivedFrom: ['distilbert--distilbert-base-uncased'],
      limitations: 'Predictions are biased towards some nationalities.',
      metrics: [{ name: 'accuracy' }],
    });
    expect(ctx.output).toHaveBeenCalledWith('importedFields', [
      'type',
      'license',
      'trainedOn',
      'evaluatedOn',
      'derivedFrom',
      'limitations',
      'metrics',
    ]);
  });

  it('rejects a card path outside the workspace', async () => {
    const run = action.handler(
      mockContext({
        workspacePath: workspace.path,
        input: { name: 'x', path: '../../MODEL_CARD.md' },
      }),
    );
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow('path: must stay inside the workspace');
  });

  it('writes no card when the entity file cannot be patched', async () => {
    await expect(
      action.handler(
        mockContext({
          workspacePath: workspace.path,
          input: {
            name: 'other-model',
            huggingFaceReadme: HF_README,
            entityFile: 'catalog-info.yaml',
          },
        }),
      ),
    ).rejects.toThrow(
      'catalog-info.yaml: no MLModel entity named "other-model" found',
    );
    expect(fs.existsSync(path.join(workspace.path, 'MODEL_CARD.md'))).toBe(
      false,
    );
  });

  it('names the field when the model name is missing', async () => {
    await expect(
      action.handler(mockContext({ workspacePath: workspace.path, input: {} })),
    ).rejects.toThrow('Invalid input: name: Required');
  });
});
