import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { CheckDefinition } from '@modelops/plugin-modelops-common';
import {
  ruleCheck,
  type ModelopsFactProvider,
} from '@modelops/plugin-modelops-node';
import { initTestDatabase } from '../service/__testUtils__';
import { DefaultCampaignNotifier } from './CampaignNotifier';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { LinksFactProvider } from './facts/LinksFactProvider';
import { OwnershipFactProvider } from './facts/OwnershipFactProvider';
import { DefaultScorecardEngine } from './ScorecardEngine';
import { mlGroup, productionModel } from './testFixtures';

jest.setTimeout(60_000);

const fallbackDefinition: CheckDefinition = {
  id: 'test.fallback',
  title: 'Fallback',
  description: 'Fallback defined',
  rationale: { practice: 'Module 3: fallback' },
  appliesTo: { kinds: ['MLModel'] },
  rule: { fact: 'entity.spec.fallback', op: 'exists' },
  severity: 'critical',
  remediation: { text: 'Set spec.fallback' },
  pack: 'test',
  level: 'bronze',
};
const fallbackCheck = ruleCheck(fallbackDefinition);
const runbookCheck = ruleCheck({
  ...fallbackDefinition,
  id: 'test.runbook',
  rule: { fact: 'links.runbook', op: 'exists' },
  severity: 'warning',
  level: 'silver',
});
const ownerCheck = ruleCheck({
  ...fallbackDefinition,
  id: 'test.owner',
  rule: { fact: 'ownership.ownerMemberCount', op: 'gte', value: 1 },
  level: 'gold',
});
const datasetOnly = ruleCheck({
  ...fallbackDefinition,
  id: 'test.dataset',
  appliesTo: { kinds: ['Dataset'] },
});

describe('DefaultScorecardEngine', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    entities: Entity[],
    now = new Date('2026-11-20T00:00:00Z'),
    extra: {
      factProviders?: ModelopsFactProvider[];
      checks?: ReturnType<typeof ruleCheck>[];
      maxChangedEntities?: number;
      backfillDays?: number;
    } = {},
  ) {
    const store = DatabaseScorecardStore.create(
      await initTestDatabase(databases, 'SQLITE_3'),
    );
    const catalog = catalogServiceMock({ entities: [mlGroup, ...entities] });
    const auth = mockServices.auth();
    const sent: NotificationSendOptions[] = [];
    const notifier = DefaultCampaignNotifier.create({
      store,
      notifications: { send: async n => void sent.push(n) },
      logger: mockServices.logger.mock(),
    });
    let clock = now;
    const engine = DefaultScorecardEngine.create({
      store,
      catalog,
      auth,
      logger: mockServices.logger.mock(),
      checks: [
        fallbackCheck,
        runbookCheck,
        ownerCheck,
        datasetOnly,
        ...(extra.checks ?? []),
      ],
      factProviders: [
        LinksFactProvider.create(),
        OwnershipFactProvider.create({ catalog, auth }),
        ...(extra.factProviders ?? []),
      ],
      pageSize: 2,
      maxChangedEntities: extra.maxChangedEntities,
      backfillDays: extra.backfillDays,
      onRegressions: (regressions, at) => notifier.notify(regressions, at),
      now: () => clock,
    });
    return { store, catalog, engine, sent, setNow: (d: Date) => (clock = d) };
  }

  it('evaluates every page, scores levels and keeps only changes in history', async () => {
    const { store, engine } = await setup([
      productionModel('a'),
      productionModel('b', { fallback: undefined }),
      {
        ...productionModel('c'),
        metadata: { name: 'c', namespace: 'default' },
      },
    ]);
    const first = await engine.evaluateAll();
    expect(first).toMatchObject({ entities: 3, results: 9, changed: 9 });
    expect(await store.getEntity('mlmodel:default/a')).toMatchObject({
      owner: 'group:default/ml',
      system: 'system:default/lending',
      score: 100,
      packs: [{ pack: 'test', level: 'gold' }],
    });
    expect(await store.getEntity('mlmodel:default/b')).toMatchObject({
      packs: [{ level: 'none' }],
    });
    expect(await store.getEntity('mlmodel:default/c')).toMatchObject({
      packs: [{ level: 'bronze' }],
    });
    const failing = (await store.getResults(['mlmodel:default/b']))
      .get('mlmodel:default/b')!
      .find(r => r.state === 'fail');
    expect(failing).toMatchObject({
      checkId: 'test.fallback',
      message: 'expected spec.fallback to be set; found nothing',
    });

    const second = await engine.evaluateAll();
    expect(second).toMatchObject({ entities: 3, results: 9, changed: 0 });
  });

  it('replays the configured days before the first evaluation, each as of its end, once', async () => {
    // Evidence dated 15 November: a provider answers as of `context.now`,
    // as the shipped ones do.
    const recordedAt = new Date('2026-11-15T12:00:00Z');
    const dated: ModelopsFactProvider = {
      id: 'dated',
      async getFacts(entities, context) {
        return new Map(
          entities.map(e => [
            `mlmodel:default/${e.metadata.name}`,
            context.now >= recordedAt ? { report: 'ok' } : {},
          ]),
        );
      },
    };
    const evidenceCheck = ruleCheck({
      ...fallbackDefinition,
      id: 'test.evidence',
      title: 'Evidence recorded',
      rule: { fact: 'dated.report', op: 'exists' },
      pack: 'evidence',
    });
    const { store, engine, sent } = await setup(
      [productionModel('a')],
      new Date('2026-11-20T09:00:00Z'),
      { factProviders: [dated], checks: [evidenceCheck], backfillDays: 10 },
    );
    await engine.evaluateAll();

    // Ten replayed days and today, one daily point each.
    const trend = await store.getTrend('pack', 'evidence', '2026-01-01');
    expect(trend.map(p => p.day)).toEqual([
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
      '2026-11-14',
      '2026-11-15',
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
    ]);
    expect(trend.map(p => p.passing)).toEqual([
      0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1,
    ]);
    // The check moved on the day the evidence was dated, and the level with it.
    const changes = await store.getChanges({
      entityRef: 'mlmodel:default/a',
      since: '2026-01-01T00:00:00.000Z',
      transitionsOnly: true,
    });
    expect(changes).toEqual([
      expect.objectContaining({
        checkId: 'test.evidence',
        from: 'fail',
        to: 'pass',
        at: '2026-11-15T23:59:59.999Z',
      }),
    ]);
    expect(
      await store.getLevelChanges({ pack: 'evidence', since: '2026-01-01' }),
    ).toEqual([
      {
        entityRef: 'mlmodel:default/a',
        pack: 'evidence',
        from: 'none',
        to: 'bronze',
        at: '2026-11-15T23:59:59.999Z',
        checks: [{ checkId: 'test.evidence', to: 'pass' }],
      },
    ]);
    // Replayed days notify nobody; the stored results are today's.
    expect(sent).toEqual([]);
    expect(await store.getEntity('mlmodel:default/a')).toMatchObject({
      evaluatedAt: '2026-11-20T09:00:00.000Z',
    });
    // History exists now: a later evaluation replays nothing.
    await engine.evaluateAll();
    expect(await store.getTrend('pack', 'evidence', '2026-01-01')).toHaveLength(
      11,
    );
  });

  it('reads stored results back only for entities whose outcome changed', async () => {
    const b = productionModel('b');
    const { store, engine } = await setup([productionModel('a'), b]);
    await engine.evaluateAll();
    const reads = jest.spyOn(store, 'getResults');
    await expect(engine.evaluateAll()).resolves.toMatchObject({
      results: 6,
      changed: 0,
    });
    expect(reads).not.toHaveBeenCalled();

    (b.spec as Record<string, unknown>).fallback = undefined;
    await expect(engine.evaluateAll()).resolves.toMatchObject({ changed: 1 });
    expect(reads.mock.calls).toEqual([[['mlmodel:default/b']]]);
    const history = await store.getChanges({
      entityRef: 'mlmodel:default/b',
      since: '2026-01-01T00:00:00.000Z',
    });
    expect(history.map(c => [c.checkId, c.from ?? 'new', c.to])).toEqual(
      expect.arrayContaining([['test.fallback', 'pass', 'fail']]),
    );
  });

  it('recomputes the summaries after a full run and moves them with a single-entity evaluation', async () => {
    const b = productionModel('b', { fallback: undefined });
    const { store, engine } = await setup([productionModel('a'), b]);
    await engine.evaluateAll();
    const team = async () =>
      (await store.getSummary('team', '2026-11-20T00:00:00.000Z')).rows;
    expect(await team()).toEqual([
      {
        key: 'group:default/ml',
        entities: 2,
        score: Math.round(
          (100 + (await store.getEntity('mlmodel:default/b'))!.score) / 2,
        ),
        passing: 5,
        failing: 1,
        waived: 0,
      },
    ]);
    // The catalog now has b's fallback; evaluating b alone updates the
    // summaries in the transaction that stores its results.
    (b.spec as Record<string, unknown>).fallback = 'Manual review.';
    await engine.evaluateEntity('mlmodel:default/b');
    expect(await team()).toEqual([
      {
        key: 'group:default/ml',
        entities: 2,
        score: 100,
        passing: 6,
        failing: 0,
        waived: 0,
      },
    ]);
  });

  it('forgets entities that left the catalog and evaluates one entity on demand', async () => {
    const { store, catalog, engine, setNow } = await setup([
      productionModel('a'),
      productionModel('b'),
    ]);
    await engine.evaluateAll();
    await expect(
      engine.evaluateEntity('mlmodel:default/missing'),
    ).rejects.toThrow('No MLModel or Dataset');
    setNow(new Date('2026-11-21T00:00:00Z'));
    await expect(
      engine.evaluateEntity('mlmodel:default/a'),
    ).resolves.toMatchObject({ entities: 1, results: 3, changed: 0 });
    expect((await store.getEntity('mlmodel:default/a'))?.evaluatedAt).toBe(
      '2026-11-21T00:00:00.000Z',
    );

    const withoutB = catalogServiceMock({
      entities: [mlGroup, productionModel('a')],
    });
    jest
      .spyOn(catalog, 'queryEntities')
      .mockImplementation((req, opts) => withoutB.queryEntities(req, opts));
    setNow(new Date('2026-11-22T00:00:00Z'));
    await engine.evaluateAll();
    expect(await store.getEntity('mlmodel:default/b')).toBeUndefined();
    expect((await store.getResults(['mlmodel:default/b'])).size).toBe(0);
    expect(await store.getEntity('mlmodel:default/a')).toBeDefined();
  });

  it('notifies the owning group of a regression and of a due campaign exactly once', async () => {
    const { store, catalog, engine, sent, setNow } = await setup([
      productionModel('a'),
    ]);
    await engine.evaluateAll();
    await store.createCampaign(
      {
        title: 'Fallbacks everywhere',
        checkIds: ['test.fallback'],
        entityFilter: { kinds: ['MLModel'] },
        dueDate: '2026-11-25T00:00:00.000Z',
        owner: 'group:default/risk',
        createdBy: 'user:default/ada',
      },
      '2026-11-20T00:00:00.000Z',
    );
    // The fallback disappears: a regression within the campaign, 4 days before due.
    const broken = productionModel('a', { fallback: undefined });
    const regressed = catalogServiceMock({ entities: [mlGroup, broken] });
    jest
      .spyOn(catalog, 'queryEntities')
      .mockImplementation((req, opts) => regressed.queryEntities(req, opts));
    setNow(new Date('2026-11-21T00:00:00Z'));
    await engine.evaluateAll();
    expect(sent.map(n => [n.recipients, n.payload.topic])).toEqual([
      [
        { type: 'entity', entityRef: 'group:default/ml' },
        'modelops-campaign-regression',
      ],
      [
        { type: 'entity', entityRef: 'group:default/ml' },
        'modelops-campaign-reminder',
      ],
    ]);
    expect(sent[0].payload.description).toContain(
      'mlmodel:default/a (test.fallback)',
    );
    expect(sent[1].payload.title).toBe(
      'Campaign "Fallbacks everywhere" is due in 4 day(s)',
    );

    // Re-runs find nothing new to send, until the campaign becomes overdue.
    await engine.evaluateAll();
    setNow(new Date('2026-11-22T00:00:00Z'));
    await engine.evaluateAll();
    expect(sent).toHaveLength(2);
    setNow(new Date('2026-11-26T00:00:00Z'));
    await engine.evaluateAll();
    await engine.evaluateAll();
    expect(sent).toHaveLength(3);
    expect(sent[2].payload.title).toBe(
      'Campaign "Fallbacks everywhere" is overdue',
    );
  });

  it('keeps the previous results of a page whose facts cannot be gathered', async () => {
    const { store, engine } = await setup([productionModel('a')]);
    await engine.evaluateAll();
    const failing = DefaultScorecardEngine.create({
      store,
      catalog: catalogServiceMock({
        entities: [productionModel('a', { fallback: undefined })],
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      checks: [fallbackCheck],
      factProviders: [
        {
          id: 'broken',
          getFacts: async () => Promise.reject(new Error('down')),
        },
      ],
      now: () => new Date('2026-11-22T00:00:00Z'),
    });
    await expect(failing.evaluateAll()).resolves.toMatchObject({ entities: 0 });
    expect(await store.getEntity('mlmodel:default/a')).toMatchObject({
      score: 100,
    });
  });

  it('refuses duplicate check ids and reserved fact provider ids', () => {
    const base = {
      store: {} as any,
      catalog: {} as any,
      auth: {} as any,
      logger: {} as any,
    };
    expect(() =>
      DefaultScorecardEngine.create({
        ...base,
        checks: [fallbackCheck, fallbackCheck],
        factProviders: [],
      }),
    ).toThrow('Scorecard check id test.fallback is registered twice');
    expect(() =>
      DefaultScorecardEngine.create({
        ...base,
        checks: [],
        factProviders: [{ id: 'entity', getFacts: async () => new Map() }],
      }),
    ).toThrow('Fact provider id entity is registered twice or reserved');
  });

  describe('evaluateChanged', () => {
    const withEtag = (entity: Entity, etag: string): Entity => ({
      ...entity,
      metadata: { ...entity.metadata, etag },
    });

    it('evaluates what changed in the catalog: a new etag or a new entity', async () => {
      const a = withEtag(productionModel('a'), 'a1');
      const { store, catalog, engine, setNow } = await setup([
        a,
        withEtag(productionModel('b'), 'b1'),
      ]);
      await engine.evaluateAll();
      setNow(new Date('2026-11-20T00:02:00Z'));
      await expect(engine.evaluateChanged()).resolves.toMatchObject({
        found: 0,
        entities: 0,
        deferred: false,
      });

      // a loses its fallback (the catalog stitches a new etag); c appears.
      a.metadata.etag = 'a2';
      (a.spec as Record<string, unknown>).fallback = undefined;
      const changed = catalogServiceMock({
        entities: [
          mlGroup,
          a,
          withEtag(productionModel('b'), 'b1'),
          withEtag(productionModel('c'), 'c1'),
        ],
      });
      jest
        .spyOn(catalog, 'queryEntities')
        .mockImplementation((req, opts) => changed.queryEntities(req, opts));
      jest
        .spyOn(catalog, 'getEntitiesByRefs')
        .mockImplementation((req, opts) =>
          changed.getEntitiesByRefs(req, opts),
        );
      setNow(new Date('2026-11-20T00:04:00Z'));
      await expect(engine.evaluateChanged()).resolves.toMatchObject({
        found: 2,
        entities: 2,
        results: 6,
      });
      expect(await store.getEntity('mlmodel:default/a')).toMatchObject({
        etag: 'a2',
        evaluatedAt: '2026-11-20T00:04:00.000Z',
        packs: [{ level: 'none' }],
      });
      expect(await store.getEntity('mlmodel:default/c')).toMatchObject({
        etag: 'c1',
      });
      expect((await store.getEntity('mlmodel:default/b'))?.evaluatedAt).toBe(
        '2026-11-20T00:00:00.000Z',
      );
      // The summaries moved with the change: one failing result now.
      expect(
        (await store.getSummary('team', '2026-11-20T00:04:00.000Z')).rows,
      ).toMatchObject([{ key: 'group:default/ml', entities: 3, failing: 1 }]);
    });

    it('asks fact providers and waivers what changed since its previous scan', async () => {
      const asked: Date[] = [];
      const evidence: ModelopsFactProvider = {
        id: 'evidence-feed',
        getFacts: async () => new Map(),
        changedSince: async since => {
          asked.push(since);
          // Fact sources hold refs lower-cased.
          return ['mlmodel:default/a'];
        },
      };
      const { store, engine, setNow } = await setup(
        [
          withEtag(productionModel('a'), 'a1'),
          withEtag(productionModel('b', { fallback: undefined }), 'b1'),
        ],
        undefined,
        { factProviders: [evidence] },
      );
      await engine.evaluateAll();
      // The first scan has no baseline for facts.
      setNow(new Date('2026-11-20T01:00:00Z'));
      await engine.evaluateChanged();
      expect(asked).toEqual([]);

      const waiver = await store.createWaiver(
        {
          entityRef: 'mlmodel:default/b',
          checkId: 'test.fallback',
          reason: 'Fallback is being built',
          requestedBy: 'user:default/ada',
          expiresAt: '2026-11-22T00:00:00.000Z',
        },
        '2026-11-20T01:10:00.000Z',
      );
      await store.decideWaiver(
        waiver.id,
        { status: 'approved', decidedBy: 'user:default/bo' },
        '2026-11-20T01:20:00.000Z',
      );
      setNow(new Date('2026-11-20T02:00:00Z'));
      await expect(engine.evaluateChanged()).resolves.toMatchObject({
        found: 2,
        entities: 2,
      });
      // A minute before the previous scan, for clocks that differ a little.
      expect(asked).toEqual([new Date('2026-11-20T00:59:00Z')]);
      expect((await store.getEntity('mlmodel:default/b'))?.score).toBe(100);

      // Once the waiver expires, the next scan restores the failing score.
      setNow(new Date('2026-11-22T00:01:00Z'));
      await engine.evaluateChanged();
      expect((await store.getEntity('mlmodel:default/b'))?.score).toBeLessThan(
        100,
      );
    });

    it('leaves more changes than it may take to the next full run', async () => {
      const { store, engine } = await setup(
        [productionModel('a'), productionModel('b')],
        undefined,
        { maxChangedEntities: 1 },
      );
      await expect(engine.evaluateChanged()).resolves.toMatchObject({
        found: 2,
        entities: 0,
        deferred: true,
      });
      expect(await store.getEntity('mlmodel:default/a')).toBeUndefined();
      expect(await store.getWatermark('scorecards.changes')).toBe(
        '2026-11-20T00:00:00.000Z',
      );
    });
  });
});
