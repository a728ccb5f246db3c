import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RISK_CLASSIFIER_VERSION,
  riskAssessmentCreatePermission,
  type RiskAssessmentList,
} from '@modelops/plugin-modelops-common';
import request from 'supertest';
import {
  routerTestSetup,
  testModel,
  type TestRouter,
} from '../service/__testUtils__';
import { createRiskAssessmentsRouter } from './createRiskAssessmentsRouter';
import { DatabaseRiskAssessmentStore } from './DatabaseRiskAssessmentStore';

jest.setTimeout(60_000);

const scorer = 'mlmodel:default/credit-risk-scorer';
const priya = mockCredentials.user.header('user:default/priya.raman');
const creditScoring = {
  annexIIIPoints: ['5(b)'],
  profilesNaturalPersons: true,
};

const startRouter = routerTestSetup(options =>
  createRiskAssessmentsRouter(
    options,
    DatabaseRiskAssessmentStore.create({ knex: options.database }),
  ),
);

describe('createRiskAssessmentsRouter', () => {
  let t: TestRouter;

  beforeEach(async () => {
    t = await startRouter({
      entities: [
        testModel(
          'credit-risk-scorer',
          { owner: 'group:default/risk-ml' },
          { ownerRelation: true },
        ),
      ],
    });
  });

  const post = (body: object, auth = priya) =>
    request(t.app)
      .post('/risk-assessments')
      .set('Authorization', auth)
      .send(body);

  it('classifies the answers itself and records the caller as author', async () => {
    const res = await post({
      entityRef: 'mlmodel:default/Credit-Risk-Scorer',
      answers: creditScoring,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      entityRef: scorer,
      answers: creditScoring,
      tier: 'high',
      domain: expect.any(String),
      annexIIIPoints: ['5(b)'],
      classifierVersion: RISK_CLASSIFIER_VERSION,
      assessedBy: 'user:default/priya.raman',
      assessedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    expect(t.permissionRequests.map(r => r.permission.name)).toContain(
      riskAssessmentCreatePermission.name,
    );
    expect(t.auditEvents).toEqual([
      {
        eventId: 'risk-assessment-create',
        meta: {
          entityRef: scorer,
          tier: 'high',
          classifierVersion: RISK_CLASSIFIER_VERSION,
        },
        status: 'succeeded',
      },
    ]);

    await post({ entityRef: scorer, answers: {} });
    const list = await request(t.app)
      .get('/risk-assessments')
      .set('Authorization', priya)
      .query({ entityRef: scorer });
    expect(list.status).toBe(200);
    expect(
      (list.body as RiskAssessmentList).items.map(a => [a.tier, a.assessedBy]),
    ).toEqual([
      ['minimal', 'user:default/priya.raman'],
      ['high', 'user:default/priya.raman'],
    ]);
  });

  it('refuses a tier or an author in the body, and unknown answers, naming the field', async () => {
    const withTier = await post({
      entityRef: scorer,
      answers: {},
      tier: 'minimal',
    });
    expect(withTier.status).toBe(400);
    expect(withTier.body.error.message).toMatch(/tier/);
    const withAuthor = await post({
      entityRef: scorer,
      answers: { assessedBy: 'user:default/someone-else' },
    });
    expect(withAuthor.status).toBe(400);
    expect(withAuthor.body.error.message).toMatch(/answers.*assessedBy/);
    const badPoint = await post({
      entityRef: scorer,
      answers: { annexIIIPoints: ['9(z)'] },
    });
    expect(badPoint.status).toBe(400);
    expect(badPoint.body.error.message).toMatch(/answers\.annexIIIPoints\.0/);
    expect(t.auditEvents).toEqual([]);
  });

  it('refuses services, callers without the permission and models not in the catalog', async () => {
    expect(
      (
        await post(
          { entityRef: scorer, answers: {} },
          mockCredentials.service.header(),
        )
      ).status,
    ).toBe(403);
    expect(
      (await post({ entityRef: 'mlmodel:default/unknown', answers: {} }))
        .status,
    ).toBe(404);
    t.setPermissionDecision(AuthorizeResult.DENY);
    const denied = await post({ entityRef: scorer, answers: {} });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(
      /modelops\.risk-assessment\.create/,
    );
    expect(t.auditEvents).toEqual([]);
  });
});
