import { TestDatabases } from '@backstage/backend-test-utils';
import { rollbackDatabase } from '../service/migrateDatabase';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { modelReviewCycle } from './__fixtures__/reviewCycle';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const cycle = modelReviewCycle;
const items = [
  {
    entityRef: 'mlmodel:default/churn',
    entityKind: 'MLModel',
    entityTitle: 'Churn',
    ownerRef: 'group:default/growth-ml',
  },
  {
    entityRef: 'mlmodel:default/fraud',
    entityKind: 'MLModel',
    ownerRef: 'group:default/fraud-ml',
  },
  {
    entityRef: 'mlmodel:default/credit',
    entityKind: 'MLModel',
    ownerRef: 'group:default/risk-ml',
  },
];
const opened = new Date('2026-10-01T01:00:00.000Z');
const beforeDue = new Date('2026-10-05T00:00:00.000Z');
const afterDue = new Date('2026-10-20T00:00:00.000Z');

describe('DatabaseReviewStore', () => {
  it.each(databases.eachSupportedId())(
    'opens a period once, records decisions append-only and reports overdue items, %p',
    async databaseId => {
      const knex = await initTestDatabase(databases, databaseId);
      const store = DatabaseReviewStore.create({ database: knex });

      const first = await store.openCycle(cycle, items, opened);
      expect(first.created).toBe(true);
      expect(first.cycle).toMatchObject({
        cadence: 'MLModel:production',
        period: '2026-10-01',
        status: 'open',
        itemCount: 3,
        decidedCount: 0,
      });
      const again = await store.openCycle(cycle, [items[0]], beforeDue);
      expect(again.created).toBe(false);
      expect(again.cycle.id).toBe(first.cycle.id);
      expect(again.cycle.itemCount).toBe(3);
      expect(await store.hasCycle(cycle.cadence, '2026-10-01')).toBe(true);

      const all = await store.listItems({ openCyclesOnly: true }, beforeDue);
      expect(all.map(i => i.entityRef)).toEqual([
        'mlmodel:default/fraud',
        'mlmodel:default/churn',
        'mlmodel:default/credit',
      ]);
      expect(all.every(i => i.state === 'pending' && !i.overdue)).toBe(true);
      const byRef = Object.fromEntries(all.map(i => [i.entityRef, i.id]));

      const [kept] = await store.recordDecisions(
        [
          {
            itemId: byRef['mlmodel:default/churn'],
            action: 'keep',
            actor: 'user:default/ana',
            authority: 'member',
            note: 'still used',
          },
        ],
        beforeDue,
      );
      expect(kept).toMatchObject({
        state: 'kept',
        decision: 'keep',
        decidedBy: 'user:default/ana',
        note: 'still used',
      });

      await store.recordDecisions(
        [
          {
            itemId: byRef['mlmodel:default/fraud'],
            action: 'transfer',
            actor: 'user:default/bo',
            authority: 'member',
            transferTo: 'group:default/risk-ml',
          },
        ],
        beforeDue,
      );
      const incoming = await store.listItems(
        { transferTo: ['group:default/risk-ml'] },
        beforeDue,
      );
      expect(incoming.map(i => i.state)).toEqual(['transfer-pending']);

      // A bulk request where one item cannot be decided changes nothing.
      await expect(
        store.recordDecisions(
          [
            {
              itemId: byRef['mlmodel:default/credit'],
              action: 'retire',
              actor: 'user:default/cy',
              authority: 'admin',
            },
            {
              itemId: byRef['mlmodel:default/churn'],
              action: 'accept-transfer',
              actor: 'user:default/cy',
              authority: 'member',
            },
          ],
          beforeDue,
        ),
      ).rejects.toThrow(/no transfer waiting for acceptance/);
      const [credit] = await store.getItems(
        [byRef['mlmodel:default/credit']],
        beforeDue,
      );
      expect(credit.state).toBe('pending');

      const [accepted] = await store.recordDecisions(
        [
          {
            itemId: byRef['mlmodel:default/fraud'],
            action: 'accept-transfer',
            actor: 'user:default/dee',
            authority: 'member',
          },
        ],
        afterDue,
      );
      expect(accepted).toMatchObject({
        state: 'transferred',
        acceptedBy: 'user:default/dee',
        overdue: false,
      });
      await expect(
        store.recordDecisions(
          [
            {
              itemId: byRef['mlmodel:default/fraud'],
              action: 'keep',
              actor: 'user:default/bo',
              authority: 'member',
            },
          ],
          afterDue,
        ),
      ).rejects.toThrow(/can no longer be decided \(state transferred\)/);
      await expect(
        store.recordDecisions(
          [
            {
              itemId: '999',
              action: 'keep',
              actor: 'user:default/bo',
              authority: 'member',
            },
          ],
          afterDue,
        ),
      ).rejects.toThrow(/Review item 999 not found/);

      const late = await store.listItems(
        { ownerRefs: ['group:default/risk-ml'] },
        afterDue,
      );
      expect(late[0]).toMatchObject({ state: 'pending', overdue: true });

      expect(
        (await store.listDecisions('mlmodel:default/fraud')).map(d => d.action),
      ).toEqual(['transfer', 'accept-transfer']);
      const latest = await store.latestDecisions([
        'mlmodel:default/fraud',
        'mlmodel:default/churn',
        'mlmodel:default/credit',
      ]);
      expect(latest.get('mlmodel:default/fraud')?.action).toBe('transfer');
      expect(latest.get('mlmodel:default/churn')?.action).toBe('keep');
      expect(latest.has('mlmodel:default/credit')).toBe(false);

      const [cycleNow] = await store.listCycles(afterDue);
      expect(cycleNow).toMatchObject({ itemCount: 3, decidedCount: 2 });
      const [closed] = await store.listCycles(
        new Date('2027-02-01T00:00:00.000Z'),
      );
      expect(closed.status).toBe('closed');
      await expect(
        store.recordDecisions(
          [
            {
              itemId: byRef['mlmodel:default/credit'],
              action: 'keep',
              actor: 'user:default/cy',
              authority: 'member',
            },
          ],
          new Date('2027-02-01T00:00:00.000Z'),
        ),
      ).rejects.toThrow(/closed cycle/);
    },
  );

  it.each(databases.eachSupportedId())(
    'claims each reminder once and releases failed ones, %p',
    async databaseId => {
      const knex = await initTestDatabase(databases, databaseId);
      const store = DatabaseReviewStore.create({ database: knex });
      const { cycle: c } = await store.openCycle(cycle, items, opened);
      const groups = ['group:default/a', 'group:default/b'];
      expect(
        (await store.claimReminders(c.id, groups, 'opened', opened)).sort(),
      ).toEqual(groups);
      expect(
        await store.claimReminders(c.id, groups, 'opened', opened),
      ).toEqual([]);
      expect(
        await store.claimReminders(c.id, groups, 'overdue', opened),
      ).toHaveLength(2);
      await store.releaseReminder(c.id, 'group:default/a', 'opened');
      expect(
        await store.claimReminders(c.id, groups, 'opened', opened),
      ).toEqual(['group:default/a']);
    },
  );

  it.each(databases.eachSupportedId())(
    'reports the entities listed by a new cycle, decided, accepted or given a decision strictly after a time, each once, %p',
    async databaseId => {
      const knex = await initTestDatabase(databases, databaseId);
      const store = DatabaseReviewStore.create({ database: knex });
      const boundary = {
        entityRef: 'mlmodel:default/boundary',
        entityKind: 'MLModel',
        ownerRef: 'group:default/risk-ml',
      };
      await store.openCycle(cycle, [...items, boundary], opened);
      const byRef = Object.fromEntries(
        (await store.listItems({}, opened)).map(i => [i.entityRef, i.id]),
      );
      const decide = (
        entityRef: string,
        action: 'keep' | 'retire' | 'transfer' | 'accept-transfer',
        at: string,
        transferTo?: string,
      ) =>
        store.recordDecisions(
          [
            {
              itemId: byRef[entityRef],
              action,
              actor: 'user:default/ana',
              authority: 'member',
              transferTo,
            },
          ],
          new Date(at),
        );
      const since = '2026-10-03T00:00:00.000Z';

      await decide('mlmodel:default/churn', 'keep', '2026-10-02T00:00:00.000Z');
      await decide(
        'mlmodel:default/fraud',
        'transfer',
        '2026-10-02T00:00:00.000Z',
        'group:default/risk-ml',
      );
      await decide('mlmodel:default/boundary', 'keep', since);
      // Accepting a transfer decided before `since` counts.
      await decide(
        'mlmodel:default/fraud',
        'accept-transfer',
        '2026-10-04T00:00:00.000Z',
      );
      // Two decisions on one item: the entity is reported once.
      await decide(
        'mlmodel:default/credit',
        'keep',
        '2026-10-04T00:00:00.000Z',
      );
      await decide(
        'mlmodel:default/credit',
        'retire',
        '2026-10-05T00:00:00.000Z',
      );

      expect((await store.entityRefsChangedSince(since)).sort()).toEqual([
        'mlmodel:default/credit',
        'mlmodel:default/fraud',
      ]);
      expect(
        await store.entityRefsChangedSince('2026-10-04T00:00:00.000Z'),
      ).toEqual(['mlmodel:default/credit']);
      expect(
        await store.entityRefsChangedSince('2026-10-05T00:00:00.000Z'),
      ).toEqual([]);
      // Opening the cycle moved every listed entity to pending.
      const beforeOpening = new Date(opened.getTime() - 1000).toISOString();
      expect(
        (await store.entityRefsChangedSince(beforeOpening)).sort(),
      ).toEqual([...items, boundary].map(i => i.entityRef).sort());
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down cleanly, %p',
    async databaseId => {
      const knex = await initTestDatabase(databases, databaseId);
      await rollbackDatabase(knex);
      expect(await knex.schema.hasTable('modelops_review_items')).toBe(false);
    },
  );
});
