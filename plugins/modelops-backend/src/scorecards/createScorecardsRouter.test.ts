import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { obligationsApplyingFrom } from '@modelops/plugin-modelops-common';
import request from 'supertest';
import { createTestRouter, initTestDatabase } from '../service/__testUtils__';
import { restrictedCatalog } from '../service/__testUtils__/restrictedCatalog';
import type { ModelOpsRouterOptions } from '../service/types';
import { createScorecardsRouter } from './createScorecardsRouter';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { LinksFactProvider } from './facts/LinksFactProvider';
import { OwnershipFactProvider } from './facts/OwnershipFactProvider';
import { RecordsFactProvider } from './facts/RecordsFactProvider';
import { shippedChecks } from './packs/shippedChecks';
import { DefaultScorecardEngine } from './ScorecardEngine';
import { mlGroup, productionModel } from './testFixtures';

jest.setTimeout(60_000);

const MODEL = 'mlmodel:default/scorer';
const otherUser = mockCredentials.user.header('user:default/approver');

describe('createScorecardsRouter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let clock = new Date('2026-11-20T00:00:00Z');

  async function setup(catalog?: ModelOpsRouterOptions['catalog']) {
    const knex = await initTestDatabase(databases, 'SQLITE_3');
    const store = DatabaseScorecardStore.create(knex);
    const factory = (options: ModelOpsRouterOptions) => {
      const engine = DefaultScorecardEngine.create({
        store,
        catalog: options.catalog,
        auth: options.auth,
        logger: options.logger,
        checks: shippedChecks(),
        factProviders: [
          LinksFactProvider.create(),
          RecordsFactProvider.create(),
          OwnershipFactProvider.create({
            catalog: options.catalog,
            auth: options.auth,
          }),
        ],
        now: () => clock,
      });
      return createScorecardsRouter(options, {
        engine,
        store,
        now: () => clock,
      });
    };
    // High risk without an impact assessment: the check a waiver is asked for.
    const t = await createTestRouter(factory, {
      database: knex,
      catalog,
      entities: [
        mlGroup,
        productionModel('scorer', { risk: { tier: 'high' } }),
      ],
    });
    return t;
  }

  beforeEach(() => {
    clock = new Date('2026-11-20T00:00:00Z');
  });

  it('rejects bad input with 400s naming the field and the rule', async () => {
    const { app } = await setup();
    const cases: Array<[request.Test, RegExp]> = [
      [request(app).get('/scorecards/entity'), /entityRef/],
      [
        request(app).get('/scorecards/entity?entityRef=not%20a%20ref'),
        /query.entityRef: must be an entity reference/,
      ],
      [request(app).get('/scorecards/summary?groupBy=planet'), /groupBy/],
      [
        request(app).get('/scorecards/history'),
        /entityRef: give exactly one of entityRef, team or pack/,
      ],
      [
        request(app).post('/scorecards/evaluate').send({ entityRef: 7 }),
        /entityRef/,
      ],
      [
        request(app).post('/scorecards/waivers').send({
          entityRef: MODEL,
          checkId: 'responsible-ai.impact-assessment',
          expiresAt: '2026-12-01',
        }),
        /reason/,
      ],
      [
        request(app).post('/scorecards/waivers').send({
          entityRef: MODEL,
          checkId: 'nope',
          reason: 'A good reason here',
          expiresAt: '2026-12-01',
        }),
        /checkId: no check with id nope/,
      ],
      [
        request(app).post('/scorecards/waivers').send({
          entityRef: MODEL,
          checkId: 'responsible-ai.impact-assessment',
          reason: 'A good reason here',
          expiresAt: '2026-11-01',
        }),
        /expiresAt: must be in the future/,
      ],
      [
        request(app).post('/scorecards/waivers').send({
          entityRef: MODEL,
          checkId: 'responsible-ai.impact-assessment',
          reason: 'A good reason here',
          expiresAt: '2028-11-01',
        }),
        /expiresAt: must be at most 365 days ahead/,
      ],
      [
        request(app).post('/scorecards/waivers').send({
          entityRef: MODEL,
          checkId: 'responsible-ai.impact-assessment',
          reason: 'A good reason here',
          expiresAt: 'soon',
        }),
        /expiresAt: must be an ISO 8601 date/,
      ],
      [
        request(app)
          .post('/scorecards/campaigns')
          .send({
            title: 'x',
            checkIds: ['nope'],
            dueDate: '2026-12-01',
            owner: 'group:default/ml',
          }),
        /checkIds: unknown check\(s\) nope/,
      ],
      [
        request(app).post('/scorecards/campaigns').send({
          title: 'x',
          checkIds: [],
          dueDate: '2026-12-01',
          owner: 'group:default/ml',
        }),
        /checkIds/,
      ],
      [
        request(app)
          .post('/scorecards/campaigns')
          .send({
            title: 'x',
            checkIds: ['ownership.system'],
            dueDate: '2026-12-01',
            owner: 'group:default/ml',
            extra: 1,
          }),
        /extra/,
      ],
      [
        request(app).post('/scorecards/campaigns').send({
          title: 'x',
          dueDate: '2026-12-01',
          owner: 'group:default/ml',
        }),
        /checkIds: give checkIds, obligationsApplyingFrom or both/,
      ],
      [
        request(app).post('/scorecards/campaigns').send({
          title: 'x',
          obligationsApplyingFrom: '2027-02-30',
          dueDate: '2026-12-01',
          owner: 'group:default/ml',
        }),
        /obligationsApplyingFrom: not a calendar day/,
      ],
      [
        request(app).post('/scorecards/campaigns').send({
          title: 'x',
          obligationsApplyingFrom: '2030-01-01',
          dueDate: '2026-12-01',
          owner: 'group:default/ml',
        }),
        /obligationsApplyingFrom: no check cites an obligation that applies from 2030-01-01/,
      ],
    ];
    for (const [req, message] of cases) {
      const res = await req;
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status: 400,
        message: expect.stringMatching(message),
      });
    }
  });

  it('answers 401 without credentials and 403 without permission', async () => {
    const { app, setPermissionDecision, auditEvents } = await setup();
    await request(app)
      .get('/scorecards/summary')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    setPermissionDecision(AuthorizeResult.DENY);
    await request(app).post('/scorecards/evaluate').send({}).expect(403);
    await request(app)
      .post('/scorecards/campaigns')
      .send({
        title: 'x',
        checkIds: ['ownership.system'],
        dueDate: '2026-12-01',
        owner: 'group:default/ml',
      })
      .expect(403);
    expect(auditEvents).toEqual([]);
  });

  it('evaluates on demand and shows levels, failing checks and remediation', async () => {
    const { app, auditEvents } = await setup();
    const run = await request(app)
      .post('/scorecards/evaluate')
      .send({ entityRef: 'MLModel:default/scorer' })
      .expect(200);
    expect(run.body).toMatchObject({ entities: 1 });
    expect(auditEvents).toEqual([
      expect.objectContaining({
        eventId: 'scorecard-evaluate',
        status: 'succeeded',
      }),
    ]);
    await request(app)
      .post('/scorecards/evaluate')
      .send({ entityRef: 'mlmodel:default/ghost' })
      .expect(404);

    const card = await request(app)
      .get(`/scorecards/entity?entityRef=${MODEL}`)
      .expect(200);
    expect(card.body.evaluatedAt).toBe('2026-11-20T00:00:00.000Z');
    const impact = card.body.failing.find(
      (f: any) => f.checkId === 'responsible-ai.impact-assessment',
    );
    expect(impact).toMatchObject({
      effectiveState: 'fail',
      severity: 'critical',
      check: {
        title: 'Impact assessment on file',
        remediation: {
          text: expect.stringContaining('spec.risk.impactAssessment'),
        },
      },
    });
    expect(
      card.body.packs.find((p: any) => p.pack === 'responsible-ai').level,
    ).toBe('none');
    expect(card.body.failing[0].severity).toBe('critical');

    const all = await request(app)
      .post('/scorecards/evaluate')
      .send({})
      .expect(200);
    expect(all.body).toMatchObject({ entities: 1, changed: 0 });
    const summary = await request(app)
      .get('/scorecards/summary?groupBy=team')
      .expect(200);
    expect(summary.body.rows).toEqual([
      expect.objectContaining({ key: 'group:default/ml', entities: 1 }),
    ]);
    const history = await request(app)
      .get(`/scorecards/history?team=group:default/ml`)
      .expect(200);
    expect(history.body.trend).toEqual([
      expect.objectContaining({ day: '2026-11-20' }),
    ]);
    // First results say what was, not what moved: no transition yet.
    expect(history.body.changes).toEqual([]);
  });

  it('needs a second person to approve a waiver, which lapses at expiry', async () => {
    const { app, auditEvents, permissionRequests } = await setup();
    await request(app).post('/scorecards/evaluate').send({}).expect(200);
    const created = await request(app)
      .post('/scorecards/waivers')
      .send({
        entityRef: MODEL,
        checkId: 'responsible-ai.impact-assessment',
        reason: 'Assessment booked with the review board',
        expiresAt: '2026-12-01T00:00:00Z',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      status: 'pending',
      requestedBy: 'user:default/mock',
    });
    expect(permissionRequests.at(-1)).toMatchObject({
      permission: { name: 'modelops.waiver.request' },
      resourceRef: MODEL,
    });

    const self = await request(app)
      .post(`/scorecards/waivers/${created.body.id}/approve`)
      .send({})
      .expect(403);
    expect(self.body.error.message).toBe(
      'A waiver must be approved by someone other than the person who requested it',
    );
    // The same person with their ref spelled in another case.
    await request(app)
      .post(`/scorecards/waivers/${created.body.id}/approve`)
      .set('Authorization', mockCredentials.user.header('User:Default/Mock'))
      .send({})
      .expect(403);
    await request(app)
      .post(`/scorecards/waivers/${created.body.id}/approve`)
      .set('Authorization', otherUser)
      .send({ comment: 'ok' })
      .expect(200);
    await request(app)
      .post(`/scorecards/waivers/${created.body.id}/approve`)
      .set('Authorization', otherUser)
      .send({})
      .expect(409);
    await request(app)
      .post(`/scorecards/waivers/${created.body.id}/shrug`)
      .send({})
      .expect(404);

    const waived = await request(app)
      .get(`/scorecards/entity?entityRef=${MODEL}`)
      .expect(200);
    expect(
      waived.body.failing.find(
        (f: any) => f.checkId === 'responsible-ai.impact-assessment',
      ),
    ).toMatchObject({
      effectiveState: 'waived',
      waiverId: created.body.id,
    });
    expect(waived.body.waivers).toEqual([
      expect.objectContaining({
        status: 'approved',
        decidedBy: 'user:default/approver',
      }),
    ]);

    clock = new Date('2026-12-02T00:00:00Z');
    const lapsed = await request(app)
      .get(`/scorecards/entity?entityRef=${MODEL}`)
      .expect(200);
    expect(
      lapsed.body.failing.find(
        (f: any) => f.checkId === 'responsible-ai.impact-assessment',
      ).effectiveState,
    ).toBe('fail');
    expect(lapsed.body.waivers[0].status).toBe('expired');
    expect(auditEvents.map(e => [e.eventId, e.status])).toEqual([
      ['scorecard-evaluate', 'succeeded'],
      ['waiver-request', 'succeeded'],
      ['waiver-approve', 'failed'],
      ['waiver-approve', 'failed'],
      ['waiver-approve', 'succeeded'],
      ['waiver-approve', 'failed'],
    ]);
  });

  it('caps waiver reasons, needs the entity in the catalog, lets the requester withdraw and pages lists', async () => {
    const { app, auditEvents } = await setup();
    const body = {
      entityRef: MODEL,
      checkId: 'responsible-ai.impact-assessment',
      reason: 'Assessment booked with the review board',
      expiresAt: '2026-12-01T00:00:00Z',
    };
    const flood = await request(app)
      .post('/scorecards/waivers')
      .send({ ...body, reason: 'x'.repeat(100_000) })
      .expect(400);
    expect(flood.body.error.message).toBe(
      'Invalid body: reason: must be at most 4000 characters (modelops.waivers.maxTextLength), got 100000',
    );
    const ghost = await request(app)
      .post('/scorecards/waivers')
      .send({ ...body, entityRef: 'mlmodel:default/ghost' })
      .expect(404);
    expect(ghost.body.error.message).toBe(
      'entityRef: mlmodel:default/ghost is not in the catalog',
    );

    const created = await request(app)
      .post('/scorecards/waivers')
      .send(body)
      .expect(201);
    const byOther = await request(app)
      .post(`/scorecards/waivers/${created.body.id}/withdraw`)
      .set('Authorization', otherUser)
      .send({})
      .expect(403);
    expect(byOther.body.error.message).toBe(
      `Only the requester (user:default/mock) may withdraw waiver ${created.body.id}`,
    );
    const withdrawn = await request(app)
      .post(`/scorecards/waivers/${created.body.id}/withdraw`)
      .set('Authorization', mockCredentials.user.header('User:Default/Mock'))
      .send({ comment: 'Assessment done after all' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      decisionComment: 'Assessment done after all',
    });
    await request(app)
      .post(`/scorecards/waivers/${created.body.id}/approve`)
      .set('Authorization', otherUser)
      .send({})
      .expect(409);
    await request(app).post('/scorecards/waivers').send(body).expect(201);

    const page = await request(app)
      .get('/scorecards/waivers')
      .query({ limit: 1 })
      .expect(200);
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(page.body.items).toHaveLength(1);
    const next = await request(app)
      .get('/scorecards/waivers')
      .query({ limit: 1, offset: 1, status: 'withdrawn' })
      .expect(200);
    expect(next.body).toMatchObject({ total: 1, items: [] });
    await request(app)
      .get('/scorecards/waivers')
      .query({ limit: 501 })
      .expect(400);
    expect(auditEvents.filter(e => e.eventId === 'waiver-withdraw')).toEqual([
      expect.objectContaining({ status: 'succeeded' }),
    ]);
  });

  it('says nothing about an entity the caller cannot see: no scorecard, no waivers, no total', async () => {
    const outsider = 'user:default/outsider';
    const entities = [
      mlGroup,
      productionModel('scorer', { risk: { tier: 'high' } }),
    ];
    const base = catalogServiceMock({ entities });
    // The catalog hides the model from the outsider, as a permission
    // policy on catalog-entity reads would.
    const hides = (options: any) =>
      options?.credentials?.principal?.userEntityRef === outsider;
    const catalog = {
      ...base,
      getEntityByRef: async (ref: any, options: any) =>
        hides(options) ? undefined : base.getEntityByRef(ref, options),
      getEntitiesByRefs: async (req: any, options: any) => {
        const answer = await base.getEntitiesByRefs(req, options);
        return hides(options)
          ? { items: answer.items.map(() => null) }
          : answer;
      },
    } as unknown as ModelOpsRouterOptions['catalog'];
    const { app } = await setup(catalog);
    const created = await request(app)
      .post('/scorecards/waivers')
      .send({
        entityRef: MODEL,
        checkId: 'responsible-ai.impact-assessment',
        reason: 'Confidential: the model scores loan applicants by postcode',
        expiresAt: '2026-12-01T00:00:00Z',
      })
      .expect(201);
    const asOutsider = mockCredentials.user.header(outsider);

    const scorecard = await request(app)
      .get('/scorecards/entity')
      .query({ entityRef: MODEL })
      .set('Authorization', asOutsider)
      .expect(404);
    expect(scorecard.body.error.message).toBe(
      `query.entityRef: ${MODEL} is not in the catalog`,
    );
    const list = await request(app)
      .get('/scorecards/waivers')
      .set('Authorization', asOutsider)
      .expect(200);
    expect(list.body).toMatchObject({ total: 0, items: [] });
    await request(app)
      .get('/scorecards/waivers')
      .query({ entityRef: MODEL })
      .set('Authorization', asOutsider)
      .expect(404);
    const one = await request(app)
      .get(`/scorecards/waivers/${created.body.id}`)
      .set('Authorization', asOutsider)
      .expect(404);
    expect(JSON.stringify(one.body)).not.toContain('postcode');
    // The owner still sees all of it.
    const mine = await request(app).get('/scorecards/waivers').expect(200);
    expect(mine.body.total).toBe(1);
  });

  it('creates a campaign of the checks citing the obligations that apply from a date', async () => {
    const { app, auditEvents } = await setup();
    await request(app).post('/scorecards/evaluate').send({}).expect(200);
    const created = await request(app)
      .post('/scorecards/campaigns')
      .send({
        title: 'Ready for the Annex III obligations',
        obligationsApplyingFrom: '2027-12-02',
        checkIds: ['ownership.system'],
        dueDate: '2027-12-02',
        owner: 'group:default/ml',
      })
      .expect(201);
    const dated = new Set(obligationsApplyingFrom('2027-12-02').map(o => o.id));
    const expected = shippedChecks()
      .filter(c => c.rationale.obligations?.some(id => dated.has(id)))
      .map(c => c.id);
    expect(expected).toEqual(
      expect.arrayContaining([
        'responsible-ai.risk-management-system',
        'responsible-ai.fundamental-rights-impact-assessment',
        'responsible-ai.serious-incidents-reported',
        'responsible-ai.technical-documentation',
      ]),
    );
    // Art. 50 applies from 2 August 2026, not from the Annex III date.
    expect(expected).not.toContain('responsible-ai.ai-interaction-disclosed');
    expect(created.body.checkIds).toEqual(['ownership.system', ...expected]);
    expect(created.body.description).toBe(
      'Bring the checks to green before the obligations that apply from 2027-12-02 do.',
    );
    expect(auditEvents.filter(e => e.eventId === 'campaign-create')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        meta: {
          title: 'Ready for the Annex III obligations',
          checks: expected.length + 1,
          obligationsApplyingFrom: '2027-12-02',
        },
      }),
    ]);
    // The high-risk scorer is measured on the dated checks that apply to it.
    const progress = await request(app)
      .get(`/scorecards/campaigns/${created.body.id}/progress`)
      .expect(200);
    expect(progress.body).toMatchObject({ entities: 1, done: 0 });
  });

  it('manages campaigns and reports progress per team', async () => {
    const { app } = await setup();
    await request(app).post('/scorecards/evaluate').send({}).expect(200);
    const created = await request(app)
      .post('/scorecards/campaigns')
      .send({
        title: 'Impact assessments',
        checkIds: ['responsible-ai.impact-assessment'],
        entityFilter: { riskTiers: ['high'], systems: ['lending'] },
        dueDate: '2026-12-15',
        owner: 'group:default/ml',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      status: 'open',
      entityFilter: { systems: ['system:default/lending'] },
      dueDate: '2026-12-15T00:00:00.000Z',
    });
    const progress = await request(app)
      .get(`/scorecards/campaigns/${created.body.id}/progress`)
      .expect(200);
    expect(progress.body).toEqual({
      campaignId: created.body.id,
      entities: 1,
      done: 0,
      teams: [
        {
          team: 'group:default/ml',
          entities: 1,
          done: 0,
          notDone: [
            {
              entityRef: MODEL,
              failingChecks: ['responsible-ai.impact-assessment'],
            },
          ],
        },
      ],
    });
    await request(app)
      .patch(`/scorecards/campaigns/${created.body.id}`)
      .send({ status: 'closed' })
      .expect(200);
    expect(
      (await request(app).get('/scorecards/campaigns').expect(200)).body
        .items[0].status,
    ).toBe('closed');
    await request(app)
      .patch('/scorecards/campaigns/nope')
      .send({ title: 'y' })
      .expect(404);
    await request(app)
      .delete(`/scorecards/campaigns/${created.body.id}`)
      .expect(204);
    await request(app)
      .get(`/scorecards/campaigns/${created.body.id}`)
      .expect(404);
  });

  it('lists the results behind a figure, filtered, and leaves out entities the caller cannot see', async () => {
    const outsider = 'user:default/outsider';
    const hidden = 'mlmodel:default/secret';
    const entities = [
      mlGroup,
      productionModel('scorer', { risk: { tier: 'high' } }),
      productionModel('secret', { risk: { tier: 'high' } }),
    ];
    const catalog = restrictedCatalog(
      entities,
      (ref, credentials: any) =>
        !(credentials.principal?.userEntityRef === outsider && ref === hidden),
    );
    const { app } = await setup(catalog);
    await request(app).post('/scorecards/evaluate').send({}).expect(200);
    const summary = await request(app)
      .get('/scorecards/summary')
      .query({ groupBy: 'pack' })
      .expect(200);
    const ai = summary.body.rows.find((r: any) => r.key === 'responsible-ai');

    // The rows behind the pack's figures are the figures.
    const all = await request(app)
      .get('/scorecards/results')
      .query({ pack: 'responsible-ai', limit: 1000 })
      .expect(200);
    expect(all.body.counts).toEqual({
      passing: ai.passing,
      failing: ai.failing,
      waived: ai.waived,
      entities: 2,
    });
    expect(all.body.total).toBe(ai.passing + ai.failing + ai.waived);
    // Failing first, each with its check's title and what was found.
    expect(all.body.items[0]).toMatchObject({
      pack: 'responsible-ai',
      state: 'fail',
      owner: 'group:default/ml',
      system: 'system:default/lending',
    });
    expect(all.body.items[0].checkTitle).toEqual(expect.any(String));
    expect(all.body.items[0].message).toEqual(expect.any(String));

    const failing = await request(app)
      .get('/scorecards/results')
      .query({
        team: 'group:default/ml',
        system: 'system:default/lending',
        checkId: 'responsible-ai.impact-assessment',
        state: 'fail',
      })
      .expect(200);
    expect(failing.body.items.map((r: any) => r.entityRef)).toEqual([
      MODEL,
      hidden,
    ]);
    const paged = await request(app)
      .get('/scorecards/results')
      .query({ pack: 'responsible-ai', limit: 1, offset: 1 })
      .expect(200);
    expect(paged.body).toMatchObject({ limit: 1, offset: 1 });
    expect(paged.body.items).toEqual([all.body.items[1]]);
    const none = await request(app)
      .get('/scorecards/results')
      .query({ team: '(none)' })
      .expect(200);
    expect(none.body.total).toBe(0);

    // The outsider sees neither the hidden model's rows nor its counts.
    const asOutsider = mockCredentials.user.header(outsider);
    const theirs = await request(app)
      .get('/scorecards/results')
      .query({ pack: 'responsible-ai', limit: 1000 })
      .set('Authorization', asOutsider)
      .expect(200);
    expect(theirs.body.counts.entities).toBe(1);
    expect(JSON.stringify(theirs.body)).not.toContain('secret');
    // Their summaries count what their drill-downs list, and nothing else.
    for (const groupBy of ['pack', 'team', 'system']) {
      const seen = await request(app)
        .get('/scorecards/summary')
        .query({ groupBy })
        .set('Authorization', asOutsider)
        .expect(200);
      for (const row of seen.body.rows) {
        const filter =
          groupBy === 'pack' ? { pack: row.key } : { [groupBy]: row.key };
        const behind = await request(app)
          .get('/scorecards/results')
          .query({ ...filter, limit: 1000 })
          .set('Authorization', asOutsider)
          .expect(200);
        expect({ groupBy, key: row.key, ...behind.body.counts }).toEqual({
          groupBy,
          key: row.key,
          passing: row.passing,
          failing: row.failing,
          waived: row.waived,
          entities: row.entities,
        });
      }
    }
    const theirPack = (
      await request(app)
        .get('/scorecards/summary')
        .query({ groupBy: 'pack' })
        .set('Authorization', asOutsider)
    ).body.rows.find((r: any) => r.key === 'responsible-ai');
    expect(theirPack.entities).toBe(1);
    expect(theirPack.passing + theirPack.failing).toBeLessThan(
      ai.passing + ai.failing,
    );
    const campaign = await request(app)
      .post('/scorecards/campaigns')
      .send({
        title: 'Impact assessments',
        checkIds: ['responsible-ai.impact-assessment'],
        dueDate: '2026-12-15',
        owner: 'group:default/ml',
      })
      .expect(201);
    const progress = await request(app)
      .get(`/scorecards/campaigns/${campaign.body.id}/progress`)
      .set('Authorization', asOutsider)
      .expect(200);
    expect(progress.body).toMatchObject({ entities: 1, done: 0 });
    expect(JSON.stringify(progress.body)).not.toContain('secret');

    for (const [query, message] of [
      [{ state: 'broken' }, /state/],
      [{ team: 'group:' }, /query.team: must be an entity reference/],
      [{ limit: 5000 }, /limit/],
      [
        { pack: 'planets' },
        /pack: no registered check belongs to pack planets/,
      ],
      [{ checkId: 'nope' }, /checkId: no check with id nope/],
    ] as const) {
      const res = await request(app)
        .get('/scorecards/results')
        .query(query)
        .expect(400);
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('answers history with real transitions and their cause, and daily points per team and pack', async () => {
    const model = productionModel('scorer', { risk: { tier: 'high' } });
    // A catalog whose content the test replaces between evaluations.
    let current = catalogServiceMock({ entities: [mlGroup, model] });
    const catalog = new Proxy(
      {},
      {
        get:
          (_, name) =>
          (...args: unknown[]) =>
            (current as any)[name](...args),
      },
    ) as ModelOpsRouterOptions['catalog'];
    const { app } = await setup(catalog);
    await request(app).post('/scorecards/evaluate').send({}).expect(200);
    // First results are no transition.
    const first = await request(app)
      .get('/scorecards/history')
      .query({ entityRef: MODEL })
      .expect(200);
    expect(first.body.changes).toEqual([]);
    expect(first.body.levelChanges).toEqual([]);

    clock = new Date('2026-11-21T00:00:00Z');
    current = catalogServiceMock({
      entities: [
        mlGroup,
        { ...model, metadata: { ...model.metadata, links: [] } },
      ],
    });
    await request(app).post('/scorecards/evaluate').send({}).expect(200);
    const history = await request(app)
      .get('/scorecards/history')
      .query({ pack: 'production-readiness', days: 30 })
      .expect(200);
    expect(history.body.changes).toEqual([
      expect.objectContaining({
        entityRef: MODEL,
        checkId: 'production-readiness.runbook',
        from: 'pass',
        to: 'fail',
        at: '2026-11-21T00:00:00.000Z',
        cause: expect.stringMatching(/runbook/),
      }),
    ]);
    // The runbook was not what held the pack's level: no level moved.
    expect(history.body.levelChanges).toEqual([]);
    expect(history.body.trend.map((p: any) => p.day)).toEqual([
      '2026-11-20',
      '2026-11-21',
    ]);
    const [before, after] = history.body.trend;
    expect(after.failing).toBe(before.failing + 1);
    const team = await request(app)
      .get('/scorecards/history')
      .query({ team: 'group:default/ml' })
      .expect(200);
    expect(team.body.trend).toHaveLength(2);

    // The owning group leaves the catalog: the model loses its ownership
    // level, and the change says which checks moved it.
    clock = new Date('2026-11-22T00:00:00Z');
    current = catalogServiceMock({
      entities: [{ ...model, metadata: { ...model.metadata, links: [] } }],
    });
    await request(app).post('/scorecards/evaluate').send({}).expect(200);
    const ownership = await request(app)
      .get('/scorecards/history')
      .query({ pack: 'ownership', days: 30 })
      .expect(200);
    expect(ownership.body.levelChanges).toEqual([
      {
        entityRef: MODEL,
        pack: 'ownership',
        from: 'bronze',
        to: 'none',
        at: '2026-11-22T00:00:00.000Z',
        cause: expect.stringContaining(
          'Owned by a group in the catalog started failing',
        ),
      },
    ]);
    const byEntity = await request(app)
      .get('/scorecards/history')
      .query({ entityRef: MODEL, days: 30 })
      .expect(200);
    expect(byEntity.body.levelChanges).toEqual(ownership.body.levelChanges);
  });
});
