import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { DatabaseChangeStore } from '../changes/DatabaseChangeStore';
import { DatabaseReviewStore } from '../reviews/DatabaseReviewStore';
import { DatabaseScorecardStore } from '../scorecards/DatabaseScorecardStore';
import {
  createTestRouter,
  initTestDatabase,
  restrictedCatalog,
  testGroup,
  testModel,
  testUser,
  type TestRouter,
} from '../service/__testUtils__';
import { TestDatabases } from '@backstage/backend-test-utils';
import { createDecisionsRouter } from './createDecisionsRouter';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const ML = 'group:default/ml';
const CHURN = 'mlmodel:default/churn';
const FRAUD = 'mlmodel:default/fraud';
const OLD = 'mlmodel:default/legacy-scorer';

function person(name: string, displayName: string, groups: string[]) {
  const user = testUser(name, groups);
  user.spec = { ...user.spec, profile: { displayName } };
  return user;
}

const ENTITIES: Entity[] = [
  testGroup('ml', []),
  testGroup('risk', []),
  person('carol', 'Carol Díaz', [ML]),
  person('alice', 'Alice Martin', [ML]),
  testUser('eve', ['group:default/risk']),
  testModel('churn', { owner: ML }, { ownerRelation: true }),
  // Owned by risk and hidden from eve's team by the catalog's policy.
  testModel('fraud', { owner: 'group:default/risk' }, { ownerRelation: true }),
  // Owned by ml until a review moved it to risk.
  testModel(
    'legacy-scorer',
    { owner: 'group:default/risk' },
    { ownerRelation: true },
  ),
];

const AS_ALICE = mockCredentials.user.header('user:default/alice');
const AS_EVE = mockCredentials.user.header('user:default/eve');

// Eve may not see the fraud model: the catalog leaves it out of her reads.
const canSee = (ref: string, credentials: any) =>
  !(
    ref === FRAUD && credentials.principal?.userEntityRef === 'user:default/eve'
  );

describe('createDecisionsRouter', () => {
  let t: TestRouter;
  let waiverId: string;

  beforeEach(async () => {
    const knex = await initTestDatabase(databases, 'SQLITE_3');
    const scorecards = DatabaseScorecardStore.create(knex);
    const waiver = await scorecards.createWaiver(
      {
        entityRef: CHURN,
        checkId: 'ownership.owner-group',
        // Text a spreadsheet would run: the export must neutralise it.
        reason: '=HYPERLINK("http://evil.example","Reorganisation")',
        requestedBy: 'user:default/carol',
        expiresAt: '2027-01-31T00:00:00.000Z',
      },
      '2026-11-02T09:00:00.000Z',
    );
    waiverId = waiver.id;
    await scorecards.decideWaiver(
      waiver.id,
      {
        status: 'approved',
        decidedBy: 'user:default/alice',
        comment: ' @SUM(A1:A9) Fraud;=1+1',
      },
      '2026-11-02T10:00:00.000Z',
    );
    await scorecards.createWaiver(
      {
        entityRef: FRAUD,
        checkId: 'ownership.owner-group',
        reason: 'Fraud team reorganisation',
        requestedBy: 'user:default/bob',
        expiresAt: '2027-01-31T00:00:00.000Z',
      },
      '2026-11-02T11:00:00.000Z',
    );
    await DatabaseChangeStore.create({
      knex,
      now: () => new Date('2026-11-03T08:00:00.000Z'),
    }).addChange({
      entityRef: FRAUD,
      kind: 'rollback',
      modelVersion: '2.0.0',
      evidenceLinks: [],
      reason: 'Precision dropped',
      requesterRef: 'user:default/bob',
    });
    const reviews = DatabaseReviewStore.create({ database: knex });
    const { cycle } = await reviews.openCycle(
      {
        cadence: 'quarterly',
        kind: 'MLModel',
        lifecycles: ['production'],
        period: {
          label: '2026-10-01',
          start: '2026-10-01T00:00:00.000Z',
          end: '2099-01-01T00:00:00.000Z',
          dueAt: '2098-12-01T00:00:00.000Z',
        },
      },
      [{ entityRef: OLD, entityKind: 'MLModel', ownerRef: ML }],
      new Date('2026-11-01T00:00:00.000Z'),
    );
    const [item] = await reviews.listItems(
      { cycleIds: [cycle.id] },
      new Date('2026-11-01T00:00:00.000Z'),
    );
    await reviews.recordDecisions(
      [
        {
          itemId: item.id,
          action: 'transfer',
          actor: 'user:default/alice',
          authority: 'member',
          note: 'Risk runs the scoring now',
          transferTo: 'group:default/risk',
        },
      ],
      new Date('2026-11-01T12:00:00.000Z'),
    );
    t = await createTestRouter(createDecisionsRouter, {
      database: knex,
      catalog: restrictedCatalog(ENTITIES, canSee),
    });
  });

  it("lists a waiver's request and approval with both people and their words", async () => {
    const res = await request(t.app)
      .get('/decisions')
      .set('Authorization', AS_ALICE)
      .query({ entityRef: 'MLModel:default/churn' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        expect.objectContaining({
          id: `waiver:${waiverId}:approved`,
          action: 'waiver-approved',
          actorRef: 'user:default/alice',
          at: '2026-11-02T10:00:00.000Z',
          what: 'Approved the waiver of ownership.owner-group until 2027-01-31',
          why: ' @SUM(A1:A9) Fraud;=1+1',
        }),
        expect.objectContaining({
          action: 'waiver-requested',
          actorRef: 'user:default/carol',
          at: '2026-11-02T09:00:00.000Z',
          what: 'Requested a waiver of ownership.owner-group until 2027-01-31',
          why: '=HYPERLINK("http://evil.example","Reorganisation")',
        }),
      ],
      total: 2,
      limit: 50,
      offset: 0,
    });

    const second = await request(t.app)
      .get('/decisions')
      .set('Authorization', AS_ALICE)
      .query({ entityRef: CHURN, limit: 1, offset: 1 });
    expect(second.body).toMatchObject({
      items: [{ action: 'waiver-requested' }],
      total: 2,
      limit: 1,
      offset: 1,
    });
  });

  it("keeps a team's history of what it owned before a transfer", async () => {
    const res = await request(t.app)
      .get('/decisions')
      .set('Authorization', AS_ALICE)
      .query({ team: 'group:ml' });
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((d: any) => [d.entityRef, d.action, d.actorRef]),
    ).toEqual([
      [CHURN, 'waiver-approved', 'user:default/alice'],
      [CHURN, 'waiver-requested', 'user:default/carol'],
      [OLD, 'review-transfer-offered', 'user:default/alice'],
    ]);
    expect(res.body.items[2]).toMatchObject({
      what: 'Offered ownership from group:default/ml to group:default/risk in the review of 2026-10-01',
      why: 'Risk runs the scoring now',
      authority: 'member',
    });
    expect(res.body.total).toBe(3);
  });

  it('exports the history as CSV with names beside refs and formulas neutralised', async () => {
    const res = await request(t.app)
      .get('/decisions.csv')
      .set('Authorization', AS_ALICE)
      .query({ entityRef: CHURN });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="modelops-decisions-mlmodel-default-churn-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = res.text.split('\r\n');
    expect(lines).toEqual([
      'at,entityRef,action,actorRef,actorName,authority,what,why,source,recordId',
      `2026-11-02T10:00:00.000Z,${CHURN},waiver-approved,user:default/alice,Alice Martin,,Approved the waiver of ownership.owner-group until 2027-01-31,"' @SUM(A1:A9) Fraud;=1+1",waiver,${waiverId}`,
      `2026-11-02T09:00:00.000Z,${CHURN},waiver-requested,user:default/carol,Carol Díaz,,Requested a waiver of ownership.owner-group until 2027-01-31,"'=HYPERLINK(""http://evil.example"",""Reorganisation"")",waiver,${waiverId}`,
      '',
    ]);
  });

  it('tells a caller who cannot see an entity nothing about it', async () => {
    const hidden = await request(t.app)
      .get('/decisions')
      .set('Authorization', AS_EVE)
      .query({ entityRef: FRAUD });
    const missing = await request(t.app)
      .get('/decisions')
      .set('Authorization', AS_EVE)
      .query({ entityRef: 'mlmodel:default/no-such-model' });
    // The same answer as for a model that does not exist.
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      `query.entityRef: ${FRAUD} is not in the catalog`,
    );
    expect(missing.status).toBe(404);
    expect(hidden.text).not.toMatch(/Fraud team|Precision|bob/);

    const csv = await request(t.app)
      .get('/decisions.csv')
      .set('Authorization', AS_EVE)
      .query({ entityRef: FRAUD });
    expect(csv.status).toBe(404);

    // Risk's own history leaves the hidden model out, and says so in its total.
    const team = await request(t.app)
      .get('/decisions')
      .set('Authorization', AS_EVE)
      .query({ team: 'group:default/risk' });
    expect(team.status).toBe(200);
    expect(team.body.items.map((d: any) => d.entityRef)).toEqual([OLD]);
    expect(team.body.total).toBe(1);

    // Alice may see it, and gets its decisions.
    const allowed = await request(t.app)
      .get('/decisions')
      .set('Authorization', AS_ALICE)
      .query({ entityRef: FRAUD });
    expect(allowed.body.items.map((d: any) => d.action)).toEqual([
      'change-requested',
      'waiver-requested',
    ]);
  });

  it('refuses bad queries naming the field, and callers without a token', async () => {
    const both = await request(t.app)
      .get('/decisions')
      .query({ entityRef: CHURN, team: ML });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(
      /entityRef: give exactly one of entityRef and team/,
    );
    const limit = await request(t.app)
      .get('/decisions')
      .query({ entityRef: CHURN, limit: 0 });
    expect(limit.status).toBe(400);
    expect(limit.body.error.message).toMatch(/limit/);
    const notATeam = await request(t.app)
      .get('/decisions.csv')
      .query({ team: 'mlmodel:default/churn' });
    expect(notATeam.status).toBe(400);
    expect(notATeam.body.error.message).toMatch(/team: expected a group/);
    const anonymous = await request(t.app)
      .get('/decisions')
      .set('Authorization', mockCredentials.none.header())
      .query({ entityRef: CHURN });
    expect(anonymous.status).toBe(401);
  });
});
