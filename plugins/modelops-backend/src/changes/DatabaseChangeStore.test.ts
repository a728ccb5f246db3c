import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDatabase, rollbackDatabase } from '../service/migrateDatabase';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import type { NewChangeRequest } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const churn = 'mlmodel:default/churn';

function request(overrides: Partial<NewChangeRequest> = {}): NewChangeRequest {
  return {
    entityRef: churn,
    kind: 'promote',
    modelVersion: '3.1.0',
    evidenceLinks: ['https://mlflow.example.com/runs/42'],
    reason: 'Better recall on the holdout set',
    requesterRef: 'user:default/ana',
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('DatabaseChangeStore on %p', id => {
  async function createStore() {
    const knex = await initTestDatabase(databases, id);
    let minute = 0;
    const store = DatabaseChangeStore.create({
      knex,
      now: () => new Date(Date.UTC(2026, 10, 2, 9, minute++)),
    });
    return { knex, store };
  }

  it('stores a pending request and decides it exactly once', async () => {
    const { store } = await createStore();
    const created = await store.addChange(request());
    expect(created).toEqual({
      id: expect.any(String),
      entityRef: churn,
      kind: 'promote',
      modelVersion: '3.1.0',
      evidenceLinks: ['https://mlflow.example.com/runs/42'],
      reason: 'Better recall on the holdout set',
      status: 'pending',
      requesterRef: 'user:default/ana',
      createdAt: '2026-11-02T09:00:00.000Z',
    });
    const approved = await store.decide(created.id, {
      status: 'approved',
      decidedBy: 'user:default/bo',
      comment: 'Evidence checked',
    });
    expect(approved).toEqual({
      ...created,
      status: 'approved',
      decidedBy: 'user:default/bo',
      decidedAt: '2026-11-02T09:01:00.000Z',
      decisionComment: 'Evidence checked',
    });
    expect(
      await store.decide(created.id, {
        status: 'rejected',
        decidedBy: 'user:default/cy',
      }),
    ).toBeUndefined();
    expect(await store.getChange(created.id)).toEqual(approved);
    expect(await store.getChange('nope')).toBeUndefined();
  });

  it('lists newest first and filters by status', async () => {
    const { store } = await createStore();
    const first = await store.addChange(request());
    const second = await store.addChange(
      request({ kind: 'rollback', modelVersion: '3.0.2', evidenceLinks: [] }),
    );
    await store.addChange(request({ entityRef: 'mlmodel:default/other' }));
    expect(
      (await store.listChanges({ entityRef: churn, limit: 10 })).map(c => c.id),
    ).toEqual([second.id, first.id]);
    await store.decide(first.id, {
      status: 'rejected',
      decidedBy: 'user:default/bo',
    });
    expect(
      await store.listChanges({
        entityRef: churn,
        status: 'pending',
        limit: 10,
      }),
    ).toEqual([second]);
    // The rejection (minute 3) is the latest event, then the other model's
    // request (minute 2), then the second request (minute 1).
    const recent = await store.listRecentChanges(3);
    expect(recent.map(c => [c.entityRef, c.id])).toEqual([
      [churn, first.id],
      ['mlmodel:default/other', expect.any(String)],
      [churn, second.id],
    ]);
  });

  it('reads approved promotions and pending counts in bulk', async () => {
    const { store } = await createStore();
    const promote = await store.addChange(request());
    const rollback = await store.addChange(
      request({ kind: 'rollback', modelVersion: '2.9.0' }),
    );
    const rejected = await store.addChange(request({ modelVersion: '4.0.0' }));
    await store.addChange(request({ modelVersion: '5.0.0' }));
    for (const [change, status] of [
      [promote, 'approved'],
      [rollback, 'approved'],
      [rejected, 'rejected'],
    ] as const) {
      await store.decide(change.id, { status, decidedBy: 'user:default/bo' });
    }
    expect(
      await store.approvedPromotions([churn, 'mlmodel:default/none']),
    ).toEqual(new Map([[churn, new Set(['3.1.0'])]]));
    expect(await store.pendingCounts([churn, 'mlmodel:default/none'])).toEqual(
      new Map([[churn, 1]]),
    );
    // The approved promotion, not the later approved rollback.
    expect(
      await store.latestApprovedPromotionAt([churn, 'mlmodel:default/none']),
    ).toEqual(
      new Map([[churn, (await store.getChange(promote.id))!.decidedAt]]),
    );
  });

  it('reports the models with requests made or decided strictly after a time, each once', async () => {
    const { store } = await createStore();
    const stale = await store.addChange(
      request({ entityRef: 'mlmodel:default/stale' }),
    ); // minute 0
    await store.decide(stale.id, {
      status: 'approved',
      decidedBy: 'user:default/bo',
    }); // minute 1
    const olderFraud = await store.addChange(
      request({ entityRef: 'mlmodel:default/fraud' }),
    ); // minute 2
    const atSince = await store.addChange(
      request({ entityRef: 'mlmodel:default/boundary' }),
    ); // minute 3
    const since = atSince.createdAt;
    expect(since).toBe('2026-11-02T09:03:00.000Z');

    const promote = await store.addChange(request()); // minute 4
    await store.addChange(request({ kind: 'rollback', modelVersion: '3.0.2' })); // minute 5
    await store.decide(promote.id, {
      status: 'approved',
      decidedBy: 'user:default/bo',
    }); // minute 6
    // A decision on a request made before `since` counts too.
    await store.decide(olderFraud.id, {
      status: 'rejected',
      decidedBy: 'user:default/bo',
    }); // minute 7

    expect((await store.entityRefsChangedSince(since)).sort()).toEqual([
      churn,
      'mlmodel:default/fraud',
    ]);
    // Only the decision is after minute 6.
    expect(
      await store.entityRefsChangedSince('2026-11-02T09:06:00.000Z'),
    ).toEqual(['mlmodel:default/fraud']);
    expect(
      await store.entityRefsChangedSince('2026-11-02T09:07:00.000Z'),
    ).toEqual([]);
  });

  it('migrates down and up again', async () => {
    const { knex } = await createStore();
    await rollbackDatabase(knex);
    expect(await knex.schema.hasTable('modelops_change_requests')).toBe(false);
    await migrateDatabase(knex);
    expect(await knex.schema.hasTable('modelops_change_requests')).toBe(true);
  });
});
