import { createBackendModule } from '@backstage/backend-plugin-api';
import { CATALOG_ERRORS_TOPIC } from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startTestCatalog, waitFor } from './__testUtils__/startTestCatalog';
import {
  inferenceServices,
  modelVersions,
  registeredModelsPage1,
  servingEnvironments,
} from './kubeflow/__fixtures__/modelRegistry';

// A real catalog starts, processes and stitches; on a busy machine that
// takes longer than jest's default five seconds.
jest.setTimeout(60_000);

const annotations = {
  'backstage.io/managed-by-location': 'url:https://example.com/models.yaml',
  'backstage.io/managed-by-origin-location':
    'url:https://example.com/models.yaml',
};

const entities: Entity[] = [
  {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'Dataset',
    metadata: { name: 'loans', annotations },
    spec: { owner: 'risk-ml', lifecycle: 'production', steward: 'samir' },
  },
  {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'scorer', annotations },
    spec: { owner: 'risk-ml', lifecycle: 'production', trainedOn: ['loans'] },
  },
  {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'broken', annotations },
    spec: { owner: 'risk-ml', lifecycle: 'production', risk: { tier: 'hgih' } },
  },
];

const processingErrors: string[] = [];

class StaticProvider implements EntityProvider {
  getProviderName() {
    return 'static-models';
  }
  connection?: EntityProviderConnection;
  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: 'static-models',
      })),
    });
  }
}

const staticProvider = new StaticProvider();

const staticProviderModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'static-models',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        events: eventsServiceRef,
      },
      async init({ catalog, events }) {
        catalog.addEntityProvider(staticProvider);
        // The catalog publishes processing errors on this topic; the portal
        // shows the same text on the entity's processing error panel.
        await events.subscribe({
          id: 'modelops-test',
          topics: [CATALOG_ERRORS_TOPIC],
          async onEvent(params) {
            const payload = params.eventPayload as {
              entity: string;
              errors: Error[];
            };
            processingErrors.push(
              ...payload.errors.map(e => `${payload.entity}: ${e.message}`),
            );
          },
        });
      },
    });
  },
});

describe('catalogModuleModelops', () => {
  it('validates and relates the kinds inside a real catalog', async () => {
    const catalog = await startTestCatalog({
      features: [staticProviderModule],
    });
    try {
      const dataset = await catalog.entity('dataset', 'loans', e =>
        e.relations?.some((r: any) => r.type === 'trainingDataFor'),
      );
      expect(dataset.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'group:default/risk-ml' },
          { type: 'stewardedBy', targetRef: 'user:default/samir' },
          { type: 'trainingDataFor', targetRef: 'mlmodel:default/scorer' },
        ]),
      );
      const model = (await catalog.byName('mlmodel', 'scorer')).body;
      expect(model.relations).toEqual(
        expect.arrayContaining([
          { type: 'trainedOn', targetRef: 'dataset:default/loans' },
        ]),
      );

      // The invalid model never reaches the catalog; its neighbours do, and
      // the processing error names the path and the rule.
      expect((await catalog.byName('mlmodel', 'broken')).status).toBe(404);
      const error = await waitFor(async () =>
        processingErrors.find(e => e.startsWith('mlmodel:default/broken')),
      );
      expect(error).toContain(
        'spec.risk.tier: expected one of unacceptable, high, limited, minimal; got "hgih"',
      );
      expect(
        processingErrors.every(e => e.startsWith('mlmodel:default/broken')),
      ).toBe(true);

      // A model already in the catalog that turns invalid keeps its last
      // valid version and carries the error in its status.
      await staticProvider.connection!.applyMutation({
        type: 'delta',
        added: [
          {
            entity: {
              ...entities[1],
              spec: { ...entities[1].spec, lifecycle: 'prod' },
            },
            locationKey: 'static-models',
          },
        ],
        removed: [],
      });
      const withError = await catalog.entity(
        'mlmodel',
        'scorer',
        e => e.status?.items?.length > 0,
      );
      expect(withError.spec.lifecycle).toBe('production');
      expect(withError.status.items[0]).toMatchObject({
        type: 'backstage.io/catalog-processing',
        level: 'error',
      });
      expect(withError.status.items[0].error.message).toBe(
        'Processor ModelOpsEntityProcessor threw an error while validating the entity mlmodel:default/scorer; ' +
          'caused by InputError: MLModel mlmodel:default/scorer does not match the MLModel modelops.dev/v1alpha1 schema:\n' +
          'spec.lifecycle: expected one of experimental, development, staging, production, deprecated, retired; got "prod"',
      );
    } finally {
      await catalog.stop();
    }
  });
});

describe('catalogModuleModelops with an MLflow server configured', () => {
  // Only MLflow is mocked; requests to the test backend itself pass through.
  const mlflow = setupServer(
    http.get(
      'https://mlflow.example.com/api/2.0/mlflow/registered-models/search',
      () =>
        HttpResponse.json({
          registered_models: [
            {
              name: 'Fraud.Detector',
              creation_timestamp: '1740787200000',
              tags: [{ key: 'risk_tier', value: 'high' }],
              aliases: [{ alias: 'champion', version: '3' }],
            },
          ],
        }),
    ),
    http.get(
      'https://mlflow.example.com/api/2.0/mlflow/model-versions/search',
      () => HttpResponse.json({ model_versions: [] }),
    ),
  );
  beforeAll(() => mlflow.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => mlflow.close());

  it('registers the provider and its models reach the catalog', async () => {
    const catalog = await startTestCatalog({
      modelops: {
        mlflow: {
          prod: {
            baseUrl: 'https://mlflow.example.com',
            schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
            defaults: { owner: 'group:default/fraud-ml' },
          },
        },
      },
    });
    try {
      const model = await catalog.entity('mlmodel', 'fraud.detector');
      expect(model.metadata.annotations).toMatchObject({
        'modelops.dev/mlflow-model': 'Fraud.Detector',
        'modelops.dev/mlflow-server': 'prod',
      });
      expect(model.spec).toMatchObject({
        owner: 'group:default/fraud-ml',
        lifecycle: 'production',
        version: '3',
        risk: { tier: 'high' },
      });
      expect(model.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'group:default/fraud-ml' },
        ]),
      );
    } finally {
      await catalog.stop();
    }
  });
});

describe('catalogModuleModelops with a Kubeflow Model Registry configured', () => {
  const api = 'https://registry.example.com/api/model_registry/v1alpha3';
  const page = (items: unknown[]) => ({
    items,
    nextPageToken: '',
    pageSize: 100,
    size: items.length,
  });
  const kubeflow = setupServer(
    http.get(`${api}/registered_models`, () =>
      HttpResponse.json(page(registeredModelsPage1.items)),
    ),
    http.get(`${api}/model_versions`, () => HttpResponse.json(modelVersions)),
    http.get(`${api}/model_versions/:id/artifacts`, () =>
      HttpResponse.json(page([])),
    ),
    http.get(`${api}/inference_services`, () =>
      HttpResponse.json(inferenceServices),
    ),
    http.get(`${api}/serving_environments`, () =>
      HttpResponse.json(servingEnvironments),
    ),
  );
  beforeAll(() => kubeflow.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => kubeflow.close());

  it('brings every registered model into the catalog, the one that cannot be valid with a processing error naming the field', async () => {
    const catalog = await startTestCatalog({
      modelops: {
        kubeflow: {
          odh: {
            baseUrl: 'https://registry.example.com',
            servingEntity: 'component:{namespace}/{name}',
            schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
          },
        },
      },
    });
    try {
      const byName = (name: string) =>
        catalog.entity('mlmodel', name, e => e.relations !== undefined);
      const scorer = await byName('credit-risk-scorer');
      expect(scorer.spec.registry.versions.map((v: any) => v.version)).toEqual([
        'v2',
        'v1',
      ]);
      expect(scorer.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'group:default/risk-ml' },
          { type: 'servedBy', targetRef: 'component:risk/credit-risk-scorer' },
        ]),
      );
      const fraud = await byName('fraud-detector');
      expect(fraud.status.items[0]).toMatchObject({
        type: 'backstage.io/catalog-processing',
        level: 'error',
      });
      expect(fraud.status.items[0].error.message).toContain(
        'spec.owner: expected an entity reference like name, namespace/name or kind:namespace/name; got "jdoe@example.com"',
      );
    } finally {
      await catalog.stop();
    }
  });
});

describe('catalogModuleModelops with an imported model that cannot be valid', () => {
  // What the MLflow provider emits for a model without an owner tag when no
  // defaults.owner is configured: never silently absent from the catalog.
  const ownerless: Entity = {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: 'ownerless',
      annotations: {
        ...annotations,
        'modelops.dev/import-source': 'MlflowEntityProvider:prod',
      },
    },
    spec: { lifecycle: 'production', risk: { tier: 'hgih' } },
  };

  const importModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'imported-models',
    register({ registerInit }) {
      registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => 'imported-models',
            connect: connection =>
              connection.applyMutation({
                type: 'full',
                entities: [{ entity: ownerless, locationKey: 'imported' }],
              }),
          });
        },
      });
    },
  });

  it('shows it with a processing error naming each field', async () => {
    const catalog = await startTestCatalog({ features: [importModule] });
    try {
      const model = await catalog.entity('mlmodel', 'ownerless');
      expect(model.status.items).toEqual([
        {
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message: expect.stringMatching(/^InputError: /),
          error: {
            name: 'InputError',
            message:
              'MLModel mlmodel:default/ownerless does not match the MLModel modelops.dev/v1alpha1 schema:\n' +
              'spec.owner: required, expected a string; got nothing\n' +
              'spec.risk.tier: expected one of unacceptable, high, limited, minimal; got "hgih"',
          },
        },
      ]);
    } finally {
      await catalog.stop();
    }
  });
});
