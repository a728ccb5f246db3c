import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  modelopsChecksExtensionPoint,
  modelopsFactProvidersExtensionPoint,
} from '@modelops/plugin-modelops-node';
import request from 'supertest';
import { modelopsPlugin } from '../plugin';
import { mlGroup, productionModel } from './testFixtures';

jest.setTimeout(60_000);

const acmeModule = createBackendModule({
  pluginId: 'modelops',
  moduleId: 'acme-checks',
  register(env) {
    env.registerInit({
      deps: {
        checks: modelopsChecksExtensionPoint,
        factProviders: modelopsFactProvidersExtensionPoint,
      },
      async init({ checks, factProviders }) {
        factProviders.addFactProvider({
          id: 'pentest',
          async getFacts(entities) {
            return new Map(
              entities.map(e => [
                stringifyEntityRef(e),
                { passed: e.metadata.name === 'safe' },
              ]),
            );
          },
        });
        checks.addCheck({
          id: 'acme.pentest',
          title: 'Penetration tested',
          description: 'The serving endpoint passed its last penetration test.',
          rationale: { practice: 'Module 9: code review checklists' },
          appliesTo: { kinds: ['MLModel'] },
          severity: 'error',
          remediation: { text: 'Book a penetration test.' },
          pack: 'security',
          level: 'bronze',
          evaluate: ({ facts }) =>
            (facts.pentest as { passed?: boolean } | undefined)?.passed
              ? { passed: true }
              : { passed: false, message: 'pentest.passed is not true' },
        });
      },
    });
  },
});

describe('scorecard extension points', () => {
  it('run checks and fact providers that modules add', async () => {
    const { server } = await startTestBackend({
      features: [
        modelopsPlugin,
        acmeModule,
        mockServices.rootConfig.factory({
          data: {
            modelops: {
              scorecards: { disabledChecks: ['ownership.recent-review'] },
            },
          },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        catalogServiceMock.factory({
          entities: [mlGroup, productionModel('safe'), productionModel('open')],
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: jest.fn() }),
        }),
      ],
    });

    const checks = await request(server)
      .get('/api/modelops/scorecards/checks')
      .expect(200);
    const ids = checks.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain('acme.pentest');
    expect(ids).not.toContain('ownership.recent-review');

    await request(server)
      .post('/api/modelops/scorecards/evaluate')
      .send({})
      .expect(200);
    const open = await request(server)
      .get('/api/modelops/scorecards/entity?entityRef=mlmodel:default/open')
      .expect(200);
    expect(open.body.failing).toContainEqual(
      expect.objectContaining({
        checkId: 'acme.pentest',
        message: 'pentest.passed is not true',
      }),
    );
    const safe = await request(server)
      .get('/api/modelops/scorecards/entity?entityRef=mlmodel:default/safe')
      .expect(200);
    // The module's pack has one bronze check: passing it reaches bronze, and
    // no level above it is claimed, because nothing at silver or gold ran.
    expect(safe.body.packs).toContainEqual(
      expect.objectContaining({
        pack: 'security',
        level: 'bronze',
        passing: 1,
      }),
    );
  });
});
