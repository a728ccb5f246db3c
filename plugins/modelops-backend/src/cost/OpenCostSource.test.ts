import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { initTestDatabase } from '../service/__testUtils__';
import { ConfigReader } from '@backstage/config';
import { CostCatalog } from './CostCatalog';
import { readCostSettings } from './CostConfig';
import { CostRecordPolicy } from './CostRecordPolicy';
import { DatabaseCostStore } from './DatabaseCostStore';
import { OpenCostSource } from './OpenCostSource';

const policy = CostRecordPolicy.fromSettings(
  readCostSettings(new ConfigReader({})),
);

jest.setTimeout(60_000);

const BASE_URL = 'http://opencost.test:9003';

const model: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'eta-predictor', namespace: 'default' },
  spec: { owner: 'group:default/supply-chain-ml', lifecycle: 'production' },
};
const routing: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'route-optimizer', namespace: 'logistics' },
  spec: { owner: 'group:default/supply-chain-ml', lifecycle: 'production' },
};

// Shaped like OpenCost's /allocation response with accumulate=false: one
// allocation set per day, keyed by the aggregated label's value.
function allocation(name: string, day: string, totalCost: number) {
  return {
    name,
    properties: { cluster: 'prod-eu', labels: { 'modelops.dev/entity': name } },
    window: { start: `${day}T00:00:00Z`, end: `${day}T23:59:59Z` },
    start: `${day}T00:00:00Z`,
    end: `${day}T23:59:59Z`,
    cpuCost: totalCost * 0.6,
    ramCost: totalCost * 0.4,
    totalCost,
  };
}

describe('OpenCostSource', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'pulls daily allocations by label, maps them to entities and keeps the rest, %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await initTestDatabase(databases, databaseId);
      const requests: URL[] = [];
      let scale = 1;
      server.use(
        http.get(`${BASE_URL}/allocation`, ({ request }) => {
          requests.push(new URL(request.url));
          return HttpResponse.json({
            code: 200,
            data: [
              {
                'eta-predictor': allocation(
                  'eta-predictor',
                  '2026-11-18',
                  12.5 * scale,
                ),
                __unallocated__: allocation('__unallocated__', '2026-11-18', 3),
              },
              {
                'eta-predictor': allocation(
                  'eta-predictor',
                  '2026-11-19',
                  10 * scale,
                ),
                'legacy-batch': allocation('legacy-batch', '2026-11-19', 4),
                // A ref encoded for a label value: `:` and `/` are not allowed.
                'mlmodel.logistics.route-optimizer': allocation(
                  'mlmodel.logistics.route-optimizer',
                  '2026-11-19',
                  6,
                ),
                __idle__: allocation('__idle__', '2026-11-19', 0),
              },
            ],
          });
        }),
      );
      const source = OpenCostSource.create({
        settings: {
          baseUrl: BASE_URL,
          labelKey: 'modelops.dev/entity',
          window: '2d',
          category: 'inference',
          source: 'opencost',
          frequencyMinutes: 60,
          timeoutMinutes: 10,
        },
        policy,
        store: DatabaseCostStore.create({ database: knex }),
        catalog: CostCatalog.create({
          catalog: catalogServiceMock({ entities: [model, routing] }),
        }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      });

      await expect(source.pull()).resolves.toEqual({
        upserted: 5,
        unmappedTotal: 7,
        unmappedLabels: [{ value: 'legacy-batch', amount: 4 }],
      });
      expect(requests[0].searchParams.get('window')).toBe('2d');
      expect(requests[0].searchParams.get('aggregate')).toBe(
        'label:modelops.dev/entity',
      );
      expect(requests[0].searchParams.get('accumulate')).toBe('false');

      // Allocations of recent days grow; the next pull replaces them.
      scale = 2;
      await source.pull();
      const rows = await knex('modelops_cost_records').orderBy([
        'entity_ref',
        'day',
      ]);
      expect(
        rows.map(r => [
          r.entity_ref,
          r.day,
          r.category,
          Number(r.amount_micros) / 1e6,
        ]),
      ).toEqual([
        ['mlmodel:default/eta-predictor', '2026-11-18', 'inference', 25],
        ['mlmodel:default/eta-predictor', '2026-11-19', 'inference', 20],
        ['mlmodel:logistics/route-optimizer', '2026-11-19', 'inference', 6],
        ['unmapped:default/legacy-batch', '2026-11-19', 'inference', 4],
        ['unmapped:default/untagged', '2026-11-18', 'inference', 3],
      ]);
    },
  );

  it('fails the run on an OpenCost error without storing anything', async () => {
    server.use(
      http.get(`${BASE_URL}/allocation`, () =>
        HttpResponse.json({ code: 500, message: 'prometheus down' }),
      ),
    );
    const store = { upsertRecords: jest.fn() } as any;
    const source = OpenCostSource.create({
      settings: {
        baseUrl: BASE_URL,
        labelKey: 'modelops.dev/entity',
        window: '1d',
        category: 'inference',
        source: 'opencost',
        frequencyMinutes: 60,
        timeoutMinutes: 10,
      },
      policy,
      store,
      catalog: CostCatalog.create({ catalog: catalogServiceMock() }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    await expect(source.pull()).rejects.toThrow('prometheus down');
    expect(store.upsertRecords).not.toHaveBeenCalled();
  });

  it('registers one scheduled task with a fixed id', async () => {
    const scheduler = mockServices.scheduler.mock();
    await OpenCostSource.create({
      settings: {
        baseUrl: BASE_URL,
        labelKey: 'modelops.dev/entity',
        window: '3d',
        category: 'inference',
        source: 'opencost',
        frequencyMinutes: 30,
        timeoutMinutes: 5,
      },
      policy,
      store: { upsertRecords: jest.fn() } as any,
      catalog: CostCatalog.create({ catalog: catalogServiceMock() }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    }).schedule(scheduler);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'modelops-cost-opencost-pull',
        frequency: { minutes: 30 },
      }),
    );
  });
});
