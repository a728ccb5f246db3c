import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  feedbackAdminPermission,
  feedbackCreatePermission,
  feedbackUpdatePermission,
} from '@modelops/plugin-modelops-common';
import request from 'supertest';
import {
  denyOnly,
  routerTestSetup,
  testModel,
  testUser as user,
  type TestRouter,
} from '../service/__testUtils__';
import { createFeedbackRouter } from './createFeedbackRouter';

jest.setTimeout(60_000);

const startRouter = routerTestSetup(createFeedbackRouter);

const model = testModel(
  'churn',
  { owner: 'group:default/growth-ml' },
  { title: 'Churn predictor', ownerRelation: true },
);

const asOwner = mockCredentials.user.header('user:default/olga');
const asOutsider = mockCredentials.user.header('user:default/otto');
const asReporter = mockCredentials.user.header('user:default/rita');

const report = {
  entityRef: 'MLModel:default/churn',
  category: 'wrong-prediction',
  text: 'Flagged a ten-year customer as churning',
};

describe('createFeedbackRouter', () => {
  let t: TestRouter;

  beforeEach(async () => {
    t = await startRouter({
      entities: [
        model,
        user('olga', ['group:default/growth-ml']),
        user('otto', ['group:default/fraud-ml']),
        user('rita', []),
      ],
    });
  });

  async function postReport() {
    const res = await request(t.app)
      .post('/feedback')
      .set('Authorization', asReporter)
      .send(report);
    expect(res.status).toBe(201);
    return res.body;
  }

  it('stores a report, audits it and notifies the owning group', async () => {
    const created = await postReport();
    expect(created).toMatchObject({
      entityRef: 'mlmodel:default/churn',
      category: 'wrong-prediction',
      state: 'open',
      reporterRef: 'user:default/rita',
    });
    expect(t.permissionRequests).toEqual([
      {
        permission: feedbackCreatePermission,
        resourceRef: 'mlmodel:default/churn',
      },
    ]);
    expect(t.auditEvents).toEqual([
      {
        eventId: 'feedback-create',
        meta: {
          entityRef: 'mlmodel:default/churn',
          category: 'wrong-prediction',
        },
        status: 'succeeded',
      },
    ]);
    expect(t.notifications).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'group:default/growth-ml' },
        payload: {
          title: 'Wrong prediction reported on Churn predictor',
          description: report.text,
          link: '/catalog/default/mlmodel/churn',
          severity: 'normal',
          topic: 'modelops-feedback',
        },
      },
    ]);

    const list = await request(t.app)
      .get('/feedback')
      .query({ entityRef: 'mlmodel:default/churn', state: 'open' });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [created] });
  });

  it('lets a member of the owning group change the state and tells the reporter', async () => {
    const created = await postReport();
    const res = await request(t.app)
      .post(`/feedback/${created.id}/state`)
      .set('Authorization', asOwner)
      .send({
        state: 'acknowledged',
        comment: 'Looking into the tenure feature',
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'acknowledged',
      updatedBy: 'user:default/olga',
      comment: 'Looking into the tenure feature',
    });
    expect(t.auditEvents[1]).toEqual({
      eventId: 'feedback-state-change',
      meta: {
        entityRef: 'mlmodel:default/churn',
        feedbackId: created.id,
        from: 'open',
        to: 'acknowledged',
        authority: 'owner',
      },
      status: 'succeeded',
    });
    expect(t.notifications[1]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'user:default/rita' },
      payload: {
        title: 'Your feedback on Churn predictor is now acknowledged',
        description: 'Looking into the tenure feature',
      },
    });

    const patched = await request(t.app)
      .patch(`/feedback/${created.id}/state`)
      .set('Authorization', asOwner)
      .send({ state: 'resolved' });
    expect(patched.status).toBe(200);
    expect(patched.body.state).toBe('resolved');
  });

  it('refuses a state change by a non-owner without the admin permission, whatever the update permission says', async () => {
    const created = await postReport();
    // A policy granting the update permission to everybody does not make
    // everybody an owner.
    t.setPermissionDecision(denyOnly(feedbackAdminPermission));
    const res = await request(t.app)
      .post(`/feedback/${created.id}/state`)
      .set('Authorization', asOutsider)
      .send({ state: 'resolved' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Only members of group:default/growth-ml (the owners of mlmodel:default/churn) or holders of modelops.feedback.admin may change the state of its feedback',
    );
    const list = await request(t.app)
      .get('/feedback')
      .query({ entityRef: 'mlmodel:default/churn' });
    expect(list.body.items[0].state).toBe('open');
    expect(t.auditEvents.map(e => e.eventId)).toEqual(['feedback-create']);
  });

  it('asks the update permission of owning group members too', async () => {
    const created = await postReport();
    t.setPermissionDecision(denyOnly(feedbackUpdatePermission));
    const res = await request(t.app)
      .patch(`/feedback/${created.id}/state`)
      .set('Authorization', asOwner)
      .send({ state: 'resolved' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Not allowed: modelops.feedback.update on mlmodel:default/churn',
    );
    expect(t.permissionRequests.at(-1)).toEqual({
      permission: feedbackUpdatePermission,
      resourceRef: 'mlmodel:default/churn',
    });
    const list = await request(t.app)
      .get('/feedback')
      .query({ entityRef: 'mlmodel:default/churn' });
    expect(list.body.items[0].state).toBe('open');
    expect(t.auditEvents.map(e => e.eventId)).toEqual(['feedback-create']);
  });

  it('lets an admin holding the admin permission change the state, recorded as admin', async () => {
    const created = await postReport();
    const res = await request(t.app)
      .post(`/feedback/${created.id}/state`)
      .set('Authorization', asOutsider)
      .send({ state: 'resolved' });
    expect(res.status).toBe(200);
    expect(t.auditEvents[1].meta).toMatchObject({ authority: 'admin' });
    expect(t.permissionRequests.at(-1)).toEqual({
      permission: feedbackAdminPermission,
    });
  });

  it('lets the reporter, and only the reporter, withdraw feedback for good', async () => {
    const created = await postReport();
    const byOwner = await request(t.app)
      .post(`/feedback/${created.id}/state`)
      .set('Authorization', asOwner)
      .send({ state: 'withdrawn' });
    expect(byOwner.status).toBe(403);
    expect(byOwner.body.error.message).toBe(
      `Only the reporter (user:default/rita) may withdraw feedback ${created.id}`,
    );
    const byReporter = await request(t.app)
      .post(`/feedback/${created.id}/state`)
      .set('Authorization', mockCredentials.user.header('User:default/Rita'))
      .send({ state: 'withdrawn', comment: 'Was a data entry error' });
    expect(byReporter.status).toBe(200);
    expect(byReporter.body).toMatchObject({
      state: 'withdrawn',
      updatedBy: 'User:default/Rita',
    });
    expect(t.auditEvents[1].meta).toMatchObject({
      authority: 'reporter',
      from: 'open',
      to: 'withdrawn',
    });
    const reopen = await request(t.app)
      .post(`/feedback/${created.id}/state`)
      .set('Authorization', asOwner)
      .send({ state: 'open' });
    expect(reopen.status).toBe(409);
    // The reporter withdrew: nobody else needs telling.
    expect(t.notifications).toHaveLength(1);
  });

  it('answers 400 naming the fields, 404 for unknown feedback and 403 on DENY', async () => {
    const bad = await request(t.app).post('/feedback').send({
      entityRef: 'component:default/churn',
      category: 'rant',
      text: ' ',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'entityRef: expected a mlmodel entity ref such as mlmodel:default/name',
    );
    expect(bad.body.error.message).toContain('category: ');
    expect(bad.body.error.message).toContain('text: ');

    const missing = await request(t.app)
      .post('/feedback')
      .send({ ...report, entityRef: 'mlmodel:default/ghost' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      'entityRef: mlmodel:default/ghost is not a model in the catalog',
    );

    const badState = await request(t.app)
      .post('/feedback/1/state')
      .send({ state: 'closed' });
    expect(badState.status).toBe(400);
    expect(badState.body.error.message).toMatch(/^Invalid body: state: /);

    await request(t.app)
      .post('/feedback/999/state')
      .send({ state: 'resolved' })
      .expect(404);
    await request(t.app)
      .post('/feedback/not-a-number/state')
      .send({ state: 'resolved' })
      .expect(404);

    await request(t.app).get('/feedback').expect(400);

    t.setPermissionDecision(AuthorizeResult.DENY);
    await request(t.app).post('/feedback').send(report).expect(403);
    expect(t.auditEvents).toEqual([]);
    expect(t.notifications).toEqual([]);
  });
});
