import { TestDatabases } from '@backstage/backend-test-utils';
import {
  deliveryEventInputSchema,
  type DeliveryEventInput,
} from '@modelops/plugin-modelops-common';
import { migrateDatabase, rollbackDatabase } from '../service/migrateDatabase';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseDeliveryStore } from './DatabaseDeliveryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const churn = 'mlmodel:default/churn';
const fraud = 'mlmodel:default/fraud';

function event(
  input: Omit<DeliveryEventInput, 'entityRef'> & { entityRef?: string },
) {
  return deliveryEventInputSchema.parse({ entityRef: churn, ...input });
}

describe.each(databases.eachSupportedId())(
  'DatabaseDeliveryStore on %p',
  id => {
    async function createStore() {
      const knex = await initTestDatabase(databases, id);
      const store = DatabaseDeliveryStore.create({
        knex,
        now: () => new Date('2026-11-27T00:00:00Z'),
      });
      return { knex, store };
    }

    it('stores events once per key and reads booleans back', async () => {
      const { store } = await createStore();
      const input = event({
        idempotencyKey: 'deploy-1',
        type: 'deployment',
        at: '2026-11-03T10:00:00+01:00',
        modelVersion: '3.1.0',
        failed: false,
      });
      const first = await store.addEvent(input);
      expect(first).toEqual({
        created: true,
        event: {
          id: expect.any(String),
          idempotencyKey: 'deploy-1',
          entityRef: churn,
          type: 'deployment',
          at: '2026-11-03T09:00:00.000Z',
          modelVersion: '3.1.0',
          failed: false,
          createdAt: '2026-11-27T00:00:00.000Z',
        },
      });
      expect(await store.addEvent(input)).toEqual({
        created: false,
        event: first.event,
      });
      await expect(store.addEvent({ ...input, failed: true })).rejects.toThrow(
        'idempotencyKey "deploy-1" was already used for a different payload',
      );
      // The same key on another model is another event.
      expect(
        (await store.addEvent({ ...input, entityRef: fraud })).created,
      ).toBe(true);
      // Events without a key are always stored.
      const unkeyed = event({ type: 'deployment', at: '2026-11-04T00:00:00Z' });
      await store.addEvent(unkeyed);
      expect((await store.addEvent(unkeyed)).created).toBe(true);
    });

    it('reads a window with the earlier openings of incidents resolved in it', async () => {
      const { store } = await createStore();
      const add = (input: Parameters<typeof event>[0]) =>
        store.addEvent(event(input));
      await add({
        type: 'incident-opened',
        incidentId: 'A',
        at: '2026-10-01T00:00:00Z',
      });
      await add({
        type: 'incident-opened',
        incidentId: 'B',
        at: '2026-10-02T00:00:00Z',
      });
      await add({
        type: 'incident-opened',
        incidentId: 'A',
        at: '2026-10-03T00:00:00Z',
        entityRef: fraud,
      });
      await add({ type: 'deployment', at: '2026-10-05T00:00:00Z' });
      await add({
        type: 'incident-resolved',
        incidentId: 'A',
        at: '2026-11-02T00:00:00Z',
      });
      await add({
        type: 'deployment',
        at: '2026-11-03T00:00:00Z',
        failed: true,
      });
      await add({ type: 'deployment', at: '2026-12-01T00:00:00Z' });

      const events = await store.listEventsForWindow(
        [churn, fraud],
        '2026-11-01T00:00:00.000Z',
        '2026-11-27T00:00:00.000Z',
      );
      expect(
        events.map(e => [e.entityRef, e.type, e.incidentId, e.at]),
      ).toEqual([
        [churn, 'incident-opened', 'A', '2026-10-01T00:00:00.000Z'],
        [churn, 'incident-resolved', 'A', '2026-11-02T00:00:00.000Z'],
        [churn, 'deployment', undefined, '2026-11-03T00:00:00.000Z'],
      ]);
      expect(events[2].failed).toBe(true);
    });

    it('migrates down and up again', async () => {
      const { knex } = await createStore();
      await rollbackDatabase(knex);
      expect(await knex.schema.hasTable('modelops_delivery_events')).toBe(
        false,
      );
      await migrateDatabase(knex);
      expect(await knex.schema.hasTable('modelops_delivery_events')).toBe(true);
    });
  },
);
