import { validateModelOpsEntity } from '../validation';
import { MAX_REGISTRY_VERSIONS } from './registryRecordSchema';

function model(registry: unknown) {
  return {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'scorer' },
    spec: { owner: 'risk-ml', lifecycle: 'production', registry },
  };
}

describe('spec.registry', () => {
  it('keeps versions, logged models, tags and inference services', () => {
    expect(
      validateModelOpsEntity(
        model({
          type: 'kubeflow',
          name: 'scorer',
          url: 'https://registry.example.com/models/1',
          tags: { team: 'risk', retrained: true, rows: 120000 },
          versions: [
            {
              version: '7',
              status: 'READY',
              aliases: ['champion'],
              runId: 'a1b2',
              source: 'models:/m-1',
              createdBy: 'maria@example.com',
              createdAt: '2026-04-01T08:00:00.000Z',
              updatedAt: '2026-04-02T08:00:00.000Z',
              description: 'Retrained on Q1.',
              tags: { validated: 'true' },
              artifacts: [
                {
                  uri: 's3://models/scorer/7',
                  format: 'onnx',
                  formatVersion: '1',
                },
              ],
            },
          ],
          loggedModels: [
            {
              modelId: 'm-1',
              status: 'LOGGED_MODEL_READY',
              metrics: [{ key: 'auc', value: 0.91, dataset: 'holdout' }],
              params: { alpha: '0.1' },
            },
          ],
          inferenceServices: [
            { name: 'scorer', namespace: 'risk', desiredState: 'DEPLOYED' },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('names the field of a wrong version record', () => {
    const problems = validateModelOpsEntity(
      model({
        type: 'mlflow',
        name: 'scorer',
        versions: [
          { version: '', createdAt: 'yesterday', tags: { k: { nested: 1 } } },
        ],
      }),
    );
    expect(problems.map(p => `${p.path}: ${p.rule}`)).toEqual([
      'spec.registry.versions[0].version: expected a non-empty string',
      'spec.registry.versions[0].createdAt: expected an ISO 8601 date and time like 2026-04-01T08:00:00Z',
      'spec.registry.versions[0].tags.k: expected a string, a number or a boolean',
    ]);
  });

  it('refuses more versions than an entity keeps', () => {
    const versions = Array.from(
      { length: MAX_REGISTRY_VERSIONS + 1 },
      (_, i) => ({ version: String(i + 1) }),
    );
    expect(
      validateModelOpsEntity(
        model({ type: 'mlflow', name: 'x', versions }),
      ).map(p => p.rule),
    ).toEqual([`expected at most ${MAX_REGISTRY_VERSIONS} versions`]);
  });
});
