/*
 * The actions run in a real test backend against the plugin's real routes:
 * answers come from the catalog and the stores, a refused permission is
 * refused with the route's error, and a write is stored and audited by the
 * route, on SQLite and PostgreSQL.
 */
import {
  coreServices,
  createServiceFactory,
  type AuditorService,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { feedbackCreatePermission } from '@modelops/plugin-modelops-common';
import { modelopsPlugin } from '../plugin';

jest.setTimeout(120_000);

const USER = 'user:default/alice';
const model = (name: string, risk: JsonObject): Entity => ({
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'group:default/ml', lifecycle: 'production', risk },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/ml' }],
});
const ENTITIES = [
  model('assessed', {
    tier: 'high',
    impactAssessment: { url: 'https://grc.example/aia/1', date: '2026-01-02' },
  }),
  model('unassessed', { tier: 'high' }),
  model('minimal', { tier: 'minimal' }),
];

describe('ModelOps actions', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: TestBackend;
    const registry = actionsRegistryServiceMock();
    const audits: Array<{ eventId: string; meta?: any; status: string }> = [];
    let denied: string[] = [];

    beforeAll(async () => {
      const permissions: PermissionsService = {
        authorize: async requests =>
          requests.map(r => ({
            result: denied.includes(r.permission.name)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
          })),
        authorizeConditional: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      };
      const auditor: AuditorService = {
        async createEvent(event) {
          const recorded = {
            eventId: event.eventId,
            meta: event.meta,
            status: 'initiated',
          };
          audits.push(recorded);
          return {
            success: async () => {
              recorded.status = 'succeeded';
            },
            fail: async () => {
              recorded.status = 'failed';
            },
          };
        },
      };
      backend = await startTestBackend({
        features: [
          modelopsPlugin,
          mockServices.rootConfig.factory({
            data: {
              modelops: { changes: { reviewGroup: 'group:default/ml' } },
            },
          }),
          mockServices.database.factory({
            knex: await databases.init(databaseId),
          }),
          catalogServiceMock.factory({ entities: ENTITIES }),
          createServiceFactory({
            service: coreServices.permissions,
            deps: {},
            factory: () => permissions,
          }),
          createServiceFactory({
            service: coreServices.auditor,
            deps: {},
            factory: () => auditor,
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => registry,
          }),
        ],
      });
    });
    afterAll(() => backend?.stop());
    beforeEach(() => {
      denied = [];
    });

    // The mock registry names every action test:<name>.
    const invoke = (name: string, input: Record<string, any>) =>
      registry.invoke({
        id: `test:${name}`,
        input,
        credentials: mockCredentials.user(USER),
      });

    it('finds the high-risk models without an impact assessment, with the total', async () => {
      const { output } = await invoke('find-ml-entities', {
        riskTier: 'high',
        impactAssessment: 'missing',
      });
      expect(output).toMatchObject({
        total: 1,
        items: [
          {
            entityRef: 'mlmodel:default/unassessed',
            hasImpactAssessment: false,
          },
        ],
      });
      const page = (await invoke('find-ml-entities', { limit: 2 })) as any;
      expect(page.output.total).toBe(3);
      expect(page.output.items).toHaveLength(2);
    });

    it('lists the EU AI Act obligations of a model with their dates, failing first', async () => {
      const { output } = (await invoke('get-model-obligations', {
        model: 'unassessed',
      })) as any;
      expect(output.entityRef).toBe('mlmodel:default/unassessed');
      const counted = Object.values(output.counts as Record<string, number>);
      expect(counted.reduce((a, b) => a + b, 0)).toBe(output.obligations.total);
      // Never evaluated here, so nothing is met or failing yet; the
      // obligations that bind it are not evidenced, the rest not applicable.
      const rank = ['failing', 'not-evidenced', 'met', 'not-applicable'];
      const ranks = output.obligations.items.map((o: any) =>
        rank.indexOf(o.status),
      );
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(output.counts.failing + output.counts.met).toBe(0);
      const art11 = output.obligations.items.find(
        (o: any) => o.id === 'eu-ai-act.art-11-1',
      );
      expect(art11).toMatchObject({
        citation: expect.stringMatching(/Art\. 11/),
        scope: 'applies',
        appliesFrom: '2027-12-02',
        inForce: false,
      });

      const minimal = (await invoke('get-model-obligations', {
        model: 'minimal',
        status: 'failing',
      })) as any;
      expect(minimal.output.obligations.items).toEqual([]);
      expect(minimal.output.counts.failing).toBe(0);
      await expect(
        invoke('get-annex-iv-dossier', { model: 'nowhere' }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: 'model: mlmodel:default/nowhere is not a model in the catalog',
      });
    });

    it('stores and audits a problem report through the route, as the caller', async () => {
      const before = audits.length;
      const { output } = (await invoke('report-model-problem', {
        entityRef: 'unassessed',
        category: 'outage',
        text: 'Timeouts since the last deployment.',
      })) as any;
      expect(output).toMatchObject({
        entityRef: 'mlmodel:default/unassessed',
        reporterRef: USER,
        state: 'open',
      });
      expect(audits.slice(before)).toEqual([
        {
          eventId: 'feedback-create',
          meta: {
            category: 'outage',
            entityRef: 'mlmodel:default/unassessed',
          },
          status: 'succeeded',
        },
      ]);
      const blockers = (await invoke('get-production-blockers', {
        model: 'unassessed',
      })) as any;
      expect(blockers.output.unresolvedFeedback.total).toBe(1);
      expect(blockers.output.readyForProduction).toBe(false);
    });

    it('is refused without the permission, with the route error, and writes nothing', async () => {
      denied = [feedbackCreatePermission.name];
      const before = audits.length;
      await expect(
        invoke('report-model-problem', {
          entityRef: 'minimal',
          category: 'outage',
          text: 'Down.',
        }),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: `Not allowed: ${feedbackCreatePermission.name} on mlmodel:default/minimal`,
      });
      expect(audits.slice(before)).toEqual([]);
      denied = [];
      const blockers = (await invoke('get-production-blockers', {
        model: 'minimal',
      })) as any;
      expect(blockers.output.unresolvedFeedback.total).toBe(0);
    });

    it('answers bad input with the route message naming the field', async () => {
      await expect(
        invoke('request-waiver', {
          entityRef: 'unassessed',
          checkId: 'responsible-ai.impact-assessment',
          reason: 'The assessment is with legal.',
          expiresAt: '2020-01-01',
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: 'Invalid body: expiresAt: must be in the future',
      });
      await expect(
        invoke('get-model-card', { model: 'nowhere' }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: 'model: mlmodel:default/nowhere is not a model in the catalog',
      });
    });
  });
});
