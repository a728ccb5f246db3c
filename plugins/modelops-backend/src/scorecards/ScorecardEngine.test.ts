import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { CheckDefinition } from '@modelops/plugin-modelops-common';
import { ruleCheck } from '@modelops/plugin-modelops-node';
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
      checks: [fallbackCheck, runbookCheck, ownerCheck, datasetOnly],
      factProviders: [
        LinksFactProvider.create(),
        OwnershipFactProvider.create({ catalog, auth }),
      ],
      pageSize: 2,
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
      message: 'entity.spec.fallback is missing',
    });

    const second = await engine.evaluateAll();
    expect(second).toMatchObject({ entities: 3, results: 9, changed: 0 });
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
});
