import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { modelopsPlugin } from './plugin';

jest.setTimeout(60_000);

const notificationsFactory = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ send: jest.fn() }),
});

const model = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn', namespace: 'default' },
  spec: { owner: 'group:default/ml', lifecycle: 'production' },
};

describe('modelopsPlugin', () => {
  const mockDir = createMockDirectory({
    content: {
      'evaluations.json': JSON.stringify([
        {
          idempotencyKey: 'demo-1',
          modelRef: 'mlmodel:default/churn',
          modelVersion: '1',
          evaluatedAt: '2026-11-01T00:00:00Z',
          metrics: [{ name: 'auc', value: 0.9 }],
        },
      ]),
      'monitoring.json': '[]',
    },
  });

  it('starts, loads demo evidence and serves the evidence routes', async () => {
    const { server } = await startTestBackend({
      features: [
        modelopsPlugin,
        mockServices.rootConfig.factory({
          data: {
            modelops: { demoData: { evidenceDirectory: mockDir.path } },
          },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        catalogServiceMock.factory({ entities: [model] }),
        notificationsFactory,
      ],
    });

    const list = await request(server)
      .get('/api/modelops/evaluations')
      .query({ modelRef: 'mlmodel:default/churn' });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ idempotencyKey: 'demo-1', modelVersion: '1' }),
    ]);

    const posted = await request(server)
      .post('/api/modelops/monitoring-snapshots')
      .send({
        modelRef: 'mlmodel:default/churn',
        modelVersion: '1',
        windowStart: '2026-11-01T00:00:00Z',
        windowEnd: '2026-11-02T00:00:00Z',
        drift: [{ feature: '__output__', test: 'psi', statistic: 0.02 }],
      });
    expect(posted.status).toBe(201);

    const bad = await request(server)
      .post('/api/modelops/evaluations')
      .send({ modelRef: 'mlmodel:default/churn' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/modelVersion: /);
  });
});
