import { mockCredentials } from '@backstage/backend-test-utils';
import {
  changeApprovePermission,
  changeRequestPermission,
} from '@modelops/plugin-modelops-common';
import request from 'supertest';
import {
  createTestRouter,
  denyOnly,
  routerTestSetup,
  testModel,
  testUser as user,
  type TestRouter,
} from '../service/__testUtils__';
import { ChangeFactProvider } from './ChangeFactProvider';
import { createChangesRouter } from './createChangesRouter';

jest.setTimeout(60_000);

const startRouter = routerTestSetup(createChangesRouter);

const model = testModel('churn', {
  owner: 'group:default/growth-ml',
  version: '3.1.0',
});

const board = 'group:default/ai-review-board';
// Rhea is on the board and requests; Bo is on the board; Otto is not.
const asRequester = mockCredentials.user.header('user:default/rhea');
const asReviewer = mockCredentials.user.header('user:default/bo');
const asOutsider = mockCredentials.user.header('user:default/otto');

const promotion = {
  entityRef: 'mlmodel:default/churn',
  kind: 'promote',
  modelVersion: '3.1.0',
  evidenceLinks: ['https://mlflow.example.com/runs/42'],
  reason: 'Recall up 4 points on the holdout set',
};

describe('createChangesRouter', () => {
  let t: TestRouter;

  beforeEach(async () => {
    t = await startRouter({
      entities: [
        model,
        user('rhea', [board, 'group:default/growth-ml']),
        user('bo', [board]),
        user('otto', ['group:default/growth-ml']),
      ],
    });
  });

  async function requestPromotion() {
    const res = await request(t.app)
      .post('/changes')
      .set('Authorization', asRequester)
      .send(promotion);
    expect(res.status).toBe(201);
    return res.body;
  }

  it('refuses approval by the requester and accepts it from a second reviewer', async () => {
    const change = await requestPromotion();
    expect(change).toMatchObject({
      status: 'pending',
      requesterRef: 'user:default/rhea',
    });
    expect(t.permissionRequests[0]).toEqual({
      permission: changeRequestPermission,
      resourceRef: 'mlmodel:default/churn',
    });
    expect(t.notifications[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: board },
      payload: {
        title:
          'Approval requested: promotion of mlmodel:default/churn to version 3.1.0',
        link: '/catalog/default/mlmodel/churn',
      },
    });

    const own = await request(t.app)
      .post(`/changes/${change.id}/approve`)
      .set('Authorization', asRequester)
      .send({});
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(
      `You requested change ${change.id}; another member of ${board} must approve it`,
    );

    const approved = await request(t.app)
      .post(`/changes/${change.id}/approve`)
      .set('Authorization', asReviewer)
      .send({ comment: 'Evidence checked' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: 'user:default/bo',
      decisionComment: 'Evidence checked',
    });
    expect(t.permissionRequests.at(-1)).toEqual({
      permission: changeApprovePermission,
    });
    expect(t.auditEvents.map(e => [e.eventId, e.status])).toEqual([
      ['change-request', 'succeeded'],
      ['change-approve', 'succeeded'],
    ]);
    expect(t.notifications[1]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'user:default/rhea' },
      payload: {
        title: 'Approved: promotion of mlmodel:default/churn to version 3.1.0',
      },
    });

    const again = await request(t.app)
      .post(`/changes/${change.id}/reject`)
      .set('Authorization', asReviewer)
      .send({});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Change ${change.id} was already approved`,
    );

    const list = await request(t.app)
      .get('/changes')
      .query({ entityRef: 'mlmodel:default/churn' });
    expect(list.body).toEqual({ items: [approved.body], reviewGroup: board });

    const recent = await request(t.app)
      .get('/changes/recent')
      .query({ limit: 5 });
    expect(recent.status).toBe(200);
    expect(recent.body.items.map((c: any) => c.id)).toEqual([change.id]);

    const facts = await ChangeFactProvider.create({
      database: t.options.database,
    }).getFacts([model], { now: new Date() });
    expect(facts.get('mlmodel:default/churn')).toEqual({
      productionVersionApproved: true,
      pendingCount: 0,
      latestApprovedPromotionAt: approved.body.decidedAt,
    });
  });

  it('refuses decisions from outside the review group and on DENY', async () => {
    const change = await requestPromotion();
    const outsider = await request(t.app)
      .post(`/changes/${change.id}/reject`)
      .set('Authorization', asOutsider)
      .send({ comment: 'No' });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toBe(
      `Only members of ${board} may reject change requests`,
    );

    t.setPermissionDecision(denyOnly(changeApprovePermission));
    const denied = await request(t.app)
      .post(`/changes/${change.id}/approve`)
      .set('Authorization', asReviewer)
      .send({});
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Not allowed: modelops.change.approve',
    );
    const list = await request(t.app)
      .get('/changes')
      .query({ entityRef: 'mlmodel:default/churn', status: 'pending' });
    expect(list.body.items).toHaveLength(1);
    expect(t.auditEvents.map(e => e.eventId)).toEqual(['change-request']);
  });

  it('uses the configured review group', async () => {
    const knex = t.options.database;
    t = await createTestRouter(createChangesRouter, {
      database: knex,
      entities: [model, user('rhea', []), user('otto', ['group:default/cab'])],
      config: { modelops: { changes: { reviewGroup: 'cab' } } },
    });
    const change = await requestPromotion();
    const rejected = await request(t.app)
      .post(`/changes/${change.id}/reject`)
      .set('Authorization', asOutsider)
      .send({});
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decidedBy: 'user:default/otto',
    });
    expect(t.notifications[0].recipients).toEqual({
      type: 'entity',
      entityRef: 'group:default/cab',
    });
  });

  it('lists recent changes only of models the caller can see, newest event first', async () => {
    const first = await requestPromotion();
    const second = await requestPromotion();
    await request(t.app)
      .post(`/changes/${first.id}/reject`)
      .set('Authorization', asReviewer)
      .send({});
    // A change of a model that is not (or no longer) in the caller's catalog.
    await t.options.database('modelops_change_requests').insert({
      entity_ref: 'mlmodel:default/secret',
      kind: 'promote',
      model_version: '1',
      evidence_links: '[]',
      reason: 'hidden',
      status: 'pending',
      requester_ref: 'user:default/rhea',
      created_at: '2099-01-01T00:00:00.000Z',
    });
    const recent = await request(t.app).get('/changes/recent');
    expect(recent.body.items.map((c: any) => c.id)).toEqual([
      first.id,
      second.id,
    ]);
    const bad = await request(t.app).get('/changes/recent').query({ limit: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid query: limit: Too small/);
  });

  it('answers 400 naming the field and rule, 404 for unknown requests', async () => {
    const bad = await request(t.app)
      .post('/changes')
      .send({
        ...promotion,
        kind: 'deploy',
        evidenceLinks: ['ftp://files/x'],
        reason: '',
      });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('kind: ');
    expect(bad.body.error.message).toContain(
      'evidenceLinks.0: expected an http(s) URL',
    );
    expect(bad.body.error.message).toContain('reason: ');

    const noEvidence = await request(t.app)
      .post('/changes')
      .send({ ...promotion, evidenceLinks: [] });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.error.message).toBe(
      'Invalid body: evidenceLinks: a promotion needs at least one evidence link',
    );

    await request(t.app)
      .post('/changes')
      .send({ ...promotion, kind: 'rollback', evidenceLinks: [] })
      .expect(201);

    await request(t.app).post('/changes/77/approve').send({}).expect(404);
    await request(t.app)
      .post('/changes/1/approve')
      .send({ comment: 42 })
      .expect(400);
    await request(t.app)
      .post('/changes')
      .set('Authorization', mockCredentials.service.header())
      .send(promotion)
      .expect(403);
  });
});
