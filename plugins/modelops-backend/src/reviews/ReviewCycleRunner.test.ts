import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { initTestDatabase } from '../service/__testUtils__';
import {
  reviewEntities,
  reviewTestConfig,
} from './__fixtures__/reviewEntities';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { ReviewCatalog } from './ReviewCatalog';
import { ReviewCycleRunner } from './ReviewCycleRunner';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function createRunner(
  knex: Parameters<typeof DatabaseReviewStore.create>[0]['database'],
  options: {
    demo?: boolean;
    entities?: typeof reviewEntities;
    failFor?: string;
  } = {},
) {
  const sent: NotificationSendOptions[] = [];
  const runner = ReviewCycleRunner.create({
    config: mockServices.rootConfig({
      data: {
        ...reviewTestConfig,
        modelops: {
          ...reviewTestConfig.modelops,
          demoData: { reviews: options.demo ?? false },
        },
      },
    }),
    logger: mockServices.logger.mock(),
    store: DatabaseReviewStore.create({ database: knex }),
    reviewCatalog: ReviewCatalog.create({
      catalog: catalogServiceMock({
        entities: options.entities ?? reviewEntities,
      }),
      auth: mockServices.auth(),
    }),
    notifications: {
      async send(notification) {
        const recipient = notification.recipients as { entityRef: string };
        if (recipient.entityRef === options.failFor) {
          throw new Error('notifications backend unavailable');
        }
        sent.push(notification);
      },
    },
  });
  return { runner, sent };
}

const remindersOf = (sent: NotificationSendOptions[]) =>
  sent
    .map(
      n =>
        `${
          (n.recipients as { entityRef: string }).entityRef
        } ${n.payload.scope?.replace(/^modelops-review-\d+-/, '')}`,
    )
    .sort();

describe('ReviewCycleRunner', () => {
  it.each(databases.eachSupportedId())(
    'opens each period once and never sends a reminder twice, %p',
    async databaseId => {
      const knex = await initTestDatabase(databases, databaseId);
      const { runner, sent } = createRunner(knex, {
        failFor: 'group:default/pricing-ml',
      });

      const first = await runner.run(new Date('2026-10-02T08:00:00.000Z'));
      expect(
        first.opened.map(c => [c.cadence, c.period, c.dueAt, c.itemCount]),
      ).toEqual([
        ['MLModel:production', '2026-10-01', '2026-10-15T00:00:00.000Z', 4],
        ['Dataset:production', '2026-10-01', '2026-10-15T00:00:00.000Z', 1],
      ]);
      expect(remindersOf(sent)).toEqual([
        'group:default/fraud-ml opened',
        'group:default/ghost-team opened',
        'group:default/risk-ml opened',
        'group:default/risk-ml opened',
      ]);
      expect(sent[0]).toMatchObject({
        recipients: { type: 'entity' },
        payload: { link: '/ml-reviews', topic: 'modelops-reviews' },
      });

      // A re-run the same day opens nothing and repeats nothing; the reminder
      // that failed (pricing-ml) was released and is tried again, in vain.
      const again = await runner.run(new Date('2026-10-02T09:00:00.000Z'));
      expect(again).toEqual({ opened: [], remindersSent: 0 });
      const recovered = createRunner(knex);
      await recovered.runner.run(new Date('2026-10-02T10:00:00.000Z'));
      expect(remindersOf(recovered.sent)).toEqual([
        'group:default/pricing-ml opened',
      ]);

      // After the due date, groups with undecided items hear once more.
      const store = DatabaseReviewStore.create({ database: knex });
      const [credit] = await store.listItems(
        { entityRefs: ['mlmodel:default/credit-scorer'] },
        new Date('2026-10-03T00:00:00.000Z'),
      );
      await store.recordDecisions(
        [
          {
            itemId: credit.id,
            action: 'keep',
            actor: 'user:default/ana',
            authority: 'member',
          },
        ],
        new Date('2026-10-03T00:00:00.000Z'),
      );
      sent.length = 0;
      await runner.run(new Date('2026-10-16T00:00:00.000Z'));
      await runner.run(new Date('2026-10-17T00:00:00.000Z'));
      expect(remindersOf(sent)).toEqual([
        'group:default/fraud-ml overdue',
        'group:default/ghost-team overdue',
        'group:default/risk-ml overdue', // the dataset is still undecided
      ]);
      expect(
        sent.find(n => n.payload.scope?.endsWith('overdue'))?.payload.severity,
      ).toBe('high');

      // The next quarter opens a new cycle.
      const next = await runner.run(new Date('2027-01-01T00:10:00.000Z'));
      expect(next.opened.map(c => c.period)).toEqual([
        '2027-01-01',
        '2027-01-01',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'waits for the catalog and seeds demo decisions once, %p',
    async databaseId => {
      const knex = await initTestDatabase(databases, databaseId);
      const now = new Date('2026-11-27T10:00:00.000Z');
      const empty = createRunner(knex, { demo: true, entities: [] });
      expect((await empty.runner.run(now)).opened).toEqual([]);

      const { runner } = createRunner(knex, { demo: true });
      const { opened } = await runner.run(now);
      expect(opened).toHaveLength(2);
      expect(opened[0].dueAt).toBe('2026-11-25T10:00:00.000Z');
      const store = DatabaseReviewStore.create({ database: knex });
      const items = await store.listItems({}, now);
      const states = Object.fromEntries(
        items.map(i => [i.entityRef, [i.state, i.overdue]]),
      );
      expect(states).toEqual({
        'mlmodel:default/credit-scorer': ['retired', false],
        'mlmodel:default/fraud-detector': ['kept', false],
        'mlmodel:default/ghost-model': ['pending', true],
        'mlmodel:default/legacy-pricer': ['pending', true],
        'dataset:default/loan-applications': ['kept', false],
      });
      expect((await runner.run(now)).opened).toEqual([]);
      expect(await knex('modelops_review_decisions').count({ n: '*' })).toEqual(
        [{ n: databaseId === 'POSTGRES_15' ? '3' : 3 }],
      );
    },
  );
});
