import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  deliveryEventCreatePermission,
  incidentAssessPermission,
  type RecordedIncidentList,
} from '@modelops/plugin-modelops-common';
import request from 'supertest';
import {
  routerTestSetup,
  testModel,
  type TestRouter,
} from '../service/__testUtils__';
import { createDeliveryRouter } from './createDeliveryRouter';

jest.setTimeout(60_000);

function model(name: string, owner: string) {
  return testModel(name, { owner }, { ownerRelation: true });
}

const churn = 'mlmodel:default/churn';
const fraud = 'mlmodel:default/fraud';
// A Friday; with days=28 the window starts Friday 2026-10-30 and spans the
// weeks of Monday Oct 26, Nov 2, 9, 16 and 23.
const NOW = new Date('2026-11-27T00:00:00.000Z');

const startRouter = routerTestSetup(options =>
  createDeliveryRouter(options, { now: () => NOW }),
);

// A small history whose metrics are worked out by hand below.
const history = [
  { type: 'deployment', at: '2026-10-20T10:00:00Z' }, // before the window
  { type: 'incident-opened', incidentId: 'INC-0', at: '2026-10-29T22:00:00Z' },
  {
    type: 'incident-resolved',
    incidentId: 'INC-0',
    at: '2026-10-30T08:00:00Z',
  }, // 10 h
  { type: 'deployment', at: '2026-11-03T10:00:00Z', modelVersion: '3.1.0' },
  { type: 'deployment', at: '2026-11-05T10:00:00Z', failed: true },
  { type: 'incident-opened', incidentId: 'INC-1', at: '2026-11-05T11:00:00Z' },
  {
    type: 'incident-resolved',
    incidentId: 'INC-1',
    at: '2026-11-05T15:00:00+00:00',
  }, // 4 h
  { type: 'deployment', at: '2026-11-12T10:00:00Z', failed: false },
  { type: 'deployment', at: '2026-11-20T10:00:00Z' },
  { type: 'incident-opened', incidentId: 'INC-2', at: '2026-11-25T09:00:00Z' }, // still open
].map((event, i) => ({ entityRef: churn, idempotencyKey: `e${i}`, ...event }));

describe('createDeliveryRouter', () => {
  let t: TestRouter;

  beforeEach(async () => {
    t = await startRouter({
      entities: [
        model('churn', 'group:default/growth-ml'),
        model('fraud', 'group:default/fraud-ml'),
      ],
    });
  });

  async function post(event: object, auth = mockCredentials.service.header()) {
    return request(t.app)
      .post('/delivery/events')
      .set('Authorization', auth)
      .send(event);
  }

  it('computes the metrics of a hand-worked history', async () => {
    for (const event of history) {
      expect((await post(event)).status).toBe(201);
    }
    await post({
      entityRef: fraud,
      type: 'deployment',
      at: '2026-11-10T00:00:00Z',
      failed: true,
    });

    const res = await request(t.app)
      .get('/delivery/metrics')
      .query({ entityRef: churn, days: 28 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      scope: { entityRef: churn },
      entityRefs: [churn],
      from: '2026-10-30T00:00:00.000Z',
      to: '2026-11-27T00:00:00.000Z',
      days: 28,
      deployments: 4,
      failedDeployments: 1,
      deploymentsPerWeek: 1,
      changeFailureRate: 0.25,
      incidentsResolved: 2,
      incidentsOpen: 1,
      meanTimeToRecoverHours: 7,
      weeks: [
        {
          weekStart: '2026-10-26',
          deployments: 0,
          failedDeployments: 0,
          incidentsResolved: 1,
          meanTimeToRecoverHours: 10,
        },
        {
          weekStart: '2026-11-02',
          deployments: 2,
          failedDeployments: 1,
          incidentsResolved: 1,
          meanTimeToRecoverHours: 4,
        },
        {
          weekStart: '2026-11-09',
          deployments: 1,
          failedDeployments: 0,
          incidentsResolved: 0,
        },
        {
          weekStart: '2026-11-16',
          deployments: 1,
          failedDeployments: 0,
          incidentsResolved: 0,
        },
        {
          weekStart: '2026-11-23',
          deployments: 0,
          failedDeployments: 0,
          incidentsResolved: 0,
        },
      ],
    });

    const team = await request(t.app)
      .get('/delivery/metrics')
      .query({ team: 'fraud-ml', days: 28 });
    expect(team.status).toBe(200);
    expect(team.body).toMatchObject({
      scope: { team: 'group:default/fraud-ml' },
      entityRefs: [fraud],
      deployments: 1,
      changeFailureRate: 1,
    });
    expect(team.body.meanTimeToRecoverHours).toBeUndefined();
  });

  it('stores events idempotently by key and audits each attempt', async () => {
    const event = history[3];
    const first = await post(event);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      entityRef: churn,
      type: 'deployment',
      at: '2026-11-03T10:00:00.000Z',
      modelVersion: '3.1.0',
      idempotencyKey: 'e3',
    });
    const replay = await post(event);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const conflict = await post({ ...event, failed: true });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toBe(
      'idempotencyKey "e3" was already used for a different payload',
    );
    expect(t.auditEvents.map(e => [e.eventId, e.status])).toEqual([
      ['delivery-event-create', 'succeeded'],
      ['delivery-event-create', 'succeeded'],
      ['delivery-event-create', 'failed'],
    ]);
  });

  it('accepts users holding the permission and refuses them on DENY', async () => {
    const event = {
      entityRef: churn,
      type: 'deployment',
      at: '2026-11-03T10:00:00Z',
    };
    expect((await post(event, mockCredentials.user.header())).status).toBe(201);
    expect(t.permissionRequests).toContainEqual({
      permission: deliveryEventCreatePermission,
      resourceRef: churn,
    });
    t.setPermissionDecision(AuthorizeResult.DENY);
    const denied = await post(event, mockCredentials.user.header());
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      `Not allowed: modelops.delivery.create on ${churn}`,
    );
  });

  it('answers 400 naming the field and rule', async () => {
    const bad = await post({
      entityRef: churn,
      type: 'incident-opened',
      at: 'last tuesday',
      failed: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'at: expected an ISO 8601 date-time',
    );
    const pairing = await post({
      entityRef: churn,
      type: 'incident-opened',
      at: '2026-11-03T10:00:00Z',
      failed: true,
    });
    expect(pairing.body.error.message).toBe(
      'Invalid body: incidentId: required for incident events; failed: only deployments can be marked failed',
    );
    const unknown = await post({
      entityRef: 'mlmodel:default/ghost',
      type: 'deployment',
      at: '2026-11-03T10:00:00Z',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'entityRef: mlmodel:default/ghost is not in the catalog',
    );

    const both = await request(t.app)
      .get('/delivery/metrics')
      .query({ entityRef: churn, team: 'growth-ml' });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toBe(
      'Invalid query: entityRef: give exactly one of entityRef and team',
    );
    const days = await request(t.app)
      .get('/delivery/metrics')
      .query({ entityRef: churn, days: 5000 });
    expect(days.status).toBe(400);
    expect(days.body.error.message).toMatch(/^Invalid query: days: Too big/);
    expect(t.auditEvents).toEqual([]);
  });

  describe('serious-incident assessments', () => {
    const user = mockCredentials.user.header('user:default/priya.raman');

    async function assess(body: object, auth = user) {
      return request(t.app)
        .post('/delivery/incident-assessments')
        .set('Authorization', auth)
        .send(body);
    }

    beforeEach(async () => {
      for (const event of history) {
        const res = await post(event);
        if (res.status !== 201) throw new Error(`event: ${res.text}`);
      }
    });

    it('lists every incident of a model with its assessment once recorded', async () => {
      const before = await request(t.app)
        .get('/delivery/incidents')
        .query({ entityRef: 'mlmodel:default/Churn' });
      expect(before.status).toBe(200);
      expect((before.body as RecordedIncidentList).items).toEqual([
        {
          incidentId: 'INC-0',
          openedAt: '2026-10-29T22:00:00.000Z',
          resolvedAt: '2026-10-30T08:00:00.000Z',
        },
        {
          incidentId: 'INC-1',
          openedAt: '2026-11-05T11:00:00.000Z',
          resolvedAt: '2026-11-05T15:00:00.000Z',
        },
        { incidentId: 'INC-2', openedAt: '2026-11-25T09:00:00.000Z' },
      ]);

      const first = await assess({
        entityRef: churn,
        incidentId: 'INC-2',
        serious: true,
        rationale: 'Retention offers were withheld from customers over 65',
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        entityRef: churn,
        incidentId: 'INC-2',
        openedAt: '2026-11-25T09:00:00.000Z',
        serious: true,
        assessedBy: 'user:default/priya.raman',
      });
      expect(t.permissionRequests).toContainEqual({
        permission: incidentAssessPermission,
        resourceRef: churn,
      });
      // The report, once made, replaces the assessment.
      const reported = await assess({
        entityRef: churn,
        incidentId: 'INC-2',
        serious: true,
        rationale: 'Retention offers were withheld from customers over 65',
        reportedAt: '2026-11-26T10:00:00Z',
        authority: 'National market surveillance authority',
        reportReference: 'MSA-2026-17',
      });
      expect(reported.status).toBe(200);
      const after = await request(t.app)
        .get('/delivery/incidents')
        .query({ entityRef: churn });
      expect(after.body.items[2].assessment).toMatchObject({
        reportedAt: '2026-11-26T10:00:00.000Z',
        reportReference: 'MSA-2026-17',
      });
      expect(
        t.auditEvents.filter(e => e.eventId === 'incident-assess'),
      ).toEqual([
        expect.objectContaining({
          status: 'succeeded',
          meta: {
            entityRef: churn,
            incidentId: 'INC-2',
            serious: true,
            reported: false,
          },
        }),
        expect.objectContaining({
          status: 'succeeded',
          meta: expect.objectContaining({ reported: true }),
        }),
      ]);
    });

    it('refuses services, callers without the permission and unknown incidents', async () => {
      const body = {
        entityRef: churn,
        incidentId: 'INC-1',
        serious: false,
        rationale: 'Four hours of elevated latency; no decision changed',
      };
      expect(
        (await assess(body, mockCredentials.service.header())).status,
      ).toBe(403);
      t.setPermissionDecision(AuthorizeResult.DENY);
      const denied = await assess(body);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        `Not allowed: modelops.incident.assess on ${churn}`,
      );
      t.setPermissionDecision(AuthorizeResult.ALLOW);
      const unknown = await assess({ ...body, incidentId: 'INC-404' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        `incidentId: no incident INC-404 is recorded as opened on ${churn} (POST /delivery/events)`,
      );
      const otherModel = await assess({ ...body, entityRef: fraud });
      expect(otherModel.status).toBe(404);
    });

    it('answers 400 naming the field and rule', async () => {
      const notSerious = await assess({
        entityRef: churn,
        incidentId: 'INC-1',
        serious: false,
        rationale: 'Latency only',
        reportedAt: '2026-11-06T10:00:00Z',
      });
      expect(notSerious.status).toBe(400);
      expect(notSerious.body.error.message).toBe(
        'Invalid body: reportedAt: only a serious incident is reported',
      );
      const noRationale = await assess({
        entityRef: churn,
        incidentId: 'INC-1',
        serious: true,
        rationale: '  ',
        reportReference: 'X-1',
      });
      expect(noRationale.status).toBe(400);
      expect(noRationale.body.error.message).toMatch(/rationale: Too small/);
      expect(noRationale.body.error.message).toMatch(
        /reportReference: needs reportedAt/,
      );
      const list = await request(t.app).get('/delivery/incidents');
      expect(list.status).toBe(400);
      expect(list.body.error.message).toMatch(/^Invalid query: entityRef/);
    });
  });
});
