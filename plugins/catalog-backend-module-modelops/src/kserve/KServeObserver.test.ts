import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { SourceObjectReport } from '@modelops/plugin-modelops-common';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { KServeObserver } from './KServeObserver';

const CLUSTER = 'https://prod.k8s.example.com';
const LIST = `${CLUSTER}/apis/serving.kserve.io/v1beta1/inferenceservices`;

// Shaped from the KServe v1beta1 InferenceService reference: a predictor
// with the model spec (format, runtime), canary traffic and replica bounds,
// and the status with the URL and the Ready condition.
function isvc(name: string, predictor: object, annotations?: object) {
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name,
      namespace: 'risk',
      ...(annotations ? { annotations } : {}),
    },
    spec: { predictor },
    status: {
      url: `https://${name}.risk.example.com`,
      conditions: [
        { type: 'PredictorReady', status: 'True' },
        { type: 'Ready', status: 'True' },
      ],
    },
  };
}

const scorer = isvc(
  'credit-risk-scorer',
  {
    model: {
      modelFormat: { name: 'onnx' },
      runtime: 'kserve-tritonserver',
      storageUri: 's3://models/credit-risk-scorer/6',
    },
    canaryTrafficPercent: 10,
    minReplicas: 2,
    maxReplicas: 6,
    scaleTarget: 80,
    scaleMetric: 'cpu',
  },
  { 'modelops.dev/model': 'credit-risk-scorer' },
);
const legacy = isvc('churn', {
  sklearn: { storageUri: 'gs://m/churn' },
  minReplicas: 1,
});
const garbled = isvc(
  'fraud',
  {
    model: { modelFormat: { name: 'xgboost' } },
    canaryTrafficPercent: 'ten',
    maxReplicas: -1,
  },
  { 'modelops.dev/model': 'component:default/fraud' },
);

function list(items: object[], next?: string) {
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceServiceList',
    metadata: { resourceVersion: '42', ...(next ? { continue: next } : {}) },
    items,
  };
}

function setup() {
  const published: Array<{ source: string; reports: SourceObjectReport[] }> =
    [];
  const logs: string[] = [];
  const logger: any = {
    error: (m: string) => logs.push(`error ${m}`),
    warn: (m: string) => logs.push(`warn ${m}`),
    info: (m: string) => logs.push(`info ${m}`),
    debug: () => {},
    child: () => logger,
  };
  const scheduled: any[] = [];
  const observer = KServeObserver.fromConfig(
    new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'prod',
                url: CLUSTER,
                authProvider: 'serviceAccount',
                serviceAccountToken: 'sa-token',
              },
              {
                name: 'eks',
                url: 'https://eks.example.com',
                authProvider: 'aws',
              },
            ],
          },
        ],
      },
      catalog: { providers: { modelops: { kserve: {} } } },
    }),
    {
      logger,
      scheduler: { scheduleTask: async (t: any) => scheduled.push(t) } as any,
      publisher: {
        publish: async (source, reports) => {
          published.push({ source, reports });
        },
      },
      timeoutMs: 200,
    },
  )!;
  return { observer, published, logs, scheduled };
}

describe('KServeObserver', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('is off without its config block', () => {
    expect(
      KServeObserver.fromConfig(new ConfigReader({}), {} as any),
    ).toBeUndefined();
  });

  it('schedules one task and says which clusters it cannot read', async () => {
    const { observer, scheduled, logs } = setup();
    await observer.schedule();
    expect(scheduled.map(t => t.id)).toEqual(['modelops-kserve-observer']);
    expect(logs).toEqual([
      'warn Cluster eks is not observed: authProvider aws is not supported; use serviceAccount with serviceAccountToken',
    ]);
  });

  it('pages through the InferenceServices of a cluster and records what runs', async () => {
    const tokens: Array<string | null> = [];
    server.use(
      http.get(LIST, ({ request }) => {
        expect(request.headers.get('authorization')).toBe('Bearer sa-token');
        const token = new URL(request.url).searchParams.get('continue');
        tokens.push(token);
        return HttpResponse.json(
          token === 'page-2'
            ? list([legacy, garbled])
            : list([scorer], 'page-2'),
        );
      }),
    );
    const { observer, published, logs } = setup();
    expect(await observer.run()).toEqual([
      { cluster: 'prod', published: true, inferenceServices: 3 },
    ]);
    expect(tokens).toEqual([null, 'page-2']);
    expect(published).toHaveLength(1);
    expect(published[0].source).toBe('KServeObserver:prod');
    expect(published[0].reports).toEqual([
      {
        sourceObject: 'prod/risk/credit-risk-scorer',
        entityRef: 'mlmodel:default/credit-risk-scorer',
        notes: [],
        serving: {
          cluster: 'prod',
          namespace: 'risk',
          name: 'credit-risk-scorer',
          runtime: 'kserve-tritonserver',
          modelFormat: 'onnx',
          canaryTrafficPercent: 10,
          minReplicas: 2,
          maxReplicas: 6,
          scaleTarget: 80,
          scaleMetric: 'cpu',
          url: 'https://credit-risk-scorer.risk.example.com',
          ready: true,
        },
      },
      {
        sourceObject: 'prod/risk/churn',
        notes: [
          {
            field: 'metadata.annotations.modelops.dev/model',
            reason:
              'names no MLModel; annotate the InferenceService, or name it from the model with modelops.dev/kserve-inference-service',
          },
        ],
        serving: {
          cluster: 'prod',
          namespace: 'risk',
          name: 'churn',
          modelFormat: 'sklearn',
          minReplicas: 1,
          url: 'https://churn.risk.example.com',
          ready: true,
        },
      },
      {
        sourceObject: 'prod/risk/fraud',
        notes: [
          {
            field: 'spec.predictor.canaryTrafficPercent',
            value: '"ten"',
            reason: 'expected a whole number from 0 to 100',
          },
          {
            field: 'spec.predictor.maxReplicas',
            value: '-1',
            reason: 'expected a whole number from 0 to 1000000',
          },
          {
            field: 'metadata.annotations.modelops.dev/model',
            value: 'component:default/fraud',
            reason:
              'expected an MLModel entity ref such as mlmodel:default/name',
          },
        ],
        serving: {
          cluster: 'prod',
          namespace: 'risk',
          name: 'fraud',
          modelFormat: 'xgboost',
          url: 'https://fraud.risk.example.com',
          ready: true,
        },
      },
    ]);
    // Notes are logged once; the same answer again logs nothing new.
    const warnings = logs.filter(l => l.startsWith('warn')).length;
    expect(warnings).toBe(2);
    await observer.run();
    expect(logs.filter(l => l.startsWith('warn')).length).toBe(warnings);
  });

  describe('publishes nothing for a cluster it cannot read', () => {
    const cases: Array<[string, () => void, string]> = [
      [
        'an expired or refused token',
        () =>
          server.use(
            http.get(LIST, () =>
              HttpResponse.json(
                {
                  kind: 'Status',
                  status: 'Failure',
                  reason: 'Unauthorized',
                  code: 401,
                },
                { status: 401 },
              ),
            ),
          ),
        'answered 401',
      ],
      [
        'an answer that is not a list',
        () =>
          server.use(
            http.get(LIST, () =>
              HttpResponse.json({ kind: 'Status', items: 'none' }),
            ),
          ),
        'unexpected shape: kind: expected kind InferenceServiceList',
      ],
      [
        'HTML from a proxy',
        () =>
          server.use(
            http.get(LIST, () => HttpResponse.html('<html>login</html>')),
          ),
        'not JSON',
      ],
      [
        'a server that disappears mid-page',
        () =>
          server.use(
            http.get(LIST, ({ request }) =>
              new URL(request.url).searchParams.get('continue')
                ? HttpResponse.error()
                : HttpResponse.json(list([scorer], 'page-2')),
            ),
          ),
        'failed',
      ],
      [
        'a continue token that expired between pages',
        () =>
          server.use(
            http.get(LIST, ({ request }) =>
              new URL(request.url).searchParams.get('continue')
                ? HttpResponse.json(
                    { kind: 'Status', reason: 'Expired', code: 410 },
                    { status: 410 },
                  )
                : HttpResponse.json(list([scorer], 'page-2')),
            ),
          ),
        'answered 410',
      ],
      [
        'a server that never answers',
        () =>
          server.use(
            http.get(LIST, async () => {
              await delay('infinite');
              return HttpResponse.json(list([]));
            }),
          ),
        'no answer within 200 ms',
      ],
    ];
    it.each(cases)('%s', async (_name, arrange, reason) => {
      arrange();
      const { observer, published, logs } = setup();
      expect(await observer.run()).toEqual([
        { cluster: 'prod', published: false, inferenceServices: 0 },
      ]);
      expect(published).toEqual([]);
      expect(logs.find(l => l.startsWith('error'))).toContain(reason);
    });
  });
});
