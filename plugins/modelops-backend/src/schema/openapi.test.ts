import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  DRIFT_TESTS,
  EVIDENCE_LIST_LIMITS,
  MAX_EVALUATION_METRICS,
  MAX_SNAPSHOT_DRIFT_ENTRIES,
} from '@modelops/plugin-modelops-common';
import type { Router } from 'express';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createEvidenceRouter } from '../evidence/createEvidenceRouter';
import {
  discoverRoutes,
  OPENAPI_SPEC_PATH,
  startHardeningBackend,
  type HardeningBackend,
} from '../hardening/__testUtils__/startHardeningBackend';
import type { ModelOpsRouterOptions } from '../service/types';
import { spec as generatedSpec } from './openapi';
import { requestSchemas } from './requestSchemas';
import { toJsonSchema } from './toJsonSchema';

/** Every `METHOD /path` of a router, with `:param` as `{param}`. */
function routesOf(router: Router): string[] {
  return discoverRoutes(router).map(
    r => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`,
  );
}

const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));

const documented: string[] = Object.entries(
  spec.paths as Record<string, Record<string, unknown>>,
).flatMap(([path, operations]) =>
  Object.keys(operations)
    .filter(key => key !== 'parameters')
    .map(method => `${method.toUpperCase()} ${path}`),
);

const operations = new Map<string, any>(
  Object.values(spec.paths as Record<string, Record<string, any>>).flatMap(
    item =>
      Object.entries(item)
        .filter(([key]) => key !== 'parameters')
        .map(([, operation]) => [operation.operationId, operation] as const),
  ),
);

// Words for readers, not rules a request is checked against.
const DOCUMENTATION = new Set(['description', 'example', 'examples', 'title']);

/** A spec node with local `$ref`s followed and documentation left out. */
function rules(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rules);
  if (!node || typeof node !== 'object') return node;
  const { $ref, ...rest } = node as Record<string, unknown>;
  if (typeof $ref === 'string') {
    const target = $ref
      .slice('#/'.length)
      .split('/')
      .reduce<any>((at, key) => at?.[key], spec);
    return rules(target);
  }
  return Object.fromEntries(
    Object.entries(rest)
      .filter(([key]) => !DOCUMENTATION.has(key))
      .map(([key, value]) => [
        key,
        // Property names are data, whatever they are called.
        key === 'properties'
          ? Object.fromEntries(
              Object.entries(value as object).map(([k, v]) => [k, rules(v)]),
            )
          : rules(value),
      ]),
  );
}

describe('openapi.yaml', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: HardeningBackend;

  beforeAll(async () => {
    // The real plugin with every feature it mounts: a route added anywhere
    // is found here without editing a list.
    backend = await startHardeningBackend({
      knex: await databases.init('SQLITE_3'),
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('describes every route the plugin mounts, and no route it does not mount', () => {
    const mounted = backend.routes.map(
      r => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(mounted.length).toBeGreaterThan(40);
    expect({
      undocumented: mounted.filter(r => !documented.includes(r)),
    }).toEqual({ undocumented: [] });
    expect({ unmounted: documented.filter(r => !mounted.includes(r)) }).toEqual(
      {
        unmounted: [],
      },
    );
  });

  it('is what the generated router carries (run node scripts/generate-openapi.mjs)', () => {
    expect(generatedSpec).toEqual(spec);
  });

  it('is served by the plugin at /openapi.json', async () => {
    const res = await backend.request({
      method: 'GET',
      path: OPENAPI_SPEC_PATH,
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths).sort()).toEqual(
      Object.keys(spec.paths).sort(),
    );
  });

  it('lists the evidence routes', () => {
    // The router only registers routes here; no request reaches a service.
    const options = {
      database: {},
      logger: mockServices.logger.mock(),
    } as unknown as ModelOpsRouterOptions;
    expect(routesOf(createEvidenceRouter(options)).sort()).toEqual([
      'GET /evaluations',
      'GET /monitoring-snapshots',
      'POST /evaluations',
      'POST /monitoring-snapshots',
    ]);
  });

  describe.each(Object.entries(requestSchemas))(
    '%s',
    (operationId, { body, query }) => {
      const operation = operations.get(operationId);

      it('exists', () => {
        expect(operation).toBeDefined();
      });

      if (body) {
        it(`takes the body its handler's zod schema accepts (${body.component})`, () => {
          expect(
            operation.requestBody.content['application/json'].schema,
          ).toEqual({ $ref: `#/components/schemas/${body.component}` });
          expect(rules(spec.components.schemas[body.component])).toEqual(
            toJsonSchema(body.schema),
          );
          expect(operation.requestBody.required).toBe(
            !body.schema.safeParse({}).success,
          );
        });
      }

      if (query) {
        it("lists the query parameters its handler's zod schema accepts", () => {
          const json = toJsonSchema(query) as {
            properties: Record<string, unknown>;
            required?: string[];
          };
          const expected = Object.entries(json.properties).map(
            ([name, schema]) => ({
              name,
              in: 'query',
              ...((json.required ?? []).includes(name)
                ? { required: true }
                : {}),
              schema,
            }),
          );
          expect(rules(operation.parameters)).toEqual(expected);
        });
      }
    },
  );

  it('gives a schema for every successful answer with a body', () => {
    const missing = [...operations.entries()].flatMap(([id, operation]) =>
      Object.entries(operation.responses as Record<string, any>)
        .filter(([status]) => status.startsWith('2') && status !== '204')
        .filter(
          ([, response]) =>
            !Object.values(response.content ?? {}).some(
              (media: any) => media.schema,
            ),
        )
        .map(([status]) => `${id} ${status}`),
    );
    expect(missing).toEqual([]);
  });

  it('resolves every local $ref', () => {
    const refs = JSON.stringify(spec).match(/"\$ref":"#\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const path = ref.slice('"$ref":"#/'.length, -1).split('/');
      const target = path.reduce<any>((node, key) => node?.[key], spec);
      expect({ ref, found: target !== undefined }).toEqual({
        ref,
        found: true,
      });
    }
  });

  it('agrees with the zod limits and drift tests', () => {
    const { schemas } = spec.components;
    expect(schemas.EvaluationReportInput.properties.metrics.maxItems).toBe(
      MAX_EVALUATION_METRICS,
    );
    expect(schemas.MonitoringSnapshotInput.properties.drift.maxItems).toBe(
      MAX_SNAPSHOT_DRIFT_ENTRIES,
    );
    expect(schemas.DriftStatistic.properties.test.enum).toEqual([
      ...DRIFT_TESTS,
    ]);
    expect(spec.components.parameters.limit.schema.maximum).toBe(
      EVIDENCE_LIST_LIMITS.max,
    );
  });
});
