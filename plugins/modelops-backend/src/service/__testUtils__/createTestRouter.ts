/*
 * createTestRouter: mounts one feature router the way plugin.ts does (JSON
 * body parsing, then the router, then Backstage's error handler) with mock
 * services, for supertest. Requests carry the default mock user unless they
 * send another `Authorization` header from mockCredentials (service tokens,
 * `mockCredentials.none.header()` for a 401). The permission decision is
 * configurable per test; audit events and notifications are recorded.
 *
 *   const t = await createTestRouter(createEvidenceRouter, { database: knex,
 *     entities: [model] });
 *   t.setPermissionDecision(AuthorizeResult.DENY);
 *   await request(t.app).post('/evaluations').send(body).expect(403);
 */
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import express from 'express';
import type { Knex } from 'knex';
import type {
  ModelOpsFeatureRouterFactory,
  ModelOpsRouterOptions,
} from '../types';

/** A decision, or a function deciding per permission request. */
export type TestPermissionDecision =
  | AuthorizeResult.ALLOW
  | AuthorizeResult.DENY
  | ((
      request: AuthorizePermissionRequest,
    ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY);

/**
 * A decision that denies the given permissions and allows every other, for
 * tests of what a policy refusing one action stops:
 * `t.setPermissionDecision(denyOnly(feedbackUpdatePermission))`.
 */
export function denyOnly(
  ...permissions: Array<{ name: string }>
): TestPermissionDecision {
  const denied = new Set(permissions.map(p => p.name));
  return request =>
    denied.has(request.permission.name)
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW;
}

/** One audit event recorded by the test auditor. */
export interface RecordedAuditEvent {
  eventId: string;
  meta?: JsonObject;
  status: 'initiated' | 'succeeded' | 'failed';
  error?: Error;
}

/** Options of {@link createTestRouter}. */
export interface CreateTestRouterOptions {
  /** A migrated database (see initTestDatabase). */
  database: Knex;
  /** Entities the mock catalog holds. */
  entities?: Entity[];
  /**
   * A catalog to use instead of the mock holding `entities`, for tests of
   * what callers who may not see every entity get; the catalog read
   * permission is then answered conditional, as a policy hiding entities
   * would answer it.
   */
  catalog?: CatalogService;
  /** Initial permission decision; ALLOW by default. */
  permissionDecision?: TestPermissionDecision;
  /** Root config data. */
  config?: JsonObject;
}

/** What {@link createTestRouter} returns. */
export interface TestRouter {
  /** The express app to pass to supertest. */
  app: express.Express;
  /** The options the feature router factory received. */
  options: ModelOpsRouterOptions;
  /** Changes the permission decision for the following requests. */
  setPermissionDecision(decision: TestPermissionDecision): void;
  /** Every permission request made, in order. */
  permissionRequests: AuthorizePermissionRequest[];
  /** Every audit event, in order of creation. */
  auditEvents: RecordedAuditEvent[];
  /** Every notification sent. */
  notifications: NotificationSendOptions[];
}

function createRecordingAuditor(events: RecordedAuditEvent[]): AuditorService {
  return {
    async createEvent(options: AuditorServiceCreateEventOptions) {
      const event: RecordedAuditEvent = {
        eventId: options.eventId,
        meta: options.meta,
        status: 'initiated',
      };
      events.push(event);
      return {
        async success() {
          event.status = 'succeeded';
        },
        async fail({ error }) {
          event.status = 'failed';
          event.error = error;
        },
      };
    },
  };
}

/** Mounts a feature router with mock services for supertest. */
export async function createTestRouter(
  factory: ModelOpsFeatureRouterFactory,
  testOptions: CreateTestRouterOptions,
): Promise<TestRouter> {
  let decision: TestPermissionDecision =
    testOptions.permissionDecision ?? AuthorizeResult.ALLOW;
  const permissionRequests: AuthorizePermissionRequest[] = [];
  const auditEvents: RecordedAuditEvent[] = [];
  const notifications: NotificationSendOptions[] = [];

  const permissions: PermissionsService = {
    async authorize(requests) {
      permissionRequests.push(...requests);
      return requests.map(r => ({
        result: typeof decision === 'function' ? decision(r) : decision,
      }));
    },
    async authorizeConditional(requests) {
      return requests.map(r => {
        // A catalog that hides entities stands for a policy whose catalog
        // read is conditional: such a policy answers so, never ALLOW.
        if (
          testOptions.catalog &&
          r.permission.name === 'catalog.entity.read'
        ) {
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: [] },
            },
          };
        }
        return {
          result:
            typeof decision === 'function' ? AuthorizeResult.DENY : decision,
        };
      });
    },
  };
  const notificationService: NotificationService = {
    async send(options) {
      notifications.push(options);
    },
  };

  const options: ModelOpsRouterOptions = {
    logger: mockServices.logger.mock(),
    config: mockServices.rootConfig({ data: testOptions.config ?? {} }),
    database: testOptions.database,
    auth: mockServices.auth(),
    httpAuth: mockServices.httpAuth(),
    permissions,
    auditor: createRecordingAuditor(auditEvents),
    catalog:
      testOptions.catalog ??
      catalogServiceMock({ entities: testOptions.entities ?? [] }),
    scheduler: mockServices.scheduler.mock(),
    notifications: notificationService,
  };

  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.use(await factory(options));
  app.use(mockErrorHandler());

  return {
    app,
    options,
    setPermissionDecision(next) {
      decision = next;
    },
    permissionRequests,
    auditEvents,
    notifications,
  };
}
