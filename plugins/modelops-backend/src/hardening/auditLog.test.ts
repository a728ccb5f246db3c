/*
 * The audit trail as an operator reads it: the plugin runs with Backstage's
 * default auditor (not a recording stand-in) and a log at level info, the
 * level a production backend logs at. Every mutation must reach that log
 * once, succeeded, with its actor and a severity of at least medium (the
 * default auditor writes low events at debug, which such a log drops), and
 * governance decisions at high.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  OTHER_USER,
  OWNER_USER,
  PRINCIPALS,
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
  type LogLine,
} from './__testUtils__/startHardeningBackend';

jest.setTimeout(60_000);

const HIGH = new Set([
  'waiver-request',
  'waiver-approve',
  'waiver-reject',
  'waiver-withdraw',
  'change-approve',
  'change-reject',
  'review-accept-transfer',
  'incident-assess',
]);

describe('audit trail in the default auditor log', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const log: LogLine[] = [];
  let backend: HardeningBackend;
  let seq = 0;

  beforeAll(async () => {
    backend = await startHardeningBackend({
      knex: await databases.init('SQLITE_3'),
      log,
    });
  });
  afterAll(() => backend?.stop());

  const succeeded = (lines: LogLine[], eventId: string) =>
    lines.filter(
      line =>
        line.message === `modelops.${eventId}` &&
        line.fields.isAuditEvent === true &&
        line.fields.status === 'succeeded',
    );

  it('writes each mutation once at level info with actor and severity', async () => {
    const mutations = backend.routes.filter(isMutation);
    expect(mutations.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const route of mutations) {
      const key = routeKey(route);
      const sample = ROUTE_SAMPLES[key];
      backend.setPolicy('ALLOW');
      const req = await sample.prepare({ backend, seq: ++seq });
      const before = log.length;
      const res = await backend.request({
        method: route.method,
        path: fillPath(route.path, req.params),
        json: req.json,
        raw: req.raw,
        contentType: req.contentType,
        query: req.query,
        authorization: PRINCIPALS.owner,
      });
      if (res.status >= 300) {
        problems.push(`${key}: ${res.status} ${res.text.slice(0, 200)}`);
        continue;
      }
      const lines = succeeded(log.slice(before), sample.auditEventId!);
      if (lines.length !== 1) {
        problems.push(`${key}: ${lines.length} succeeded lines in the log`);
        continue;
      }
      const [line] = lines;
      const actor = (line.fields.actor as { actorId?: string } | undefined)
        ?.actorId;
      if (line.level !== 'info') problems.push(`${key}: level ${line.level}`);
      if (actor !== OWNER_USER) problems.push(`${key}: actor ${actor}`);
      const severity = line.fields.severityLevel;
      const expected = HIGH.has(sample.auditEventId!)
        ? ['high']
        : ['medium', 'high'];
      if (!expected.includes(severity as string)) {
        problems.push(`${key}: severity ${severity}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows a waiver request and its approval with both names', async () => {
    backend.setPolicy('ALLOW');
    const requester = 'user:default/carol';
    const requestRoute = ROUTE_SAMPLES['POST /scorecards/waivers'];
    const { json } = await requestRoute.prepare({ backend, seq: ++seq });
    const before = log.length;
    const created = await backend.request({
      method: 'POST',
      path: '/scorecards/waivers',
      json,
      authorization: mockCredentials.user.header(requester),
    });
    expect(created.status).toBe(201);
    const approved = await backend.request({
      method: 'POST',
      path: `/scorecards/waivers/${created.body.id}/approve`,
      json: { comment: 'Reorganisation confirmed' },
      authorization: mockCredentials.user.header(OTHER_USER),
    });
    expect(approved.status).toBe(200);

    const lines = log.slice(before);
    const [request] = succeeded(lines, 'waiver-request');
    const [approval] = succeeded(lines, 'waiver-approve');
    expect(request.fields).toMatchObject({
      severityLevel: 'high',
      actor: { actorId: requester },
      meta: { entityRef: created.body.entityRef },
    });
    expect(approval.fields).toMatchObject({
      severityLevel: 'high',
      actor: { actorId: OTHER_USER },
      meta: { waiverId: created.body.id, requestedBy: requester },
    });
  });
});
