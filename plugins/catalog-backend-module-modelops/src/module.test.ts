import { startTestBackend, mockServices } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import catalogBackend from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { catalogModuleModelops } from './module';

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

class StaticProvider implements EntityProvider {
  getProviderName() {
    return 'static-models';
  }
  async connect(connection: EntityProviderConnection) {
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: 'static-models',
      })),
    });
  }
}

const staticProviderModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'static-models',
  register({ registerInit }) {
    registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider(new StaticProvider());
      },
    });
  },
});

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (value !== undefined) {
      return value;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting for the catalog');
}

describe('catalogModuleModelops', () => {
  it('validates and relates the kinds inside a real catalog', async () => {
    const backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleModelops,
        staticProviderModule,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { milliseconds: 100 },
              stitchingStrategy: { mode: 'immediate' },
            },
          },
        }),
      ],
    });
    try {
      const byName = (kind: string, name: string) =>
        request(backend.server).get(
          `/api/catalog/entities/by-name/${kind}/default/${name}`,
        );

      const dataset = await waitFor(async () => {
        const res = await byName('dataset', 'loans');
        const relations = res.body?.relations ?? [];
        return relations.some((r: any) => r.type === 'trainingDataFor')
          ? res.body
          : undefined;
      });
      expect(dataset.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'group:default/risk-ml' },
          { type: 'stewardedBy', targetRef: 'user:default/samir' },
          { type: 'trainingDataFor', targetRef: 'mlmodel:default/scorer' },
        ]),
      );
      const model = (await byName('mlmodel', 'scorer')).body;
      expect(model.relations).toEqual(
        expect.arrayContaining([
          { type: 'trainedOn', targetRef: 'dataset:default/loans' },
        ]),
      );

      // The invalid model never reaches the catalog; its neighbours do.
      expect((await byName('mlmodel', 'broken')).status).toBe(404);
    } finally {
      await backend.stop();
    }
  });
});
