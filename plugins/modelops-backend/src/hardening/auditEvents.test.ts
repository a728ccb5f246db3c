/*
 * Every mutation route the plugin mounts (discovered from its router) emits
 * exactly one auditor event per successful call, naming the actor and the
 * target: the entity when the mutation is about one, otherwise the record it
 * changed (campaign, cost source) in the event's meta.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { OWNER_USER, PRINCIPALS } from './__testUtils__/hardeningCatalog';
import {
  fillPath,
  isMutation,
  ROUTE_SAMPLES,
  routeKey,
} from './__testUtils__/routeSamples';
import {
  startHardeningBackend,
  type HardeningBackend,
} from './__testUtils__/startHardeningBackend';

jest.setTimeout(60_000);

describe('audit events of mutations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: HardeningBackend;
  let seq = 0;

  beforeAll(async () => {
    backend = await startHardeningBackend({
      knex: await databases.init('SQLITE_3'),
    });
  });
  afterAll(() => backend?.stop());

  it('emits exactly one event with actor and target per mutation', async () => {
    const mutations = backend.routes.filter(isMutation);
    expect(mutations.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const route of mutations) {
      const key = routeKey(route);
      const sample = ROUTE_SAMPLES[key];
      expect(sample?.auditEventId).toBeDefined();
      backend.setPolicy('ALLOW');
      const req = await sample.prepare({ backend, seq: ++seq });
      const before = backend.audits.length;
      const res = await backend.request({
        method: route.method,
        path: fillPath(route.path, req.params),
        json: req.json,
        raw: req.raw,
        contentType: req.contentType,
        query: req.query,
        authorization: PRINCIPALS.owner,
      });
      const events = backend.audits.slice(before);
      if (res.status >= 300) {
        problems.push(`${key}: ${res.status} ${res.text.slice(0, 200)}`);
        continue;
      }
      if (events.length !== 1) {
        problems.push(`${key}: ${events.length} audit events`);
        continue;
      }
      const [event] = events;
      if (event.eventId !== sample.auditEventId) {
        problems.push(
          `${key}: event ${event.eventId}, expected ${sample.auditEventId}`,
        );
      }
      if (event.status !== 'succeeded') {
        problems.push(`${key}: event ${event.status}`);
      }
      if (event.actor !== OWNER_USER) {
        problems.push(`${key}: actor ${event.actor}`);
      }
      if (
        sample.auditEntityRef &&
        event.meta?.entityRef !== sample.auditEntityRef
      ) {
        problems.push(`${key}: target ${JSON.stringify(event.meta)}`);
      }
      if (!event.meta || Object.keys(event.meta).length === 0) {
        problems.push(`${key}: event names no target`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('emits no event for a mutation refused before it runs', async () => {
    const problems: string[] = [];
    for (const route of backend.routes.filter(isMutation)) {
      const sample = ROUTE_SAMPLES[routeKey(route)];
      backend.setPolicy('ALLOW');
      const req = await sample.prepare({ backend, seq: ++seq });
      backend.setPolicy('DENY');
      const before = backend.audits.length;
      const res = await backend.request({
        method: route.method,
        path: fillPath(route.path, req.params),
        json: req.json,
        raw: req.raw,
        contentType: req.contentType,
        query: req.query,
        authorization: PRINCIPALS.nonOwner,
      });
      const succeeded = backend.audits
        .slice(before)
        .filter(e => e.status === 'succeeded');
      if (res.status !== 403 || succeeded.length > 0) {
        problems.push(
          `${routeKey(route)}: ${res.status}, ${
            succeeded.length
          } succeeded events`,
        );
      }
    }
    expect(problems).toEqual([]);
  });
});
