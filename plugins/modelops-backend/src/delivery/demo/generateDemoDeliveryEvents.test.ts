import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { deliveryEventInputSchema } from '@modelops/plugin-modelops-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { initTestDatabase } from '../../service/__testUtils__';
import { computeDeliveryMetrics } from '../computeDeliveryMetrics';
import { DatabaseDeliveryStore } from '../DatabaseDeliveryStore';
import {
  DEMO_ELITE_MODEL,
  DEMO_STRUGGLING_MODEL,
  generateDemoDeliveryEvents,
} from './generateDemoDeliveryEvents';
import { loadDemoDelivery } from './loadDemoDelivery';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

// The end day examples/delivery/events.json was generated for.
const EXAMPLE_END_DAY = '2026-11-27';
const examplePath = resolve(
  __dirname,
  '../../../../../examples/delivery/events.json',
);

describe('generateDemoDeliveryEvents', () => {
  const events = generateDemoDeliveryEvents({ endDay: EXAMPLE_END_DAY });

  it('is deterministic and matches examples/delivery/events.json', () => {
    expect(generateDemoDeliveryEvents({ endDay: EXAMPLE_END_DAY })).toEqual(
      events,
    );
    // examples/delivery/README.md says how to regenerate the file.
    expect(JSON.parse(readFileSync(examplePath, 'utf8'))).toEqual(events);
  });

  it('produces valid events with unique keys', () => {
    for (const event of events) {
      expect(deliveryEventInputSchema.safeParse(event).success).toBe(true);
    }
    const keys = new Set(events.map(e => e.idempotencyKey));
    expect(keys.size).toBe(events.length);
  });

  it('tells the two stories in the metrics', () => {
    const metricsOf = (name: string) => {
      const ref = `mlmodel:default/${name}`;
      return computeDeliveryMetrics(
        events
          .filter(e => e.entityRef === ref)
          .map((e, i) => ({
            ...deliveryEventInputSchema.parse(e),
            id: String(i + 1),
            createdAt: e.at,
          })),
        {
          scope: { entityRef: ref },
          entityRefs: [ref],
          to: new Date(`${EXAMPLE_END_DAY}T00:00:00Z`),
          days: 90,
        },
      );
    };
    const elite = metricsOf(DEMO_ELITE_MODEL);
    const struggling = metricsOf(DEMO_STRUGGLING_MODEL);
    expect(elite.deploymentsPerWeek).toBeGreaterThan(3);
    expect(elite.changeFailureRate).toBeLessThan(0.1);
    expect(elite.meanTimeToRecoverHours).toBeLessThan(5);
    expect(struggling.changeFailureRate).toBeGreaterThan(0.2);
    expect(struggling.meanTimeToRecoverHours).toBeGreaterThan(24);
  });
});

describe('loadDemoDelivery', () => {
  it('loads once when switched on and does nothing otherwise', async () => {
    const knex = await initTestDatabase(databases, 'SQLITE_3');
    const logger = mockServices.logger.mock();
    const on = mockServices.rootConfig({
      data: { modelops: { demoData: { delivery: true } } },
    });
    expect(
      await loadDemoDelivery({
        config: mockServices.rootConfig(),
        logger,
        database: knex,
      }),
    ).toBeUndefined();
    const loaded = await loadDemoDelivery({
      config: on,
      logger,
      database: knex,
      endDay: EXAMPLE_END_DAY,
    });
    expect(loaded).toBe(
      generateDemoDeliveryEvents({ endDay: EXAMPLE_END_DAY }).length,
    );
    // A later start, another day: nothing added, nothing moved.
    expect(
      await loadDemoDelivery({
        config: on,
        logger,
        database: knex,
        endDay: '2026-12-24',
      }),
    ).toBe(0);
    const [{ n }] = await knex('modelops_delivery_events').count({ n: '*' });
    expect(Number(n)).toBe(loaded);
    const store = DatabaseDeliveryStore.create({ knex });
    const recent = await store.listEventsForWindow(
      [`mlmodel:default/${DEMO_ELITE_MODEL}`],
      '2026-11-20T00:00:00.000Z',
      '2026-11-28T00:00:00.000Z',
    );
    expect(recent.length).toBeGreaterThan(0);
  });
});
