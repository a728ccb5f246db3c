import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import request from 'supertest';
import { setupRegistryProvider } from '../registries/__testUtils__/setupRegistryProvider';
import { createMlflowWebhookHandler } from './createMlflowWebhookHandler';
import { MlflowEntityProvider } from './MlflowEntityProvider';

const BASE = 'https://mlflow.example.com';
const SECRET = 'webhook-secret';
const NOW = new Date('2026-12-02T10:00:00Z');
const TIMESTAMP = String(NOW.getTime() / 1000);

// A model_version_alias.created delivery as MLflow 3 sends it.
const aliasCreated = JSON.stringify({
  entity: 'model_version_alias',
  action: 'created',
  timestamp: NOW.toISOString(),
  data: { name: 'credit-risk-scorer', alias: 'challenger', version: '7' },
});

function sign(body: string, secret = SECRET, timestamp = TIMESTAMP) {
  const mac = createHmac('sha256', secret)
    .update(`delivery-1.${timestamp}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

function setup() {
  const { provider, connection, logger } = setupRegistryProvider(
    MlflowEntityProvider.fromConfig,
    {
      mlflow: {
        prod: {
          baseUrl: BASE,
          defaults: { owner: 'group:default/ml' },
          webhook: { secret: SECRET },
        },
      },
    },
  );
  const audits: string[] = [];
  const handler = createMlflowWebhookHandler({
    targets: new Map([['prod', { provider, secret: provider.webhookSecret! }]]),
    logger,
    auditor: {
      createEvent: async ({ eventId }: { eventId: string }) => {
        audits.push(`${eventId} initiated`);
        return {
          success: async () => {
            audits.push(`${eventId} succeeded`);
          },
          fail: async () => {
            audits.push(`${eventId} failed`);
          },
        };
      },
    } as any,
    now: () => NOW,
  });
  const app = createServer((req, res) =>
    (handler as any)(req, res, () => {
      res.statusCode = 404;
      res.end();
    }),
  );
  return { provider, connection, app, audits };
}

function deliver(
  app: ReturnType<typeof setup>['app'],
  body: string,
  signature: string,
  timestamp = TIMESTAMP,
) {
  return request(app)
    .post('/modelops/mlflow/prod/webhook')
    .set('Content-Type', 'application/json')
    .set('X-MLflow-Signature', signature)
    .set('X-MLflow-Delivery-Id', 'delivery-1')
    .set('X-MLflow-Timestamp', timestamp)
    .send(body);
}

describe('createMlflowWebhookHandler', () => {
  // MLflow is mocked; supertest's requests to the handler pass through.
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  const reads: string[] = [];

  beforeEach(() => {
    reads.length = 0;
    server.use(
      http.get(
        `${BASE}/api/2.0/mlflow/registered-models/get`,
        ({ request: r }) => {
          reads.push(`get ${new URL(r.url).searchParams.get('name')}`);
          return HttpResponse.json({
            registered_model: {
              name: 'credit-risk-scorer',
              aliases: [
                { alias: 'champion', version: '6' },
                { alias: 'challenger', version: '7' },
              ],
            },
          });
        },
      ),
      http.get(
        `${BASE}/api/2.0/mlflow/model-versions/search`,
        ({ request: r }) => {
          reads.push(`versions ${new URL(r.url).searchParams.get('filter')}`);
          return HttpResponse.json({ model_versions: [] });
        },
      ),
      http.get(`${BASE}/api/2.0/mlflow/registered-models/search`, () => {
        reads.push('search all');
        return HttpResponse.json({});
      }),
    );
  });

  it('refreshes the one model a verified delivery names', async () => {
    const { provider, connection, app, audits } = setup();
    await provider.connect(connection);
    const res = await deliver(app, aliasCreated, sign(aliasCreated));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ refreshed: true, model: 'credit-risk-scorer' });
    expect(reads).toEqual([
      'get credit-risk-scorer',
      "versions name='credit-risk-scorer'",
    ]);
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const mutation = connection.applyMutation.mock.calls[0][0] as any;
    expect(mutation.type).toBe('delta');
    expect(mutation.removed).toEqual([]);
    expect(mutation.added.map((a: any) => a.entity.metadata.name)).toEqual([
      'credit-risk-scorer',
    ]);
    expect(
      mutation.added[0].entity.metadata.links.map((l: any) => l.title),
    ).toEqual([
      'MLflow model registry',
      'MLflow version 7 (alias challenger)',
      'MLflow version 6 (alias champion)',
    ]);
    expect(audits).toEqual([
      'mlflow-webhook-refresh initiated',
      'mlflow-webhook-refresh succeeded',
    ]);
  });

  it('refuses a bad signature, a wrong secret and a stale delivery before reading anything', async () => {
    const { provider, connection, app, audits } = setup();
    await provider.connect(connection);
    const tampered = aliasCreated.replace('challenger', 'champion');
    const bad = await deliver(app, tampered, sign(aliasCreated));
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toBe(
      'X-MLflow-Signature: does not verify with the configured webhook secret',
    );
    expect(
      (await deliver(app, aliasCreated, sign(aliasCreated, 'other-secret')))
        .status,
    ).toBe(401);
    const stale = String(NOW.getTime() / 1000 - 3600);
    const old = await deliver(
      app,
      aliasCreated,
      sign(aliasCreated, SECRET, stale),
      stale,
    );
    expect(old.status).toBe(401);
    expect(old.body.error.message).toContain('X-MLflow-Timestamp');
    const unsigned = await request(app)
      .post('/modelops/mlflow/prod/webhook')
      .send(aliasCreated);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.message).toBe(
      'X-MLflow-Signature: required header missing',
    );
    expect(reads).toEqual([]);
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(audits).toEqual([]);
  });

  it('answers events that change no model, and bad payloads, without a refresh', async () => {
    const { provider, connection, app } = setup();
    await provider.connect(connection);
    const prompt = JSON.stringify({
      entity: 'prompt',
      action: 'created',
      data: { name: 'p' },
    });
    const ignored = await deliver(app, prompt, sign(prompt));
    expect(ignored.status).toBe(202);
    expect(ignored.body).toEqual({
      refreshed: false,
      reason: 'event prompt.created does not change a model',
    });
    const nameless = JSON.stringify({
      entity: 'model_version',
      action: 'created',
      data: {},
    });
    const res = await deliver(app, nameless, sign(nameless));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'data.name: required, expected the registered model name',
    );
    const notJson = 'not json';
    expect((await deliver(app, notJson, sign(notJson))).status).toBe(400);
    expect(reads).toEqual([]);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('changes nothing when MLflow cannot be read', async () => {
    server.use(
      http.get(`${BASE}/api/2.0/mlflow/registered-models/get`, () =>
        HttpResponse.text('down', { status: 503 }),
      ),
    );
    const { provider, connection, app } = setup();
    await provider.connect(connection);
    const res = await deliver(app, aliasCreated, sign(aliasCreated));
    expect(res.status).toBe(502);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
