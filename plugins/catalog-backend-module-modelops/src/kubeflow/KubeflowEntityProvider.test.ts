import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { validateModelOpsEntity } from '@modelops/plugin-modelops-common';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  inferenceServices,
  modelArtifacts,
  modelVersions,
  registeredModelsPage1,
  registeredModelsPage2,
  servingEnvironments,
} from './__fixtures__/modelRegistry';
import {
  appliedEntities as appliedEntitiesOf,
  failedRefreshError,
  setupRegistryProvider,
} from '../registries/__testUtils__/setupRegistryProvider';
import { KubeflowEntityProvider } from './KubeflowEntityProvider';

const BASE = 'https://model-registry.example.com';
const API = `${BASE}/api/model_registry/v1alpha3`;
const MODELS = `${API}/registered_models`;

const empty = { items: [], nextPageToken: '', pageSize: 100, size: 0 };

function registryHandlers(seen: URL[] = []) {
  return [
    http.get(MODELS, ({ request }) => {
      const url = new URL(request.url);
      seen.push(url);
      expect(request.headers.get('authorization')).toBe('Bearer kf-token');
      return HttpResponse.json(
        url.searchParams.get('nextPageToken') === 'eyJpZCI6IjIifQ'
          ? registeredModelsPage2
          : registeredModelsPage1,
      );
    }),
    http.get(`${API}/model_versions`, () => HttpResponse.json(modelVersions)),
    http.get(`${API}/model_versions/:id/artifacts`, ({ params, request }) => {
      seen.push(new URL(request.url));
      return HttpResponse.json(modelArtifacts[params.id as string] ?? empty);
    }),
    http.get(`${API}/inference_services`, () =>
      HttpResponse.json(inferenceServices),
    ),
    http.get(`${API}/serving_environments`, () =>
      HttpResponse.json(servingEnvironments),
    ),
  ];
}

function setup(
  extraConfig: Record<string, unknown> = {},
  options: { timeoutMs?: number } = {},
) {
  return setupRegistryProvider(
    KubeflowEntityProvider.fromConfig,
    { kubeflow: { odh: { baseUrl: BASE, token: 'kf-token', ...extraConfig } } },
    options,
  );
}

const appliedEntities = (connection: jest.Mocked<EntityProviderConnection>) =>
  appliedEntitiesOf(connection, 'KubeflowEntityProvider:odh');

describe('KubeflowEntityProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('reads no providers when nothing is configured', () => {
    expect(
      KubeflowEntityProvider.fromConfig(new ConfigReader({}), {
        logger: {} as any,
        scheduler: {} as any,
      }),
    ).toEqual([]);
  });

  it.each([
    [
      { baseUrl: 'registry:8080' },
      'odh.baseUrl: expected an http(s) URL; got "registry:8080"',
    ],
    [
      { baseUrl: BASE, servingEntity: 'component:default/scorer' },
      'odh.servingEntity: expected an entity ref with {namespace} or {name}',
    ],
  ])('rejects bad config naming the key (%j)', (block, message) => {
    expect(() =>
      KubeflowEntityProvider.fromConfig(
        new ConfigReader({
          catalog: { providers: { modelops: { kubeflow: { odh: block } } } },
        }),
        {
          logger: {} as any,
          scheduler: { createScheduledTaskRunner: jest.fn() } as any,
        },
      ),
    ).toThrow(`catalog.providers.modelops.kubeflow.${message}`);
  });

  it('schedules its refresh through the scheduler under its own name', async () => {
    const { provider, connection, scheduled, schedules } = setup({
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
    });
    await provider.connect(connection);
    expect(provider.getProviderName()).toBe('KubeflowEntityProvider:odh');
    expect(scheduled.map(t => t.id)).toEqual([
      'KubeflowEntityProvider:odh:refresh',
    ]);
    expect(schedules).toEqual([
      { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
    ]);
  });

  it('pages through the registry and maps models, versions, artifacts, properties and inference services', async () => {
    const seen: URL[] = [];
    server.use(...registryHandlers(seen));
    const { provider, connection, published } = setup({
      cluster: 'prod',
      servingEntity: 'component:{namespace}/{name}',
      defaults: { system: 'lending-platform' },
    });
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toEqual({
      applied: true,
      entities: 3,
      invalid: 1,
      withNotes: 3,
    });
    const modelPages = seen.filter(u =>
      u.pathname.endsWith('/registered_models'),
    );
    expect(modelPages.map(u => u.searchParams.get('nextPageToken'))).toEqual([
      null,
      'eyJpZCI6IjIifQ',
    ]);
    expect(modelPages[0].searchParams.get('pageSize')).toBe('100');
    const artifactReads = seen.filter(u => u.pathname.endsWith('/artifacts'));
    expect(artifactReads.map(u => u.pathname).sort()).toEqual([
      '/api/model_registry/v1alpha3/model_versions/10/artifacts',
      '/api/model_registry/v1alpha3/model_versions/2/artifacts',
      '/api/model_registry/v1alpha3/model_versions/3/artifacts',
    ]);
    expect(artifactReads[0].searchParams.get('artifactType')).toBe(
      'model-artifact',
    );

    const [scorer, fraud, embeddings] = appliedEntities(connection);
    expect(scorer).toEqual({
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: {
        name: 'credit-risk-scorer',
        title: 'credit-risk-scorer',
        description: 'Scores the probability of default.',
        annotations: {
          'backstage.io/managed-by-location': `url:${API}/registered_models/1`,
          'backstage.io/managed-by-origin-location': `url:${API}/registered_models/1`,
          'modelops.dev/kubeflow-model': '1',
          'modelops.dev/kubeflow-registry': 'odh',
          'modelops.dev/import-source': 'KubeflowEntityProvider:odh',
          // what the KServe observer of cluster prod reports for this model
          'modelops.dev/kserve-inference-service':
            'prod/risk/credit-risk-scorer',
        },
      },
      spec: {
        lifecycle: 'experimental',
        owner: 'group:default/risk-ml',
        type: 'classification',
        system: 'lending-platform',
        version: 'v2',
        registry: {
          type: 'kubeflow',
          name: 'credit-risk-scorer',
          tags: {
            team_channel: '#risk-ml',
            retrain_days: 30,
            drift_threshold: 0.2,
            regulated: true,
          },
          versions: [
            {
              version: 'v2',
              status: 'LIVE',
              createdBy: 'maria.lopez',
              createdAt: '2024-10-27T03:33:20.000Z',
              updatedAt: '2025-01-15T00:00:00.000Z',
              description: 'Retrained on 2024 applications.',
              tags: { validated: true },
              artifacts: [
                {
                  name: 'credit-risk-scorer-v2',
                  uri: 's3://models/credit-risk-scorer/v2/model.onnx',
                  format: 'onnx',
                  formatVersion: '1',
                  state: 'LIVE',
                },
              ],
            },
            {
              version: 'v1',
              status: 'ARCHIVED',
              createdBy: 'maria.lopez',
              createdAt: '2024-07-03T09:46:40.000Z',
              updatedAt: '2024-10-27T03:33:20.000Z',
            },
          ],
          inferenceServices: [
            {
              name: 'credit-risk-scorer',
              namespace: 'risk',
              version: 'v2',
              runtime: 'kserve-ovms',
              desiredState: 'DEPLOYED',
            },
          ],
        },
        risk: { tier: 'high' },
        deployment: { servedBy: ['component:risk/credit-risk-scorer'] },
      },
    });
    expect(validateModelOpsEntity(scorer)).toEqual([]);

    // An archived model whose owner is an e-mail address: it enters the
    // catalog (with a processing error on spec.owner) instead of vanishing.
    expect(fraud.metadata.name).toBe('fraud-detector');
    expect(fraud.spec.lifecycle).toBe('retired');
    expect(fraud.spec.owner).toBe('jdoe@example.com');
    expect(validateModelOpsEntity(fraud).map(p => p.path)).toEqual([
      'spec.owner',
    ]);

    expect(embeddings.spec).toMatchObject({
      lifecycle: 'development',
      owner: 'user:ml-platform', // the registry records the person
      framework: 'sentence-transformers',
      license: 'apache-2.0',
      version: '1.0.0',
    });
    expect(embeddings.spec.deployment).toBeUndefined();

    const reports = published[0].reports;
    expect(published[0].source).toBe('KubeflowEntityProvider:odh');
    expect(reports).toEqual([
      {
        sourceObject: 'credit-risk-scorer',
        entityRef: 'mlmodel:default/credit-risk-scorer',
        notes: [
          {
            field: 'customProperties.feature_schema',
            value: 'eyJmZWF0dXJlcyI6IFtdfQ==',
            reason:
              'MetadataStructValue holds encoded bytes, which no MLModel field takes; not kept',
          },
        ],
      },
      {
        sourceObject: 'Fraud Detector',
        entityRef: 'mlmodel:default/fraud-detector',
        notes: [
          {
            field: 'owner',
            value: 'jdoe@example.com',
            reason:
              'spec.owner: expected an entity reference like name, namespace/name or kind:namespace/name',
          },
          {
            field: 'readme',
            value: '# Fraud detector\nFlags card fraud.',
            reason: 'no MLModel field takes this',
          },
          {
            field: 'language',
            value: 'en',
            reason: 'no MLModel field takes this',
          },
        ],
      },
      {
        sourceObject: 'embeddings-small',
        entityRef: 'mlmodel:default/embeddings-small',
        notes: [],
      },
      {
        sourceObject: 'inference_services/8',
        notes: [
          {
            field: 'registeredModelId',
            value: '77',
            reason:
              'inference service "churn/91b0" names a registered model the registry did not list; not linked to any entity',
          },
        ],
      },
    ]);
  });

  it('uses defaults.owner for an owner that is no entity reference, and says so', async () => {
    server.use(...registryHandlers());
    const { provider, connection, published } = setup({
      defaults: { owner: 'group:default/fraud-ml' },
    });
    await provider.connect(connection);
    await provider.refresh();
    const [scorer, fraud] = appliedEntities(connection);
    expect(fraud.spec.owner).toBe('group:default/fraud-ml');
    expect(validateModelOpsEntity(fraud)).toEqual([]);
    expect(published[0].reports[1].notes[0]).toEqual({
      field: 'owner',
      value: 'jdoe@example.com',
      reason:
        'not an entity reference; defaults.owner group:default/fraud-ml is used',
    });
    // without a cluster the deployed service cannot meet KServe's observations
    expect(
      scorer.metadata.annotations['modelops.dev/kserve-inference-service'],
    ).toBeUndefined();
    expect(published[0].reports[0].notes).toContainEqual({
      field: 'inference_services',
      value: 'risk/credit-risk-scorer',
      reason:
        'no cluster configured for this registry, so the deployed inference services are not linked to what KServe observes',
    });
  });

  describe('when the registry cannot be read it applies no mutation', () => {
    const encoder = new TextEncoder();
    const cases: [string, () => void, string][] = [
      [
        'a refused token (401)',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.json(
                { code: 'Unauthorized', message: 'invalid bearer token' },
                { status: 401 },
              ),
            ),
          ),
        'answered 401 Unauthorized (the token was refused; check the provider token)',
      ],
      [
        'no answer in time',
        () =>
          server.use(
            http.get(MODELS, async () => {
              await delay(500);
              return HttpResponse.json(registeredModelsPage1);
            }),
          ),
        'failed: no answer within 50 ms',
      ],
      [
        'an HTML sign-in page',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.html(
                '<html><body>Log in to OpenShift</body></html>',
              ),
            ),
          ),
        'answered something that is not JSON: <html><body>Log in to OpenShift</body></html>',
      ],
      [
        'JSON of the wrong shape',
        () =>
          server.use(
            http.get(MODELS, () => HttpResponse.json({ registeredModels: [] })),
          ),
        'answered JSON of an unexpected shape: items:',
      ],
      [
        'a model without an id',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.json({ ...empty, items: [{ name: 'x' }] }),
            ),
          ),
        'answered JSON of an unexpected shape: items.0.id:',
      ],
      [
        'a server that disappears in the middle of the second page',
        () =>
          server.use(
            http.get(MODELS, ({ request }) => {
              if (!new URL(request.url).searchParams.get('nextPageToken')) {
                return HttpResponse.json(registeredModelsPage1);
              }
              const body = new ReadableStream({
                start(controller) {
                  controller.enqueue(encoder.encode('{"items":[{"id":"9",'));
                  controller.error(new Error('socket hang up'));
                },
              });
              return new HttpResponse(body, {
                headers: { 'Content-Type': 'application/json' },
              });
            }),
          ),
        'nextPageToken=eyJpZCI6IjIifQ failed: socket hang up',
      ],
      [
        'a failing artifact list',
        () =>
          server.use(
            http.get(`${API}/model_versions/3/artifacts`, () =>
              HttpResponse.text('upstream connect error', { status: 503 }),
            ),
            ...registryHandlers(),
          ),
        'model_versions/3/artifacts?artifactType=model-artifact&pageSize=100&orderBy=ID&sortOrder=ASC answered 503',
      ],
      [
        'a page token that repeats',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.json({
                ...registeredModelsPage1,
                nextPageToken: 'same',
              }),
            ),
          ),
        'registered_models returned the page token "same" twice',
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
          setup({}, { timeoutMs: 50 }),
          'the Kubeflow Model Registry at https://model-registry.example.com',
        ),
      ).toContain(reason);
    });
  });
});
