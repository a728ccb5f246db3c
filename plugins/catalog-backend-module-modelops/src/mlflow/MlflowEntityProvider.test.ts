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
  mlflow3Experiments,
  mlflow3LoggedModelsPage1,
  mlflow3LoggedModelsPage2,
  mlflow3ModelVersions,
  mlflow3RegisteredModels,
} from './__fixtures__/mlflow3';
import {
  appliedEntities as appliedEntitiesOf,
  failedRefreshError,
  setupRegistryProvider,
} from '../registries/__testUtils__/setupRegistryProvider';
import { MlflowEntityProvider } from './MlflowEntityProvider';

const BASE = 'https://mlflow.example.com';
const MODELS = `${BASE}/api/2.0/mlflow/registered-models/search`;
const VERSIONS = `${BASE}/api/2.0/mlflow/model-versions/search`;
const EXPERIMENTS = `${BASE}/api/2.0/mlflow/experiments/search`;
const LOGGED_MODELS = `${BASE}/api/2.0/mlflow/logged-models/search`;

function setup(extraConfig: Record<string, unknown> = {}) {
  return setupRegistryProvider(MlflowEntityProvider.fromConfig, {
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
  });
}

const appliedEntities = (connection: jest.Mocked<EntityProviderConnection>) =>
  appliedEntitiesOf(connection, 'MlflowEntityProvider:prod');

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
          url: 'https://mlflow.example.com/#/models/credit-risk-scorer',
          // every version, newest first, with what MLflow records of it
          versions: [
            {
              version: '7',
              status: 'READY',
              stage: 'Archived',
              runId: '4f1c',
              source: 'runs:/4f1c/model',
              createdAt: '2025-01-15T00:00:00.000Z',
              updatedAt: '2025-01-15T00:00:00.000Z',
            },
            {
              version: '6',
              status: 'READY',
              stage: 'Production',
              aliases: ['champion'],
              createdAt: '2024-10-27T03:33:20.000Z',
              tags: { license: 'proprietary' },
            },
          ],
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
      registry: {
        type: 'mlflow',
        name: 'Churn.Predictor',
        url: 'https://mlflow.example.com/#/models/Churn.Predictor',
        versions: [
          {
            version: '3',
            status: 'READY',
            stage: 'Staging',
            createdAt: '2023-11-14T22:13:20.000Z',
          },
          {
            version: '2',
            status: 'READY',
            stage: 'Production',
            createdAt: '2023-07-22T04:26:40.000Z',
          },
        ],
      },
    });
    expect(fraud.spec.lifecycle).toBe('deprecated'); // every version archived
    expect(fraud.spec.owner).toBe('fraud-ml');
    for (const entity of [scorer, churn, fraud]) {
      expect(validateModelOpsEntity(entity)).toEqual([]);
    }
  });

  it('reads an MLflow 3 registry (string timestamps, aliases, no stages, logged models)', async () => {
    const loggedModelRequests: any[] = [];
    server.use(
      http.get(MODELS, () => HttpResponse.json(mlflow3RegisteredModels)),
      http.get(VERSIONS, () => HttpResponse.json(mlflow3ModelVersions)),
      http.post(EXPERIMENTS, async ({ request }) => {
        expect(await request.json()).toEqual({
          max_results: 1000,
          view_type: 'ALL',
        });
        return HttpResponse.json(mlflow3Experiments);
      }),
      http.post(LOGGED_MODELS, async ({ request }) => {
        const body: any = await request.json();
        loggedModelRequests.push(body);
        return HttpResponse.json(
          body.page_token ? mlflow3LoggedModelsPage2 : mlflow3LoggedModelsPage1,
        );
      }),
    );
    const { provider, connection } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toEqual({
      applied: true,
      entities: 2,
      invalid: 0,
      withNotes: 1,
    });
    expect(loggedModelRequests).toEqual([
      { experiment_ids: ['0', '412'], max_results: 50 },
      {
        experiment_ids: ['0', '412'],
        max_results: 50,
        page_token: 'eyJvZmZzZXQiOiAxfQ',
      },
    ]);
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
        url: 'https://mlflow.example.com/#/models/support-reply-generator',
        versions: [
          {
            version: '12',
            status: 'READY',
            aliases: ['challenger'],
            runId: '9d2e41c07b5a4e0f',
            source: 'models:/m-5b1c0e',
            modelId: 'm-5b1c0e',
            createdBy: 'li.wei@example.com',
            createdAt: '2025-04-01T00:00:00.000Z',
            updatedAt: '2025-04-01T00:00:00.000Z',
            description: 'Fine-tuned on the March ticket export.',
            tags: {
              framework: 'transformers',
              validation_status: 'approved',
            },
          },
          {
            version: '11',
            status: 'READY',
            runId: '51aa90e3c2d14b77',
            source: 'models:/m-77aa01',
            modelId: 'm-77aa01',
            createdAt: '2025-03-03T11:06:40.000Z',
          },
        ],
        // the one that registered version 12; the unregistered one is left
        loggedModels: [
          {
            modelId: 'm-5b1c0e',
            name: 'reply-generator',
            experimentId: '412',
            status: 'LOGGED_MODEL_READY',
            runId: '9d2e41c07b5a4e0f',
            artifactUri: 's3://mlflow/412/models/m-5b1c0e/artifacts',
            modelType: 'LLM',
            createdAt: '2025-03-31T05:46:40.000Z',
            updatedAt: '2025-04-01T00:00:00.000Z',
            tags: { 'mlflow.user': 'li.wei@example.com' },
            params: { learning_rate: '2e-5' },
            metrics: [
              {
                key: 'rougeL',
                value: 0.412,
                dataset: 'tickets-holdout',
                step: 0,
              },
            ],
          },
        ],
      },
      risk: { tier: 'limited' },
    });
    expect(validateModelOpsEntity(generator)).toEqual([]);
    expect(embeddings.spec.lifecycle).toBe('development'); // explicit tag
    expect(embeddings.spec.version).toBe('1');
  });

  it('notes what the registry record cannot keep', async () => {
    server.use(
      http.get(MODELS, () => HttpResponse.json(mlflow3RegisteredModels)),
      http.get(VERSIONS, () => HttpResponse.json(mlflow3ModelVersions)),
      http.post(EXPERIMENTS, () => HttpResponse.json(mlflow3Experiments)),
      http.post(LOGGED_MODELS, () =>
        HttpResponse.json({ models: mlflow3LoggedModelsPage1.models }),
      ),
    );
    const { provider, connection, published } = setup();
    await provider.connect(connection);
    await provider.refresh();
    expect(published[0].reports[0]).toEqual({
      sourceObject: 'support-reply-generator',
      entityRef: 'mlmodel:default/support-reply-generator',
      notes: [
        {
          field: 'model-versions[11].model_id',
          value: 'm-77aa01',
          reason:
            'the logged model of this version is in no experiment the server listed; its details are not kept',
        },
      ],
    });
  });

  it('keeps the newest 100 versions and notes the older ones', async () => {
    server.use(
      http.get(MODELS, () =>
        HttpResponse.json({
          registered_models: [
            { name: 'busy', tags: [{ key: 'owner', value: 'team-a' }] },
          ],
        }),
      ),
      http.get(VERSIONS, () =>
        HttpResponse.json({
          model_versions: Array.from({ length: 103 }, (_, i) => ({
            name: 'busy',
            version: String(i + 1),
            creation_timestamp: i === 102 ? 'soon' : String(1740787200000 + i),
            status: 'READY',
          })),
        }),
      ),
    );
    const { provider, connection, published } = setup();
    await provider.connect(connection);
    await provider.refresh();
    const [busy] = appliedEntities(connection);
    expect(busy.spec.registry.versions).toHaveLength(100);
    expect(busy.spec.registry.versions[0].version).toBe('103');
    expect(busy.spec.registry.versions[0].createdAt).toBeUndefined();
    expect(validateModelOpsEntity(busy)).toEqual([]);
    expect(published[0].reports[0].notes).toEqual([
      {
        field: 'model-versions',
        value: '3, 2, 1',
        reason:
          '3 older versions not kept on the entity (it keeps the newest 100)',
      },
      {
        field: 'model-versions[103].creation_timestamp',
        value: 'soon',
        reason: 'not a time in milliseconds since the epoch; not kept',
      },
    ]);
  });

  it('reads no logged models from a server without the endpoint, and says so once', async () => {
    let loggedModelCalls = 0;
    server.use(
      http.get(MODELS, () => HttpResponse.json(mlflow3RegisteredModels)),
      http.get(VERSIONS, () => HttpResponse.json(mlflow3ModelVersions)),
      http.post(EXPERIMENTS, () => HttpResponse.json(mlflow3Experiments)),
      http.post(LOGGED_MODELS, () => {
        loggedModelCalls++;
        return HttpResponse.json(
          {
            error_code: 'ENDPOINT_NOT_FOUND',
            message: 'No API endpoint found',
          },
          { status: 404 },
        );
      }),
    );
    const { provider, connection, logs } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toMatchObject({ applied: true });
    await expect(provider.refresh()).resolves.toMatchObject({ applied: true });
    expect(loggedModelCalls).toBe(1);
    expect(logs.filter(l => l.level === 'error')).toEqual([]);
    expect(
      logs.filter(l => l.message.includes('no logged-models/search endpoint')),
    ).toHaveLength(1);
    const [generator] = (connection.applyMutation.mock.calls[1][0] as any)
      .entities;
    expect(generator.entity.spec.registry.loggedModels).toBeUndefined();
    expect(generator.entity.spec.registry.versions[0].modelId).toBe('m-5b1c0e');
  });

  it('asks an MLflow 2 registry nothing about logged models', async () => {
    server.use(
      http.get(MODELS, () => HttpResponse.json(mlflow2RegisteredModelsPage2)),
      http.get(VERSIONS, () => HttpResponse.json(mlflow2ModelVersions)),
      http.post(EXPERIMENTS, () => {
        throw new Error('experiments/search must not be called');
      }),
    );
    const { provider, connection } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toMatchObject({ applied: true });
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
      expect(
        await failedRefreshError(
          setup(),
          'the MLflow registry at https://mlflow.example.com',
        ),
      ).toContain(reason);
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
    // Without defaults, so that a model without an owner tag has none.
    const { provider, connection, logs, published } = setupRegistryProvider(
      MlflowEntityProvider.fromConfig,
      { mlflow: { prod: { baseUrl: BASE, ownerTags: ['team', 'owner'] } } },
    );
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
    // tags no field takes stay on the entity instead of being dropped
    expect(orphan.spec.registry.tags).toEqual({
      cost_center: 'CC-12',
      'mlflow.source.type': 'NOTEBOOK',
    });
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
