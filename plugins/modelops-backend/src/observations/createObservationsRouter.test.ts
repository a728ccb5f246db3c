import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  evaluateRule,
  observationsWritePermission,
  type SourceObjectReport,
} from '@modelops/plugin-modelops-common';
import request from 'supertest';
import { productionReadinessPack } from '../scorecards/packs/productionReadinessPack';
import {
  denyOnly,
  routerTestSetup,
  testModel,
  type TestRouter,
} from '../service/__testUtils__';
import { createObservationsRouter } from './createObservationsRouter';
import { DatabaseObservationStore } from './DatabaseObservationStore';
import { ObservationFactProvider } from './ObservationFactProvider';

jest.setTimeout(60_000);

const startRouter = routerTestSetup(createObservationsRouter);

// The demo model declares a canary rollout and fixed replicas.
const demo = testModel('credit-risk-scorer', {
  owner: 'group:default/risk-ml',
  format: 'onnx',
  deployment: {
    serving: 'kubernetes',
    strategy: 'canary',
    autoscaling: { minReplicas: 2, maxReplicas: 6 },
  },
});
const demoRef = 'mlmodel:default/credit-risk-scorer';
// Named from the model's side instead of the InferenceService's.
const annotated = {
  ...testModel('fraud', { owner: 'group:default/risk-ml' }),
  metadata: {
    name: 'fraud',
    namespace: 'default',
    annotations: {
      'modelops.dev/kserve-inference-service': 'prod/fraud/fraud',
    },
  },
};

function isvc(
  serving: Partial<NonNullable<SourceObjectReport['serving']>>,
): SourceObjectReport {
  return {
    sourceObject: 'prod/risk/credit-risk-scorer',
    entityRef: demoRef,
    notes: [],
    serving: {
      cluster: 'prod',
      namespace: 'risk',
      name: 'credit-risk-scorer',
      modelFormat: 'onnx',
      ready: true,
      ...serving,
    },
  };
}

const check = (id: string) =>
  productionReadinessPack.find(c => c.id === `production-readiness.${id}`)!;

describe('createObservationsRouter', () => {
  let t: TestRouter;

  beforeEach(async () => {
    t = await startRouter({ entities: [demo, annotated] });
  });

  function put(body: unknown, source = 'KServeEntityProvider') {
    return request(t.app)
      .put(`/observations/sources/${encodeURIComponent(source)}`)
      .set('Authorization', mockCredentials.service.header())
      .send(body as object);
  }

  async function facts(entity = demo) {
    const provider = ObservationFactProvider.create({
      store: DatabaseObservationStore.create({ knex: t.options.database }),
    });
    const map = await provider.getFacts([entity], { now: new Date() });
    return {
      entity,
      observed: map.get(`mlmodel:default/${entity.metadata.name}`),
    };
  }

  it('flips the canary and autoscaling checks with what the cluster serves', async () => {
    // Before any observation the checks read the YAML, which declares both.
    let f = await facts();
    expect(f.observed).toBeUndefined();
    expect(evaluateRule(check('canary-served').rule, f).passed).toBe(true);
    expect(evaluateRule(check('autoscaling-served').rule, f).passed).toBe(true);

    // The cluster serves without a canary and at a fixed two replicas.
    expect(
      (await put({ reports: [isvc({ minReplicas: 2, maxReplicas: 2 })] }))
        .status,
    ).toBe(200);
    f = await facts();
    const canary = evaluateRule(check('canary-served').rule, f);
    expect(canary).toEqual({
      passed: false,
      message: expect.stringContaining(
        'expected serving canary traffic percent (observed) to be set',
      ),
    });
    expect(evaluateRule(check('autoscaling-served').rule, f)).toEqual({
      passed: false,
      message: expect.stringContaining(
        'expected serving autoscales (observed) to be true; found false',
      ),
    });

    // A canary at 10 % and room to scale to 6 replicas: both pass again.
    await put({
      reports: [
        isvc({ canaryTrafficPercent: 10, minReplicas: 2, maxReplicas: 6 }),
      ],
    });
    f = await facts();
    expect(f.observed).toMatchObject({
      serving: {
        source: 'InferenceService risk/credit-risk-scorer on cluster prod',
        canaryTrafficPercent: 10,
        autoscales: true,
      },
    });
    expect(evaluateRule(check('canary-served').rule, f).passed).toBe(true);
    expect(evaluateRule(check('autoscaling-served').rule, f).passed).toBe(true);
  });

  it('shows where the YAML and the cluster disagree', async () => {
    await put({
      reports: [
        isvc({ minReplicas: 1, maxReplicas: 6, modelFormat: 'sklearn' }),
      ],
    });
    const res = await request(t.app)
      .get('/observations')
      .query({ entityRef: demoRef })
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const where = 'InferenceService risk/credit-risk-scorer on cluster prod';
    expect(res.body.disagreements).toEqual([
      {
        field: 'spec.deployment.strategy',
        value: 'canary',
        reason: `${where} sets no canaryTrafficPercent`,
      },
      {
        field: 'spec.deployment.autoscaling.minReplicas',
        value: '2',
        reason: `${where} has minReplicas 1`,
      },
      {
        field: 'spec.format',
        value: 'onnx',
        reason: `${where} serves model format sklearn`,
      },
    ]);
    expect(res.body.reports).toHaveLength(1);
  });

  it('reads serving objects a model names by its annotation', async () => {
    await put({
      reports: [
        {
          sourceObject: 'prod/fraud/fraud',
          notes: [],
          serving: {
            cluster: 'prod',
            namespace: 'fraud',
            name: 'fraud',
            minReplicas: 1,
            maxReplicas: 3,
          },
        },
      ],
    });
    const f = await facts(annotated);
    expect(f.observed).toMatchObject({ serving: { autoscales: true } });
    const res = await request(t.app)
      .get('/observations')
      .query({ entityRef: 'mlmodel:default/fraud' })
      .set('Authorization', mockCredentials.user.header());
    expect(
      res.body.reports.map((r: { sourceObject: string }) => r.sourceObject),
    ).toEqual(['prod/fraud/fraud']);
  });

  it('audits a snapshot and checks the write permission', async () => {
    await put({ reports: [isvc({})] });
    expect(t.auditEvents).toEqual([
      {
        eventId: 'observations-replace',
        meta: { source: 'KServeEntityProvider', reports: 1 },
        status: 'succeeded',
      },
    ]);
    expect(t.permissionRequests.map(r => r.permission.name)).toEqual([
      observationsWritePermission.name,
    ]);
    t.setPermissionDecision(denyOnly(observationsWritePermission));
    expect((await put({ reports: [] })).status).toBe(403);
    t.setPermissionDecision(AuthorizeResult.ALLOW);
  });

  it('refuses bad input with the field and the rule', async () => {
    const bad = await put({
      reports: [
        {
          sourceObject: 'x',
          notes: [{ field: 'f' }],
          entityRef: 'component:a',
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('reports.0.notes.0.reason');
    expect(bad.body.error.message).toContain(
      'reports.0.entityRef: expected a mlmodel entity ref',
    );
    const badSource = await put({ reports: [] }, 'no spaces allowed');
    expect(badSource.status).toBe(400);
    expect(badSource.body.error.message).toContain('source: expected 1 to 120');

    const unknown = await request(t.app)
      .get('/observations')
      .query({ entityRef: 'mlmodel:default/missing' })
      .set('Authorization', mockCredentials.user.header());
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('entityRef');
  });

  it('needs authentication', async () => {
    const nobody = mockCredentials.none.header();
    const res = await request(t.app)
      .get('/observations')
      .query({ entityRef: demoRef })
      .set('Authorization', nobody);
    expect(res.status).toBe(401);
    const write = await request(t.app)
      .put('/observations/sources/KServeEntityProvider')
      .set('Authorization', nobody)
      .send({ reports: [] });
    expect(write.status).toBe(401);
  });
});
