import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import type { ScoredEntityRow, StoredCheckResult } from './types';

jest.setTimeout(60_000);

const T0 = '2026-11-01T00:00:00.000Z';
const T1 = '2026-11-02T00:00:00.000Z';

const entity = (
  ref: string,
  owner: string,
  score: number,
): ScoredEntityRow => ({
  entityRef: ref,
  kind: 'MLModel',
  owner,
  system: 'system:default/lending',
  lifecycle: 'production',
  riskTier: 'high',
  score,
  packs: [
    {
      pack: 'ownership',
      level: score === 100 ? 'gold' : 'none',
      score,
      passing: 1,
      failing: 0,
      waived: 0,
    },
  ],
  evaluatedAt: T0,
});
const result = (
  ref: string,
  checkId: string,
  state: 'pass' | 'fail',
): StoredCheckResult => ({
  entityRef: ref,
  checkId,
  pack: 'ownership',
  level: 'bronze',
  severity: 'error',
  state,
  message: state === 'fail' ? 'x is missing' : undefined,
  changedAt: T0,
});

/** Approves, until 1 December, a waiver of the seeded failing check of a. */
async function approveWaiverOfFailingCheck(store: DatabaseScorecardStore) {
  const waiver = await store.createWaiver(
    {
      entityRef: 'mlmodel:default/a',
      checkId: 'c2',
      reason: 'Vendor fix due next sprint',
      requestedBy: 'user:default/ada',
      expiresAt: '2026-12-01T00:00:00.000Z',
    },
    T0,
  );
  await store.decideWaiver(
    waiver.id,
    { status: 'approved', decidedBy: 'user:default/bob' },
    T0,
  );
}

describe('DatabaseScorecardStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function seeded(databaseId: 'SQLITE_3' | 'POSTGRES_15') {
    const store = DatabaseScorecardStore.create(
      await initTestDatabase(databases, databaseId),
    );
    await store.writeBatch({
      entities: [
        entity('mlmodel:default/a', 'group:default/ml', 50),
        entity('mlmodel:default/b', 'group:default/risk', 100),
      ],
      upserts: [
        result('mlmodel:default/a', 'c1', 'pass'),
        result('mlmodel:default/a', 'c2', 'fail'),
        result('mlmodel:default/b', 'c1', 'pass'),
      ],
      removals: [],
      changes: [
        { entityRef: 'mlmodel:default/a', checkId: 'c2', to: 'fail', at: T0 },
      ],
    });
    return store;
  }

  it.each(databases.eachSupportedId())(
    'writes results in batches and reads them back, %p',
    async databaseId => {
      const store = await seeded(databaseId as 'SQLITE_3');
      // A chunk-crossing batch: 1,200 results of one entity.
      const many = Array.from({ length: 1200 }, (_, i) =>
        result('mlmodel:default/c', `k${i}`, 'pass'),
      );
      await store.writeBatch({
        entities: [entity('mlmodel:default/c', 'group:default/ml', 100)],
        upserts: many,
        removals: [],
        changes: [],
      });
      const results = await store.getResults([
        'mlmodel:default/a',
        'mlmodel:default/c',
        'mlmodel:default/none',
      ]);
      expect(results.get('mlmodel:default/c')).toHaveLength(1200);
      expect(
        results.get('mlmodel:default/a')!.find(r => r.checkId === 'c2'),
      ).toEqual(result('mlmodel:default/a', 'c2', 'fail'));
      expect(results.has('mlmodel:default/none')).toBe(false);

      await store.writeBatch({
        entities: [],
        upserts: [
          { ...result('mlmodel:default/a', 'c2', 'pass'), changedAt: T1 },
        ],
        removals: [{ entityRef: 'mlmodel:default/a', checkId: 'c1' }],
        changes: [
          {
            entityRef: 'mlmodel:default/a',
            checkId: 'c2',
            from: 'fail',
            to: 'pass',
            at: T1,
          },
        ],
      });
      const after = (await store.getResults(['mlmodel:default/a'])).get(
        'mlmodel:default/a',
      )!;
      expect(after).toEqual([
        { ...result('mlmodel:default/a', 'c2', 'pass'), changedAt: T1 },
      ]);
      expect(
        await store.getChanges({ entityRef: 'mlmodel:default/a', since: T0 }),
      ).toEqual([
        {
          entityRef: 'mlmodel:default/a',
          checkId: 'c2',
          from: 'fail',
          to: 'pass',
          at: T1,
        },
        { entityRef: 'mlmodel:default/a', checkId: 'c2', to: 'fail', at: T0 },
      ]);
      expect(
        await store.getChanges({ team: 'group:default/risk', since: T0 }),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'summarises by team, system and pack with active waivers, %p',
    async databaseId => {
      const store = await seeded(databaseId as 'SQLITE_3');
      const byTeam = await store.getSummary('team', T1);
      expect(byTeam.rows).toEqual([
        {
          key: 'group:default/ml',
          entities: 1,
          score: 50,
          passing: 1,
          failing: 1,
          waived: 0,
        },
        {
          key: 'group:default/risk',
          entities: 1,
          score: 100,
          passing: 1,
          failing: 0,
          waived: 0,
        },
      ]);
      await approveWaiverOfFailingCheck(store);
      expect((await store.getSummary('system', T1)).rows).toEqual([
        {
          key: 'system:default/lending',
          entities: 2,
          score: 75,
          passing: 2,
          failing: 0,
          waived: 1,
        },
      ]);
      const byPack = await store.getSummary('pack', T1);
      expect(byPack.rows).toEqual([
        {
          key: 'ownership',
          entities: 2,
          score: 100,
          passing: 2,
          failing: 0,
          waived: 1,
          levels: { none: 1, bronze: 0, silver: 0, gold: 1 },
        },
      ]);
      // After expiry the same waiver no longer counts.
      expect(
        (await store.getSummary('team', '2026-12-02T00:00:00.000Z')).rows[0]
          .failing,
      ).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves entities hidden from the caller out of every figure, as if never stored, %p',
    async databaseId => {
      const store = await seeded(databaseId as 'SQLITE_3');
      await approveWaiverOfFailingCheck(store);
      // The same results without the hidden entity.
      const without = DatabaseScorecardStore.create(
        await initTestDatabase(databases, databaseId),
      );
      await without.writeBatch({
        entities: [entity('mlmodel:default/b', 'group:default/risk', 100)],
        upserts: [result('mlmodel:default/b', 'c1', 'pass')],
        removals: [],
        changes: [],
      });
      expect(await store.scoredEntityRefs()).toEqual(
        expect.arrayContaining(['mlmodel:default/a', 'mlmodel:default/b']),
      );
      for (const groupBy of ['team', 'system', 'pack'] as const) {
        const seen = await store.getSummary(groupBy, T1, ['mlmodel:default/a']);
        expect(seen).toEqual(await without.getSummary(groupBy, T1));
      }
      // Hiding nothing changes nothing.
      expect(await store.getSummary('pack', T1, [])).toEqual(
        await store.getSummary('pack', T1),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the summaries equal to a full grouping across moves, removals and forgotten entities, %p',
    async databaseId => {
      const knex = await initTestDatabase(databases, databaseId);
      const store = DatabaseScorecardStore.create(knex);
      const a = 'mlmodel:default/a';
      const b = 'mlmodel:default/b';
      await store.writeBatch({
        entities: [
          entity(a, 'group:default/ml', 50),
          entity(b, 'group:default/risk', 100),
        ],
        upserts: [result(a, 'c1', 'pass'), result(a, 'c2', 'fail')],
        removals: [],
        changes: [],
      });
      await store.writeBatch({
        entities: [entity(b, 'group:default/risk', 100)],
        upserts: [result(b, 'c1', 'pass')],
        removals: [],
        changes: [],
      });
      // a moves team, leaves its system, loses c1 and fails a new critical
      // check in another pack.
      await store.writeBatch({
        entities: [
          {
            ...entity(a, 'group:default/risk', 75),
            system: undefined,
            packs: [
              {
                pack: 'ownership',
                level: 'bronze',
                score: 0,
                passing: 0,
                failing: 1,
                waived: 0,
              },
              {
                pack: 'documentation',
                level: 'none',
                score: 0,
                passing: 0,
                failing: 1,
                waived: 0,
              },
            ],
          },
        ],
        upserts: [
          {
            ...result(a, 'c3', 'fail'),
            pack: 'documentation',
            severity: 'critical',
          },
        ],
        removals: [{ entityRef: a, checkId: 'c1' }],
        changes: [],
      });
      // c is evaluated once, then forgotten by a later full run.
      await store.writeBatch({
        entities: [entity('mlmodel:default/c', 'group:default/ml', 20)],
        upserts: [result('mlmodel:default/c', 'c1', 'fail')],
        removals: [],
        changes: [],
      });
      const again = await store.getResults([a]);
      expect(again.get(a)).toHaveLength(2);
      await knex('modelops_scorecard_entities')
        .whereIn('entity_ref', [a, b])
        .update({ evaluated_at: T1 });
      expect(await store.deleteEntitiesEvaluatedBefore(T1)).toBe(1);

      const expected = {
        team: [
          {
            key: 'group:default/risk',
            entities: 2,
            score: 88,
            passing: 1,
            failing: 2,
            waived: 0,
          },
        ],
        system: [
          {
            key: '(none)',
            entities: 1,
            score: 75,
            passing: 0,
            failing: 2,
            waived: 0,
          },
          {
            key: 'system:default/lending',
            entities: 1,
            score: 100,
            passing: 1,
            failing: 0,
            waived: 0,
          },
        ],
        pack: [
          {
            key: 'documentation',
            entities: 1,
            score: 0,
            passing: 0,
            failing: 1,
            waived: 0,
            levels: { none: 1, bronze: 0, silver: 0, gold: 0 },
          },
          {
            key: 'ownership',
            entities: 2,
            score: 50,
            passing: 1,
            failing: 1,
            waived: 0,
            levels: { none: 0, bronze: 1, silver: 0, gold: 1 },
          },
        ],
      };
      const groupings = ['team', 'system', 'pack'] as const;
      for (const groupBy of groupings) {
        expect((await store.getSummary(groupBy, T1)).rows).toEqual(
          expected[groupBy],
        );
      }
      // A full recompute finds nothing to correct.
      await store.rebuildSummary();
      for (const groupBy of groupings) {
        expect((await store.getSummary(groupBy, T1)).rows).toEqual(
          expected[groupBy],
        );
      }
      // Results stored before the summaries existed are grouped on first read.
      await knex('modelops_scorecard_summaries').delete();
      expect((await store.getSummary('pack', T1)).rows).toEqual(expected.pack);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps daily trend points per team, idempotent per day, %p',
    async databaseId => {
      const store = await seeded(databaseId as 'SQLITE_3');
      await store.writeDailySnapshot('2026-11-01');
      await store.writeDailySnapshot('2026-11-01');
      expect(
        await store.getTrend('team', 'group:default/ml', '2026-10-01'),
      ).toEqual([{ day: '2026-11-01', score: 50, passing: 1, failing: 1 }]);
      expect(await store.getTrend('all', 'all', '2026-10-01')).toEqual([
        { day: '2026-11-01', score: 75, passing: 2, failing: 1 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'forgets entities a full run did not see, %p',
    async databaseId => {
      const store = await seeded(databaseId as 'SQLITE_3');
      await store.writeBatch({
        entities: [
          {
            ...entity('mlmodel:default/b', 'group:default/risk', 100),
            evaluatedAt: T1,
          },
        ],
        upserts: [],
        removals: [],
        changes: [],
      });
      expect(await store.deleteEntitiesEvaluatedBefore(T1)).toBe(1);
      expect(await store.getEntity('mlmodel:default/a')).toBeUndefined();
      expect((await store.getResults(['mlmodel:default/a'])).size).toBe(0);
      expect(await store.getEntity('mlmodel:default/b')).toMatchObject({
        score: 100,
        evaluatedAt: T1,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'runs waivers through request, decision and expiry, %p',
    async databaseId => {
      const store = await seeded(databaseId as 'SQLITE_3');
      const request = {
        entityRef: 'mlmodel:default/a',
        checkId: 'c2',
        reason: 'Vendor fix due next sprint',
        requestedBy: 'user:default/ada',
        expiresAt: '2026-11-10T00:00:00.000Z',
      };
      const waiver = await store.createWaiver(request, T0);
      expect(waiver).toMatchObject({ status: 'pending', requestedAt: T0 });
      await expect(store.createWaiver(request, T0)).rejects.toThrow(
        ConflictError,
      );
      expect(
        (await store.getActiveWaivers(['mlmodel:default/a'], T0)).size,
      ).toBe(0);

      const approved = await store.decideWaiver(
        waiver.id,
        { status: 'approved', decidedBy: 'user:default/bob', comment: 'ok' },
        T1,
      );
      expect(approved).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/bob',
        decidedAt: T1,
        decisionComment: 'ok',
      });
      await expect(
        store.decideWaiver(
          waiver.id,
          { status: 'rejected', decidedBy: 'user:default/bob' },
          T1,
        ),
      ).rejects.toThrow(ConflictError);
      await expect(
        store.decideWaiver('nope', { status: 'approved', decidedBy: 'x' }, T1),
      ).rejects.toThrow(NotFoundError);
      expect(
        (await store.getActiveWaivers(['mlmodel:default/a'], T1))
          .get('mlmodel:default/a')
          ?.get('c2'),
      ).toBe(waiver.id);

      const later = '2026-11-10T00:00:00.000Z';
      expect(
        (await store.getActiveWaivers(['mlmodel:default/a'], later)).size,
      ).toBe(0);
      expect((await store.getWaiver(waiver.id, later))?.status).toBe('expired');
      expect(
        (await store.listWaivers({ status: 'expired' }, later)).items,
      ).toHaveLength(1);
      expect(await store.listWaivers({ status: 'approved' }, later)).toEqual({
        items: [],
        total: 0,
      });
      // An expired waiver no longer blocks a new request.
      const again = await store.createWaiver(request, later);
      expect(again).toMatchObject({ status: 'pending' });

      // The requester withdraws it; it then blocks nothing either.
      await expect(
        store.decideWaiver(
          again.id,
          { status: 'withdrawn', decidedBy: 'user:default/alice' },
          later,
        ),
      ).resolves.toMatchObject({ status: 'withdrawn', decidedAt: later });
      await expect(store.createWaiver(request, later)).resolves.toMatchObject({
        status: 'pending',
      });

      // Pages come newest first with the total of every page.
      const first = await store.listWaivers({ limit: 2 }, later);
      const second = await store.listWaivers({ limit: 2, offset: 2 }, later);
      expect(first.total).toBe(3);
      expect(second.total).toBe(3);
      expect(first.items).toHaveLength(2);
      expect(second.items).toHaveLength(1);
      expect(
        new Set([...first.items, ...second.items].map(w => w.id)).size,
      ).toBe(3);
      expect(
        (await store.listWaivers({ status: 'withdrawn' }, later)).total,
      ).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores campaigns, their results and notification claims, %p',
    async databaseId => {
      const store = await seeded(databaseId as 'SQLITE_3');
      const campaign = await store.createCampaign(
        {
          title: 'Q4 owners',
          checkIds: ['c2'],
          entityFilter: { riskTiers: ['high'] },
          dueDate: '2026-12-01T00:00:00.000Z',
          owner: 'group:default/risk',
          createdBy: 'user:default/ada',
        },
        T0,
      );
      expect(await store.listCampaigns({ status: 'open' })).toEqual([campaign]);
      expect(await store.getCampaignResults(campaign, T0)).toEqual([
        {
          entityRef: 'mlmodel:default/a',
          owner: 'group:default/ml',
          checkId: 'c2',
          state: 'fail',
          waived: false,
        },
      ]);
      const closed = await store.updateCampaign(campaign.id, {
        status: 'closed',
        entityFilter: { owners: ['group:default/risk'] },
      });
      expect(closed).toMatchObject({
        status: 'closed',
        entityFilter: { owners: ['group:default/risk'] },
      });
      expect(await store.getCampaignResults(closed, T0)).toEqual([]);
      await expect(
        store.updateCampaign('nope', { title: 'x' }),
      ).rejects.toThrow(NotFoundError);

      expect(
        await store.claimNotifications(campaign.id, ['a', 'b', 'a'], T0),
      ).toEqual(['a', 'b']);
      expect(
        await store.claimNotifications(campaign.id, ['b', 'c'], T1),
      ).toEqual(['c']);
      await store.deleteCampaign(campaign.id);
      expect(await store.getCampaign(campaign.id)).toBeUndefined();
      await expect(store.deleteCampaign(campaign.id)).rejects.toThrow(
        NotFoundError,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps what change detection compares: etags, result digests, waiver changes and a watermark, %p',
    async databaseId => {
      const store = await seeded(databaseId as 'SQLITE_3');
      await store.writeBatch({
        entities: [
          {
            ...entity('mlmodel:default/c', 'group:default/ml', 100),
            etag: 'c1',
            resultsDigest: 'd1',
          },
        ],
        upserts: [],
        removals: [],
        changes: [],
      });
      expect(
        await store.getEvaluationStamps([
          'mlmodel:default/a',
          'mlmodel:default/c',
          'mlmodel:default/never',
        ]),
      ).toEqual(
        new Map([
          ['mlmodel:default/a', { etag: null, resultsDigest: null }],
          ['mlmodel:default/c', { etag: 'c1', resultsDigest: 'd1' }],
        ]),
      );
      expect((await store.getEntity('mlmodel:default/c'))?.etag).toBe('c1');

      // a: decided after T0; b: approved before T0, expires between T0 and T1.
      const waiver = (ref: string, expiresAt: string) =>
        store.createWaiver(
          {
            entityRef: ref,
            checkId: 'c2',
            reason: 'Being fixed',
            requestedBy: 'user:default/ada',
            expiresAt,
          },
          '2026-10-01T00:00:00.000Z',
        );
      const a = await waiver('mlmodel:default/a', '2026-12-01T00:00:00.000Z');
      const b = await waiver('mlmodel:default/b', '2026-11-01T12:00:00.000Z');
      const decide = (id: string, at: string) =>
        store.decideWaiver(
          id,
          { status: 'approved', decidedBy: 'user:default/bo' },
          at,
        );
      await decide(a.id, '2026-11-01T06:00:00.000Z');
      await decide(b.id, '2026-10-02T00:00:00.000Z');
      expect((await store.getWaiverChangesSince(T0, T1)).sort()).toEqual([
        'mlmodel:default/a',
        'mlmodel:default/b',
      ]);
      // Before b expires, only a's decision is news.
      expect(
        await store.getWaiverChangesSince(T0, '2026-11-01T11:00:00.000Z'),
      ).toEqual(['mlmodel:default/a']);
      expect(await store.getWaiverChangesSince(T1, T1)).toEqual([]);

      expect(await store.getWatermark('scorecards.changes')).toBeUndefined();
      await store.setWatermark('scorecards.changes', T0);
      await store.setWatermark('scorecards.changes', T1);
      expect(await store.getWatermark('scorecards.changes')).toBe(T1);
    },
  );
});
