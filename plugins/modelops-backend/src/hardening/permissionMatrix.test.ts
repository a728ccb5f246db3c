/*
 * Permission matrix over every route the plugin mounts: each route is called
 * by an owner (a user in the owning group), a non-owner user, a service
 * principal and an unauthenticated caller, under ALLOW, DENY and CONDITIONAL
 * ("is entity owner") policies, and must answer what routeSamples expects.
 * List views that filter by permission must agree with the single-entity
 * check of the same caller.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  MODEL,
  OTHER_MODEL,
  PRINCIPALS,
  type PrincipalName,
} from './__testUtils__/hardeningCatalog';
import {
  fillPath,
  isMutation,
  ROUTE_SAMPLES,
  routeKey,
} from './__testUtils__/routeSamples';
import {
  startHardeningBackend,
  type HardeningBackend,
  type PolicyMode,
} from './__testUtils__/startHardeningBackend';

jest.setTimeout(120_000);

const MODES: PolicyMode[] = ['ALLOW', 'DENY', 'CONDITIONAL', 'SHIPPED'];
const PRINCIPAL_NAMES = Object.keys(PRINCIPALS) as PrincipalName[];

describe('permission matrix', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: HardeningBackend;
  let seq = 0;

  beforeAll(async () => {
    backend = await startHardeningBackend({
      knex: await databases.init('SQLITE_3'),
    });
  });
  afterAll(() => backend?.stop());

  it('has a sample for every discovered route', () => {
    expect(backend.routes.length).toBeGreaterThan(30);
    const missing = backend.routes
      .map(routeKey)
      .filter(key => !ROUTE_SAMPLES[key]);
    expect(missing).toEqual([]);
  });

  it('answers every caller and decision as expected', async () => {
    const counts: Record<string, number> = {};
    const deviations: Record<string, string> = {};
    for (const route of backend.routes) {
      const key = routeKey(route);
      const sample = ROUTE_SAMPLES[key];
      for (const mode of MODES) {
        for (const principal of PRINCIPAL_NAMES) {
          backend.setPolicy('ALLOW');
          const req = await sample.prepare({ backend, seq: ++seq });
          backend.setPolicy(mode);
          const res = await backend.request({
            method: route.method,
            path: fillPath(route.path, req.params),
            json: req.json,
            raw: req.raw,
            contentType: req.contentType,
            query: req.query,
            authorization: PRINCIPALS[principal],
          });
          const expected = sample.expect(principal, mode);
          const cell = `${key} as ${principal} under ${mode}`;
          counts[`${res.status}`] = (counts[`${res.status}`] ?? 0) + 1;
          expect(res.status).toBeLessThan(500);
          if (res.status !== expected) {
            deviations[cell] = `expected ${expected}, got ${
              res.status
            }: ${res.text.slice(0, 200)}`;
          }
        }
      }
    }
    const cells = backend.routes.length * MODES.length * PRINCIPAL_NAMES.length;
    // eslint-disable-next-line no-console
    console.log(
      `Permission matrix: ${backend.routes.length} routes x ${
        PRINCIPAL_NAMES.length
      } callers x ${
        MODES.length
      } decisions = ${cells} cells; statuses ${JSON.stringify(counts)}; ${
        Object.keys(deviations).length
      } deviations`,
    );
    expect(deviations).toEqual({});
  });

  it('authenticates every mutation before it reads the body', async () => {
    // A caller without a token learns nothing about the body rules: a
    // well-formed JSON body that breaks them gets 401, not 400.
    const problems: string[] = [];
    for (const route of backend.routes.filter(isMutation)) {
      const key = routeKey(route);
      backend.setPolicy('ALLOW');
      const req = await ROUTE_SAMPLES[key].prepare({ backend, seq: ++seq });
      for (const json of [{}, { unexpectedField: 1 }, []]) {
        const res = await backend.request({
          method: route.method,
          path: fillPath(route.path, req.params),
          json,
          authorization: PRINCIPALS.unauthenticated,
        });
        if (res.status !== 401) {
          problems.push(`${key} ${JSON.stringify(json)}: ${res.status}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('filters cost lists consistently with the single-entity check', async () => {
    backend.setPolicy('ALLOW');
    for (const entityRef of [MODEL, OTHER_MODEL]) {
      const res = await backend.request({
        method: 'POST',
        path: '/cost/records',
        authorization: PRINCIPALS.service,
        json: {
          source: 'consistency',
          records: [
            {
              entityRef,
              day: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
              category: 'inference',
              amount: 5,
              currency: 'USD',
            },
          ],
        },
      });
      expect(res.status).toBe(200);
    }
    const inconsistent: string[] = [];
    for (const mode of MODES) {
      backend.setPolicy(mode);
      for (const principal of ['owner', 'nonOwner', 'service'] as const) {
        const authorization = PRINCIPALS[principal];
        const list = await backend.request({
          method: 'GET',
          path: '/cost/models',
          authorization,
        });
        const listed = new Set<string>(
          list.status === 200
            ? list.body.models.map((m: any) =>
                m.entityRef.toLocaleLowerCase('en-US'),
              )
            : [],
        );
        for (const entityRef of [MODEL, OTHER_MODEL]) {
          const single = await backend.request({
            method: 'GET',
            path: '/cost/entity',
            query: { entityRef },
            authorization,
          });
          if ((single.status === 200) !== listed.has(entityRef)) {
            inconsistent.push(
              `${principal} under ${mode}: /cost/entity ${entityRef} -> ${
                single.status
              }, listed in /cost/models: ${listed.has(entityRef)}`,
            );
          }
        }
      }
    }
    expect(inconsistent).toEqual([]);
  });
});
