import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { validateModelOpsEntity } from '@modelops/plugin-modelops-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  mlflow2ModelVersions,
  mlflow2RegisteredModelsPage1,
  mlflow2RegisteredModelsPage2,
} from './__fixtures__/mlflow2';
import {
  mlflow3ModelVersions,
  mlflow3RegisteredModels,
} from './__fixtures__/mlflow3';
import { MlflowEntityProvider } from './MlflowEntityProvider';

const BASE = 'https://mlflow.example.com';
const MODELS = `${BASE}/api/2.0/mlflow/registered-models/search`;
const VERSIONS = `${BASE}/api/2.0/mlflow/model-versions/search`;

function setup(extraConfig: Record<string, unknown> = {}) {
  const logs: { level: string; message: string }[] = [];
  const logger: any = {
    error: (message: string) => logs.push({ level: 'error', message }),
    warn: (message: string) => logs.push({ level: 'warn', message }),
    info: (message: string) => logs.push({ level: 'info', message }),
    debug: () => {},
    child: () => logger,
  };
  const scheduled: { id: string; fn: () => Promise<void> }[] = [];
  const scheduler: any = {
    createScheduledTaskRunner: (schedule: unknown) => ({
      schedule,
      run: async (task: any) => {
        scheduled.push(task);
      },
    }),
  };
  const config = new ConfigReader({
    catalog: {
      providers: {
        modelops: {
          mlflow: {
            prod: {
              baseUrl: BASE,
              token: 'secret-token',
              defaults: {
                owner: 'group:default/ml-platform',
                system: 'ml-platform',
              },
              ...extraConfig,
            },
          },
        },
      },
    },
  });
  const [provider] = MlflowEntityProvider.fromConfig(config, {
    logger,
    scheduler,
  });
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  return { provider, connection, logs, scheduled };
}

function appliedEntities(connection: jest.Mocked<EntityProviderConnection>) {
  expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  const mutation = connection.applyMutation.mock.calls[0][0];
  expect(mutation.type).toBe('full');
  return (mutation as any).entities.map((e: any) => {
    expect(e.locationKey).toBe('MlflowEntityProvider:prod');
    return e.entity;
  });
}

describe('MlflowEntityProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('reads no providers when nothing is configured', () => {
    expect(
      MlflowEntityProvider.fromConfig(new ConfigReader({}), {
        logger: {} as any,
        scheduler: {} as any,
      }),
    ).toEqual([]);
  });

  it('rejects a base URL that is not http(s), naming the key', () => {
    expect(() =>
      MlflowEntityProvider.fromConfig(
        new ConfigReader({
          catalog: {
            providers: {
              modelops: { mlflow: { x: { baseUrl: 'mlflow:5000' } } },
            },
          },
        }),
        {
          logger: {} as any,
          scheduler: { createScheduledTaskRunner: jest.fn() } as any,
        },
      ),
    ).toThrow(
      'catalog.providers.modelops.mlflow.x.baseUrl: expected an http(s) URL; got "mlflow:5000"',
    );
  });

  it('schedules its refresh under its own name', async () => {
    const { provider, connection, scheduled } = setup();
    await provider.connect(connection);
    expect(provider.getProviderName()).toBe('MlflowEntityProvider:prod');
    expect(scheduled.map(t => t.id)).toEqual([
      'MlflowEntityProvider:prod:refresh',
    ]);
  });

  it('pages through an MLflow 2 registry and maps tags, aliases and stages', async () => {
    const seen: URL[] = [];
    server.use(
      http.get(MODELS, ({ request }) => {
        const url = new URL(request.url);
        seen.push(url);
        expect(request.headers.get('authorization')).toBe(
          'Bearer secret-token',
        );
        return HttpResponse.json(
          url.searchParams.get('page_token') === 'eyJvZmZzZXQiOiAxfQ=='
            ? mlflow2RegisteredModelsPage2
            : mlflow2RegisteredModelsPage1,
        );
      }),
      http.get(VERSIONS, () => HttpResponse.json(mlflow2ModelVersions)),
    );
    const { provider, connection } = setup({
      filter: "tags.domain = 'lending'",
    });
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toEqual({
      applied: true,
      entities: 3,
      invalid: 0,
      withNotes: 0,
    });

    expect(seen.map(u => u.searchParams.get('page_token'))).toEqual([
      null,
      'eyJvZmZzZXQiOiAxfQ==',
    ]);
    expect(seen[0].searchParams.get('filter')).toBe("tags.domain = 'lending'");

    const [scorer, churn, fraud] = appliedEntities(connection);
    expect(scorer).toEqual({
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: {
        name: 'credit-risk-scorer',
        title: 'credit-risk-scorer',
        description: 'Scores the probability of default.',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://mlflow.example.com/#/models/credit-risk-scorer',
          'backstage.io/managed-by-origin-location':
            'url:https://mlflow.example.com/#/models/credit-risk-scorer',
          'modelops.dev/mlflow-model': 'credit-risk-scorer',
          'modelops.dev/mlflow-server': 'prod',
          'modelops.dev/import-source': 'MlflowEntityProvider:prod',
        },
        links: [
          {
            url: 'https://mlflow.example.com/#/models/credit-risk-scorer',
            title: 'MLflow model registry',
          },
          {
            url: 'https://mlflow.example.com/#/models/credit-risk-scorer/versions/6',
            title: 'MLflow version 6 (alias champion)',
          },
        ],
      },
      spec: {
        // the champion alias wins over version 7 being the newest (archived)
        lifecycle: 'production',
        owner: 'group:default/risk-ml',
        type: 'classification',
        system: 'lending-platform',
        businessOwner: 'user:default/maria.lopez',
        framework: 'xgboost',
        license: 'proprietary',
        version: '6',
        registry: {
          type: 'mlflow',
          name: 'credit-risk-scorer',
          alias: 'champion',
        },
        risk: { tier: 'high' },
      },
    });
    expect(churn.metadata.name).toBe('churn.predictor');
    expect(churn.metadata.title).toBe('Churn.Predictor');
    expect(churn.metadata.description).toBe('Monthly churn propensity.');
    expect(churn.spec).toEqual({
      lifecycle: 'production', // stage Production (v2) beats Staging (v3)
      owner: 'group:default/ml-platform',
      system: 'ml-platform',
      version: '2',
      registry: { type: 'mlflow', name: 'Churn.Predictor' },
    });
    expect(fraud.spec.lifecycle).toBe('deprecated'); // every version archived
    expect(fraud.spec.owner).toBe('fraud-ml');
    for (const entity of [scorer, churn, fraud]) {
      expect(validateModelOpsEntity(entity)).toEqual([]);
    }
  });

  it('reads an MLflow 3 registry (string timestamps, aliases, no stages)', async () => {
    server.use(
      http.get(MODELS, () => HttpResponse.json(mlflow3RegisteredModels)),
      http.get(VERSIONS, () => HttpResponse.json(mlflow3ModelVersions)),
    );
    const { provider, connection } = setup();
    await provider.connect(connection);
    await provider.refresh();
    const [generator, embeddings] = appliedEntities(connection);
    expect(generator.spec).toEqual({
      lifecycle: 'staging',
      owner: 'group:default/support-ml',
      type: 'generative',
      system: 'ml-platform',
      framework: 'transformers',
      format: 'safetensors',
      version: '12',
      registry: {
        type: 'mlflow',
        name: 'support-reply-generator',
        alias: 'challenger',
      },
      risk: { tier: 'limited' },
    });
    expect(embeddings.spec.lifecycle).toBe('development'); // explicit tag
    expect(embeddings.spec.version).toBe('1');
  });

  it('applies models with wrong tag values and warns, so the catalog shows the error', async () => {
    server.use(
      http.get(MODELS, () =>
        HttpResponse.json({
          registered_models: [
            {
              name: 'typo-model',
              tags: [
                { key: 'owner', value: 'team-a' },
                { key: 'risk_tier', value: 'hgih' },
              ],
            },
          ],
        }),
      ),
      http.get(VERSIONS, () => HttpResponse.json({})),
    );
    const { provider, connection, logs } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toEqual({
      applied: true,
      entities: 1,
      invalid: 1,
      withNotes: 1,
    });
    expect(logs.find(l => l.level === 'warn')?.message).toBe(
      '"typo-model" (mlmodel:default/typo-model) could not be fully mapped:\ntags.risk_tier = "hgih": spec.risk.tier: expected one of unacceptable, high, limited, minimal',
    );
  });

  describe('when MLflow cannot be read it applies no mutation', () => {
    const cases: [string, () => void, string][] = [
      [
        'server error',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.text('upstream connect error', { status: 503 }),
            ),
          ),
        'answered 503',
      ],
      [
        'HTML instead of JSON',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.html('<html><body>Sign in</body></html>'),
            ),
          ),
        'answered something that is not JSON: <html><body>Sign in</body></html>',
      ],
      [
        'JSON of the wrong shape',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.json({ registered_models: 'none' }),
            ),
          ),
        'answered JSON of an unexpected shape: registered_models:',
      ],
      [
        'a model without a name',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.json({ registered_models: [{ tags: [] }] }),
            ),
          ),
        'answered JSON of an unexpected shape: registered_models.0.name:',
      ],
      [
        'a failure on the second page',
        () =>
          server.use(
            http.get(MODELS, ({ request }) =>
              new URL(request.url).searchParams.get('page_token')
                ? HttpResponse.text('boom', { status: 500 })
                : HttpResponse.json(mlflow2RegisteredModelsPage1),
            ),
          ),
        'answered 500',
      ],
      [
        'a failing version search',
        () =>
          server.use(
            http.get(MODELS, () => HttpResponse.json(mlflow3RegisteredModels)),
            http.get(VERSIONS, () => HttpResponse.text('', { status: 502 })),
          ),
        'model-versions/search?max_results=100 answered 502',
      ],
      [
        'a page token that repeats',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.json({
                ...mlflow3RegisteredModels,
                next_page_token: 'same',
              }),
            ),
          ),
        'registered-models/search returned the page token "same" twice',
      ],
      [
        'the network failing',
        () => server.use(http.get(MODELS, () => HttpResponse.error())),
        'failed:',
      ],
    ];

    it.each(cases)('%s', async (_name, arrange, reason) => {
      arrange();
      const { provider, connection, logs } = setup();
      await provider.connect(connection);
      await expect(provider.refresh()).resolves.toEqual({
        applied: false,
        entities: 0,
        invalid: 0,
        withNotes: 0,
      });
      expect(connection.applyMutation).not.toHaveBeenCalled();
      const errors = logs.filter(l => l.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toContain(
        'Could not read the MLflow registry at https://mlflow.example.com; the catalog keeps the models of the last successful refresh.',
      );
      expect(errors[0].message).toContain(reason);
    });
  });

  it('reports per model what it could not map, logs it once and publishes it', async () => {
    server.use(
      http.get(MODELS, () =>
        HttpResponse.json({
          registered_models: [
            {
              name: 'orphan',
              tags: [
                { key: 'risk_tier', value: 'hgih' },
                { key: 'cost_center', value: 'CC-12' },
                { key: 'mlflow.source.type', value: 'NOTEBOOK' },
              ],
            },
            {
              name: 'Owned',
              tags: [{ key: 'team', value: 'group:default/fraud-ml' }],
            },
            {
              name: 'owned',
              tags: [{ key: 'team', value: 'group:default/other' }],
            },
          ],
        }),
      ),
      http.get(VERSIONS, () => HttpResponse.json({})),
    );
    const published: any[] = [];
    const logs: { level: string; message: string }[] = [];
    const logger: any = {
      error: (message: string) => logs.push({ level: 'error', message }),
      warn: (message: string) => logs.push({ level: 'warn', message }),
      info: (message: string) => logs.push({ level: 'info', message }),
      debug: () => {},
      child: () => logger,
    };
    const [provider] = MlflowEntityProvider.fromConfig(
      new ConfigReader({
        catalog: {
          providers: {
            modelops: {
              mlflow: { prod: { baseUrl: BASE, ownerTags: ['team', 'owner'] } },
            },
          },
        },
      }),
      {
        logger,
        scheduler: {
          createScheduledTaskRunner: () => ({ run: async () => {} }),
        } as any,
        publisher: {
          publish: async (source, reports) => {
            published.push({ source, reports });
          },
        },
      },
    );
    const connection: jest.Mocked<EntityProviderConnection> = {
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    };
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toEqual({
      applied: true,
      entities: 2,
      invalid: 1,
      withNotes: 2,
    });
    // The owner-less model is applied, so the catalog shows its error.
    const [orphan, owned] = appliedEntities(connection);
    expect(orphan.spec.owner).toBeUndefined();
    expect(owned.spec.owner).toBe('group:default/fraud-ml');
    expect(published).toEqual([
      {
        source: 'MlflowEntityProvider:prod',
        reports: [
          {
            sourceObject: 'orphan',
            entityRef: 'mlmodel:default/orphan',
            notes: [
              {
                field: 'tags.team',
                reason:
                  'no owner: none of the tags team, owner is set and no defaults.owner is configured, so spec.owner is missing and the catalog shows a processing error',
              },
              {
                field: 'tags.risk_tier',
                value: 'hgih',
                reason:
                  'spec.risk.tier: expected one of unacceptable, high, limited, minimal',
              },
              {
                field: 'tags.cost_center',
                value: 'CC-12',
                reason: 'no MLModel field takes this tag',
              },
            ],
          },
          {
            sourceObject: 'Owned',
            entityRef: 'mlmodel:default/owned',
            notes: [],
          },
          {
            sourceObject: 'owned',
            notes: [
              {
                field: 'name',
                value: 'owned',
                reason:
                  'maps to the entity name owned, which MLflow model "Owned" already took; not imported',
              },
            ],
          },
        ],
      },
    ]);
    const warnings = () => logs.filter(l => l.level === 'warn').length;
    expect(warnings()).toBe(2);
    await provider.refresh();
    expect(warnings()).toBe(2);
    expect(published).toHaveLength(2);
  });
});
