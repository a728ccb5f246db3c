/*
 * startHardeningBackend: starts the real modelops plugin (plugin.ts, with
 * every feature router it mounts) in a test backend and captures the router
 * it hands to httpRouter. The captured router is served by a plain express
 * app on loopback, so thousands of requests cost well under a millisecond
 * each, and its stack is walked to discover every route: new routes are
 * covered by the hardening suites without editing a list.
 *
 * The permission service is a policy switch (ALLOW, DENY or CONDITIONAL,
 * the latter resolving "is entity owner" per resource the way the catalog's
 * conditional rules would), and the auditor records every event.
 */
import {
  coreServices,
  createServiceFactory,
  type AuditorService,
  type BackstageCredentials,
  type LoggerService,
  type PermissionsService,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { auditorServiceFactory } from '@backstage/backend-defaults/auditor';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  isResourcePermission,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import express, { type Handler } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Knex } from 'knex';
import { modelopsPlugin } from '../../plugin';
import { ModelOpsPermissionPolicy } from '@modelops/plugin-permission-backend-module-modelops-policy';
import { normalizeEntityRef } from '../../service/CatalogMembership';
import {
  ENTITIES,
  memberships,
  OWNER_GROUP,
  ownerOf,
} from './hardeningCatalog';

/** The route the generated OpenAPI router serves its spec on. */
export const OPENAPI_SPEC_PATH = '/openapi.json';

/**
 * The decision the test permission policy gives. `SHIPPED` is the shipped
 * ModelOpsPermissionPolicy with the owner's group as review board and
 * campaign managers, its conditions resolved against the hardening catalog,
 * and service principals decided as Backstage decides them (allowed, since
 * their tokens carry no access restrictions here).
 */
export type PolicyMode = 'ALLOW' | 'DENY' | 'CONDITIONAL' | 'SHIPPED';

type PolicyQueryUser = NonNullable<
  Parameters<ModelOpsPermissionPolicy['handle']>[1]
>;

const shippedPolicy = new ModelOpsPermissionPolicy({
  roles: { reviewBoard: [OWNER_GROUP], campaignManagers: [OWNER_GROUP] },
});

function policyUser(userEntityRef: string): PolicyQueryUser {
  return {
    info: {
      userEntityRef,
      ownershipEntityRefs: [...memberships(userEntityRef)],
    },
  } as PolicyQueryUser;
}

// The catalog's IS_ENTITY_OWNER and IS_ENTITY_KIND rules over one entity.
function matches(criteria: any, entityRef: string): boolean {
  if (criteria.anyOf)
    return criteria.anyOf.some((c: any) => matches(c, entityRef));
  if (criteria.allOf)
    return criteria.allOf.every((c: any) => matches(c, entityRef));
  if (criteria.not) return !matches(criteria.not, entityRef);
  if (criteria.rule === 'IS_ENTITY_OWNER') {
    const owner = ownerOf(entityRef);
    return (
      owner !== undefined &&
      criteria.params.claims.map(normalizeEntityRef).includes(owner)
    );
  }
  if (criteria.rule === 'IS_ENTITY_KIND') {
    const kind = entityRef.split(':')[0];
    return criteria.params.kinds
      .map(normalizeEntityRef)
      .includes(normalizeEntityRef(kind));
  }
  throw new Error(`Unknown rule in ${JSON.stringify(criteria)}`);
}

async function decideShipped(
  request: AuthorizePermissionRequest,
  credentials: BackstageCredentials,
): Promise<AuthorizeResult.ALLOW | AuthorizeResult.DENY> {
  const principal = credentials.principal as any;
  if (principal.type === 'service') return AuthorizeResult.ALLOW;
  if (principal.type !== 'user') return AuthorizeResult.DENY;
  const decision = await shippedPolicy.handle(
    { permission: request.permission } as any,
    policyUser(principal.userEntityRef),
  );
  if (decision.result !== AuthorizeResult.CONDITIONAL) return decision.result;
  return request.resourceRef &&
    matches(decision.conditions, request.resourceRef)
    ? AuthorizeResult.ALLOW
    : AuthorizeResult.DENY;
}

/** One route found in the plugin's router. */
export interface DiscoveredRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express path, with `:params`. */
  path: string;
}

/** One auditor event with the actor and outcome. */
export interface RecordedAudit {
  eventId: string;
  meta?: JsonObject;
  actor?: string;
  status: 'initiated' | 'succeeded' | 'failed';
  error?: Error;
}

/** What a request of the harness answers. */
export interface HarnessResponse {
  status: number;
  text: string;
  /** The body as sent, for binary answers such as the PDF dossier. */
  bytes: Buffer;
  /** Parsed JSON body, undefined when the body is not JSON. */
  body: any;
  headers: Headers;
}

/** Options of one request. */
export interface HarnessRequest {
  method: string;
  path: string;
  /** The Authorization header; omitted means the default mock user. */
  authorization?: string;
  /** A JSON value to send as application/json. */
  json?: unknown;
  /** A raw body, sent as is with `contentType`. */
  raw?: string | Buffer;
  contentType?: string;
  query?: Record<string, string | string[]>;
}

/** A started hardening backend. */
export interface HardeningBackend {
  knex: Knex;
  /** Where the plugin's router is served on loopback, without a trailing slash. */
  baseUrl: string;
  routes: DiscoveredRoute[];
  audits: RecordedAudit[];
  setPolicy(mode: PolicyMode): void;
  request(req: HarnessRequest): Promise<HarnessResponse>;
  /** Rows per table of the plugin's database, migration tables excluded. */
  rowCounts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Options of {@link startHardeningBackend}. */
export interface StartHardeningBackendOptions {
  knex: Knex;
  config?: JsonObject;
  /**
   * `mock` (default): tasks are registered but never run. `database`: the
   * real scheduler of backend-defaults on the plugin's database, whose
   * global tasks take a lock there, as replicas sharing PostgreSQL do.
   */
  scheduler?: 'mock' | 'database';
  /** Catalog content; the hardening organisation by default. */
  entities?: Entity[];
  /** A catalog service to use instead of the in-memory mock of `entities`. */
  catalog?: CatalogService;
  /**
   * When given, Backstage's default auditor (backend-defaults) replaces the
   * recording one, and the plugin's log lines at level info and above (what
   * a production log at level info keeps) are appended here; `audits` stays
   * empty.
   */
  log?: LogLine[];
}

/** One line the plugin logged, with its merged child fields. */
export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  fields: Record<string, unknown>;
}

// A logger like the default one at level info: debug lines are dropped.
function infoLevelLogger(
  lines: LogLine[],
  fields: Record<string, unknown> = {},
): LoggerService {
  const write =
    (level: LogLine['level']) => (message: string, meta?: unknown) => {
      if (level === 'debug') return;
      lines.push({
        level,
        message,
        fields: {
          ...fields,
          ...(meta instanceof Error
            ? { error: meta.message }
            : (meta as Record<string, unknown> | undefined)),
        },
      });
    };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: more => infoLevelLogger(lines, { ...fields, ...more }),
  };
}

function actorOf(credentials: BackstageCredentials | undefined) {
  const p = credentials?.principal as any;
  if (!p) return undefined;
  if (p.type === 'user') return p.userEntityRef as string;
  if (p.type === 'service') return `service:${p.subject}`;
  return p.type as string;
}

function decide(
  mode: PolicyMode,
  request: AuthorizePermissionRequest,
  credentials: BackstageCredentials,
): AuthorizeResult.ALLOW | AuthorizeResult.DENY {
  if (mode === 'ALLOW') return AuthorizeResult.ALLOW;
  if (mode === 'DENY') return AuthorizeResult.DENY;
  // A conditional policy only applies to resource permissions; basic ones
  // cannot carry conditions, so the policy allows them.
  if (!isResourcePermission(request.permission) || !request.resourceRef) {
    return AuthorizeResult.ALLOW;
  }
  const principal = credentials.principal as any;
  if (principal.type !== 'user') return AuthorizeResult.DENY;
  const owner = ownerOf(request.resourceRef);
  return owner && memberships(principal.userEntityRef).has(owner)
    ? AuthorizeResult.ALLOW
    : AuthorizeResult.DENY;
}

/** Walks an express router stack and lists its routes. */
export function discoverRoutes(handler: any, prefix = ''): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const layer of handler?.stack ?? []) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        if (method === '_all') continue;
        routes.push({
          method: method.toUpperCase() as DiscoveredRoute['method'],
          path: prefix + layer.route.path,
        });
      }
    } else if (layer.handle?.stack) {
      if (!layer.regexp?.fast_slash) {
        throw new Error(
          'A feature router is mounted under a path; teach discoverRoutes its prefix',
        );
      }
      routes.push(...discoverRoutes(layer.handle, prefix));
    }
  }
  return routes;
}

async function listTables(knex: Knex): Promise<string[]> {
  const client = String(knex.client.config.client);
  const names: string[] = /pg|postgres/.test(client)
    ? (
        await knex('pg_tables')
          .where({ schemaname: 'public' })
          .select('tablename')
      ).map((r: any) => r.tablename)
    : (await knex('sqlite_master').where({ type: 'table' }).select('name')).map(
        (r: any) => r.name,
      );
  return names
    .filter(t => !t.startsWith('knex_') && !t.startsWith('sqlite_'))
    .sort();
}

/** Starts the plugin with controllable permissions and a recording auditor. */
export async function startHardeningBackend(
  options: StartHardeningBackendOptions,
): Promise<HardeningBackend> {
  let mode: PolicyMode = 'ALLOW';
  const audits: RecordedAudit[] = [];
  const captured: Handler[] = [];

  const httpAuth = mockServices.httpAuth({ pluginId: 'modelops' });
  const permissions: PermissionsService = {
    async authorize(requests, { credentials }) {
      if (mode === 'SHIPPED') {
        return Promise.all(
          requests.map(async r => ({
            result: await decideShipped(r, credentials),
          })),
        );
      }
      return requests.map(r => ({ result: decide(mode, r, credentials) }));
    },
    async authorizeConditional(requests, { credentials }) {
      if (mode === 'SHIPPED') {
        const principal = credentials.principal as any;
        return Promise.all(
          requests.map(async r =>
            principal.type === 'user'
              ? ((await shippedPolicy.handle(
                  { permission: r.permission } as any,
                  policyUser(principal.userEntityRef),
                )) as any)
              : {
                  result:
                    principal.type === 'service'
                      ? AuthorizeResult.ALLOW
                      : AuthorizeResult.DENY,
                },
          ),
        );
      }
      return requests.map(r => {
        if (mode !== 'CONDITIONAL') {
          return {
            result:
              mode === 'ALLOW' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          };
        }
        const principal = credentials.principal as any;
        return {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: r.permission.resourceType,
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: r.permission.resourceType,
            params: {
              claims:
                principal.type === 'user'
                  ? [...memberships(principal.userEntityRef)]
                  : [],
            },
          },
        } as any;
      });
    },
  };
  const auditor: AuditorService = {
    async createEvent(event) {
      const credentials = event.request
        ? await httpAuth
            .credentials(event.request as any)
            .catch(() => undefined)
        : undefined;
      const recorded: RecordedAudit = {
        eventId: event.eventId,
        meta: event.meta,
        actor: actorOf(credentials),
        status: 'initiated',
      };
      audits.push(recorded);
      return {
        async success() {
          recorded.status = 'succeeded';
        },
        async fail({ error }) {
          recorded.status = 'failed';
          recorded.error = error;
        },
      };
    },
  };
  const backend: TestBackend = await startTestBackend({
    features: [
      modelopsPlugin,
      mockServices.rootConfig.factory({
        data: options.config ?? {
          modelops: { changes: { reviewGroup: 'group:default/ml' } },
        },
      }),
      mockServices.database.factory({ knex: options.knex }),
      mockServices.httpAuth.factory(),
      options.scheduler === 'database'
        ? schedulerServiceFactory
        : createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            // Registers nothing and runs nothing; plain functions rather
            // than jest mocks, so benchmarks can start the harness too.
            factory: (): SchedulerService => ({
              scheduleTask: async () => {},
              triggerTask: async () => {},
              cancelTask: async () => {},
              getScheduledTasks: async () => [],
              createScheduledTaskRunner: () => ({ run: async () => {} }),
            }),
          }),
      options.catalog
        ? createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () => options.catalog!,
          })
        : catalogServiceMock.factory({
            entities: options.entities ?? (ENTITIES as Entity[]),
          }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => permissions,
      }),
      ...(options.log
        ? [
            auditorServiceFactory,
            createServiceFactory({
              service: coreServices.logger,
              deps: {},
              factory: () => infoLevelLogger(options.log!),
            }),
          ]
        : [
            createServiceFactory({
              service: coreServices.auditor,
              deps: {},
              factory: () => auditor,
            }),
          ]),
      createServiceFactory({
        service: coreServices.httpRouter,
        deps: {},
        factory: () => ({
          use: (handler: Handler) => captured.push(handler),
          addAuthPolicy: () => {},
          addWebSocketHandler: () => {},
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });

  const app = express();
  for (const handler of captured) app.use(handler);
  app.use(mockErrorHandler());
  const server: Server = await new Promise(resolve => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The permission framework's integration routes (permissionsRegistry) and
  // the real scheduler's task routes are mounted through the same
  // httpRouter; they are not ours. Nor is the spec document the generated
  // router serves (authenticated by the httpRouter's credentials barrier in
  // a real backend, which this harness replaces).
  const routes = captured
    .flatMap(h => discoverRoutes(h))
    .filter(
      r =>
        !r.path.startsWith('/.well-known/') &&
        !r.path.startsWith('/.backstage/') &&
        r.path !== OPENAPI_SPEC_PATH,
    );

  let tables: string[] | undefined;
  return {
    knex: options.knex,
    baseUrl: base,
    routes,
    audits,
    setPolicy(next) {
      mode = next;
    },
    async request(req) {
      const url = new URL(base + req.path);
      for (const [k, v] of Object.entries(req.query ?? {})) {
        for (const value of Array.isArray(v) ? v : [v]) {
          url.searchParams.append(k, value);
        }
      }
      const headers: Record<string, string> = {
        authorization: req.authorization ?? mockCredentials.user.header(),
      };
      let body: string | Buffer | undefined;
      if (req.json !== undefined) {
        body = JSON.stringify(req.json);
        headers['content-type'] = 'application/json';
      } else if (req.raw !== undefined) {
        body = req.raw;
        if (req.contentType) headers['content-type'] = req.contentType;
      }
      const res = await fetch(url, {
        method: req.method,
        headers,
        body: body as any,
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = bytes.toString('utf8');
      let parsed: any;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return {
        status: res.status,
        text,
        bytes,
        body: parsed,
        headers: res.headers,
      };
    },
    async rowCounts() {
      tables ??= await listTables(options.knex);
      // One statement for every table keeps this cheap enough to run around
      // each of thousands of fuzzed requests.
      const [row] = await options.knex.select(
        Object.fromEntries(
          tables.map(t => [t, options.knex(t).count('*')]),
        ) as any,
      );
      return Object.fromEntries(tables.map(t => [t, Number((row as any)[t])]));
    },
    async stop() {
      await new Promise<void>(resolve => server.close(() => resolve()));
      await backend.stop();
    },
  };
}
