import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDatabase, rollbackDatabase } from '../service/migrateDatabase';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseFeedbackStore } from './DatabaseFeedbackStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const churn = 'mlmodel:default/churn';
const fraud = 'mlmodel:default/fraud';

describe.each(databases.eachSupportedId())(
  'DatabaseFeedbackStore on %p',
  id => {
    async function createStore() {
      const knex = await initTestDatabase(databases, id);
      // One day per call, so report times differ and order is deterministic.
      let day = 1;
      const store = DatabaseFeedbackStore.create({
        knex,
        now: () => new Date(Date.UTC(2026, 10, day++, 9)),
      });
      return { knex, store };
    }

    it('stores feedback as open and lists it newest first, by state', async () => {
      const { store } = await createStore();
      const first = await store.addFeedback({
        entityRef: churn,
        category: 'wrong-prediction',
        text: 'Scored a loyal customer as churning',
        reporterRef: 'user:default/ana',
      });
      expect(first).toEqual({
        id: expect.any(String),
        entityRef: churn,
        category: 'wrong-prediction',
        text: 'Scored a loyal customer as churning',
        state: 'open',
        reporterRef: 'user:default/ana',
        createdAt: '2026-11-01T09:00:00.000Z',
        updatedAt: '2026-11-01T09:00:00.000Z',
      });
      const second = await store.addFeedback({
        entityRef: churn,
        category: 'outage',
        text: 'Timeouts since noon',
        reporterRef: 'user:default/ben',
      });
      await store.addFeedback({
        entityRef: fraud,
        category: 'usability',
        text: 'Reason codes are cryptic',
        reporterRef: 'user:default/ana',
      });

      expect(
        (await store.listFeedback({ entityRef: churn, limit: 10 })).map(
          f => f.id,
        ),
      ).toEqual([second.id, first.id]);

      const resolved = await store.setState(second.id, {
        state: 'resolved',
        updatedBy: 'user:default/owner',
        comment: 'Scaled the endpoint',
      });
      expect(resolved).toMatchObject({
        state: 'resolved',
        updatedBy: 'user:default/owner',
        comment: 'Scaled the endpoint',
        updatedAt: '2026-11-04T09:00:00.000Z',
        createdAt: second.createdAt,
      });
      expect(
        await store.listFeedback({
          entityRef: churn,
          state: 'open',
          limit: 10,
        }),
      ).toEqual([first]);
      expect(await store.getFeedback(second.id)).toEqual(resolved);
    });

    it('answers undefined for unknown and malformed ids', async () => {
      const { store } = await createStore();
      expect(await store.getFeedback('42')).toBeUndefined();
      expect(await store.getFeedback('abc')).toBeUndefined();
      expect(
        await store.setState('1; drop table', {
          state: 'resolved',
          updatedBy: 'user:default/x',
        }),
      ).toBeUndefined();
    });

    it('summarizes unresolved and overdue feedback per model in bulk', async () => {
      const { store } = await createStore();
      const add = (entityRef: string) =>
        store.addFeedback({
          entityRef,
          category: 'bias-concern',
          text: 'Declines cluster in one postcode',
          reporterRef: 'user:default/ana',
        });
      const old = await add(churn); // Nov 1
      await add(churn); // Nov 2
      const resolvedOld = await add(fraud); // Nov 3
      await store.setState(resolvedOld.id, {
        state: 'resolved',
        updatedBy: 'user:default/owner',
      }); // Nov 4
      await add(churn); // Nov 5
      await store.setState(old.id, {
        state: 'acknowledged',
        updatedBy: 'user:default/owner',
      });

      const summary = await store.summarizeUnresolved(
        [churn, fraud, 'mlmodel:default/unknown'],
        '2026-11-03T00:00:00.000Z',
      );
      expect([...summary.entries()]).toEqual([
        [
          churn,
          {
            unresolved: 3,
            overdue: 2,
            oldestUnresolvedAt: '2026-11-01T09:00:00.000Z',
          },
        ],
      ]);
    });

    it('reports the models whose feedback was reported or changed state strictly after a time, each once', async () => {
      const { store } = await createStore();
      const add = (entityRef: string) =>
        store.addFeedback({
          entityRef,
          category: 'wrong-prediction',
          text: 'Scored a loyal customer as churning',
          reporterRef: 'user:default/ana',
        });
      const olderFraud = await add(fraud); // Nov 1
      await add('mlmodel:default/stale'); // Nov 2
      const atSince = await add('mlmodel:default/boundary'); // Nov 3
      const since = atSince.updatedAt;
      expect(since).toBe('2026-11-03T09:00:00.000Z');

      await add(churn); // Nov 4
      await add(churn); // Nov 5
      // A state change of feedback reported before `since` counts too.
      await store.setState(olderFraud.id, {
        state: 'acknowledged',
        updatedBy: 'user:default/owner',
      }); // Nov 6

      expect((await store.entityRefsChangedSince(since)).sort()).toEqual([
        churn,
        fraud,
      ]);
      expect(
        await store.entityRefsChangedSince('2026-11-06T09:00:00.000Z'),
      ).toEqual([]);
    });

    it('migrates down and up again', async () => {
      const { knex } = await createStore();
      await rollbackDatabase(knex);
      expect(await knex.schema.hasTable('modelops_feedback')).toBe(false);
      await migrateDatabase(knex);
      const store = DatabaseFeedbackStore.create({ knex });
      expect(await store.listFeedback({ entityRef: churn, limit: 1 })).toEqual(
        [],
      );
    });
  },
);
