import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  evidenceCreatePermission,
  MAX_EVALUATION_METRICS,
} from '@modelops/plugin-modelops-common';
import request from 'supertest';
import {
  routerTestSetup,
  testModel,
  type TestRouter,
} from '../service/__testUtils__';
import { createEvidenceRouter } from './createEvidenceRouter';

jest.setTimeout(60_000);

const startRouter = routerTestSetup(createEvidenceRouter);

const model = testModel('churn', { owner: 'group:default/ml' });

const evaluation = {
  idempotencyKey: 'ci-run-42',
  modelRef: 'mlmodel:default/churn',
  modelVersion: '3',
  datasetRef: 'dataset:default/churn-holdout',
  evaluatedAt: '2026-11-01T10:00:00Z',
  source: 'github-actions',
  metrics: [
    { name: 'auc', value: 0.91 },
    { name: 'recall', value: 0.7, slice: { attribute: 'age', group: '65+' } },
  ],
};

const snapshot = {
  modelRef: 'mlmodel:default/churn',
  modelVersion: '3',
  windowStart: '2026-11-01T00:00:00Z',
  windowEnd: '2026-11-02T00:00:00Z',
  drift: [{ feature: '__output__', test: 'psi', statistic: 0.08 }],
  latencyP95Ms: 40,
  errorRate: 0.01,
  traffic: 1000,
};

describe('createEvidenceRouter', () => {
  let t: TestRouter;

  beforeEach(async () => {
    t = await startRouter({ entities: [model] });
  });

  async function count(table: string) {
    const [{ n }] = await t.options.database(table).count({ n: '*' });
    return Number(n);
  }

  it('stores an evaluation, replays it by key and lists it', async () => {
    const created = await request(t.app).post('/evaluations').send(evaluation);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      modelRef: 'mlmodel:default/churn',
      evaluatedAt: '2026-11-01T10:00:00.000Z',
      metrics: evaluation.metrics,
    });
    expect(t.permissionRequests).toEqual([
      {
        permission: evidenceCreatePermission,
        resourceRef: 'mlmodel:default/churn',
      },
    ]);
    expect(t.auditEvents).toEqual([
      expect.objectContaining({
        eventId: 'evaluation-create',
        status: 'succeeded',
      }),
    ]);

    const replay = await request(t.app).post('/evaluations').send(evaluation);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(created.body);

    const list = await request(t.app)
      .get('/evaluations')
      .query({ modelRef: 'MLModel:default/churn', modelVersion: '3' });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [created.body] });
  });

  it('answers 409 for a reused key with another payload and keeps the first', async () => {
    await request(t.app).post('/evaluations').send(evaluation).expect(201);
    const conflict = await request(t.app)
      .post('/evaluations')
      .send({ ...evaluation, metrics: [{ name: 'auc', value: 0.5 }] });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toMatch(/ci-run-42/);
    expect(await count('modelops_evaluation_metrics')).toBe(2);
    expect(t.auditEvents.map(e => e.status)).toEqual(['succeeded', 'failed']);
  });

  it('answers 400 naming each failing field and writes nothing', async () => {
    const res = await request(t.app)
      .post('/evaluations')
      .send({
        ...evaluation,
        modelRef: 'component:default/churn',
        evaluatedAt: 'yesterday',
        metrics: [{ name: 'auc', value: '0.9' }],
      });
    expect(res.status).toBe(400);
    const message: string = res.body.error.message;
    expect(message).toContain(
      'modelRef: expected a mlmodel entity ref such as mlmodel:default/name',
    );
    expect(message).toContain('evaluatedAt: expected an ISO 8601 date-time');
    expect(message).toContain(
      'metrics.0.value: expected number, received string',
    );
    expect(await count('modelops_evaluations')).toBe(0);
    expect(t.auditEvents).toEqual([]);
  });

  it('caps the number of metrics', async () => {
    const metrics = Array.from(
      { length: MAX_EVALUATION_METRICS + 1 },
      (_, i) => ({
        name: `m${i}`,
        value: i,
      }),
    );
    const res = await request(t.app)
      .post('/evaluations')
      .send({ ...evaluation, metrics });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/metrics: Too big.*1000 items/);
  });

  it('refuses observed times outside 2000-01-01 to a day from now', async () => {
    for (const evaluatedAt of [
      '9999-12-31T23:59:59Z',
      '1999-12-31T23:59:59Z',
    ]) {
      const res = await request(t.app)
        .post('/evaluations')
        .send({ ...evaluation, evaluatedAt });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        new RegExp(
          `^Invalid body: evaluatedAt: must lie between 2000-01-01T00:00:00.000Z and \\S+ \\(modelops.observedTimes\\), got ${evaluatedAt.replace(
            'Z',
            '.000Z',
          )}$`,
        ),
      );
    }
    const overflow = await request(t.app).post('/monitoring-snapshots').send({
      modelRef: 'mlmodel:default/churn',
      modelVersion: '1',
      windowStart: '2026-11-01T00:00:00Z',
      windowEnd: '9999-12-31T23:59:59-23:59',
    });
    expect(overflow.status).toBe(400);
    expect(overflow.body.error.message).toContain(
      'windowEnd: must fall within the years 0000 to 9999 in UTC',
    );
    expect(await count('modelops_evaluations')).toBe(0);
    expect(await count('modelops_monitoring_snapshots')).toBe(0);
  });

  it('rejects unknown models with 404 naming the ref', async () => {
    const res = await request(t.app)
      .post('/evaluations')
      .send({ ...evaluation, modelRef: 'mlmodel:default/ghost' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'modelRef: mlmodel:default/ghost is not in the catalog',
    );
    expect(await count('modelops_evaluations')).toBe(0);
  });

  it('answers 401 without credentials and 403 without the permission', async () => {
    await request(t.app)
      .post('/evaluations')
      .set('Authorization', mockCredentials.none.header())
      .send(evaluation)
      .expect(401);
    await request(t.app)
      .get('/evaluations?modelRef=mlmodel:default/churn')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    t.setPermissionDecision(AuthorizeResult.DENY);
    const denied = await request(t.app).post('/evaluations').send(evaluation);
    expect(denied.status).toBe(403);
    expect(await count('modelops_evaluations')).toBe(0);
  });

  it('accepts evidence from a pipeline service token', async () => {
    const res = await request(t.app)
      .post('/monitoring-snapshots')
      .set('Authorization', mockCredentials.service.header())
      .send(snapshot);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      drift: snapshot.drift,
      windowEnd: '2026-11-02T00:00:00.000Z',
    });
  });

  it('stores and filters monitoring snapshots', async () => {
    await request(t.app)
      .post('/monitoring-snapshots')
      .send(snapshot)
      .expect(201);
    await request(t.app)
      .post('/monitoring-snapshots')
      .send({
        ...snapshot,
        windowStart: '2026-11-02T00:00:00Z',
        windowEnd: '2026-11-03T00:00:00Z',
      })
      .expect(201);
    const res = await request(t.app).get('/monitoring-snapshots').query({
      modelRef: 'mlmodel:default/churn',
      since: '2026-11-02T06:00:00Z',
    });
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((s: { windowEnd: string }) => s.windowEnd),
    ).toEqual(['2026-11-03T00:00:00.000Z']);
  });

  it('validates snapshot windows, tests and list queries', async () => {
    const res = await request(t.app)
      .post('/monitoring-snapshots')
      .send({
        ...snapshot,
        windowEnd: '2026-10-01T00:00:00Z',
        drift: [{ feature: 'age', test: 'magic', statistic: 1 }],
        errorRate: 2,
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/drift\.0\.test: .*"ks"/);
    expect(res.body.error.message).toMatch(/errorRate: Too big/);

    const window = await request(t.app)
      .post('/monitoring-snapshots')
      .send({ ...snapshot, windowEnd: '2026-10-01T00:00:00Z' });
    expect(window.body.error.message).toBe(
      'Invalid body: windowEnd: must not be before windowStart',
    );

    const query = await request(t.app)
      .get('/monitoring-snapshots')
      .query({ modelRef: 'mlmodel:default/churn', limit: '0' });
    expect(query.status).toBe(400);
    expect(query.body.error.message).toMatch(
      /^Invalid query: limit: Too small/,
    );
    await request(t.app).get('/evaluations').expect(400);
  });
});
