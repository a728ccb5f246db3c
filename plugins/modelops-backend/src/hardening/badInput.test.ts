/*
 * Bad input against every route the plugin mounts: a corpus derived from each
 * route's valid sample (see badInputCorpus) on SQLite and PostgreSQL, and
 * property-based fuzzing with fast-check on SQLite. Whatever arrives, the
 * backend answers below 500; every 4xx says what is wrong, naming a field or
 * the rule; and a rejected request leaves every table as it was and records
 * no successful audit event.
 */
import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { badCasesFor, type BadCase } from './__testUtils__/badInputCorpus';
import { PRINCIPALS } from './__testUtils__/hardeningCatalog';
import {
  fillPath,
  ROUTE_SAMPLES,
  routeKey,
  type SampleRequest,
} from './__testUtils__/routeSamples';
import {
  startHardeningBackend,
  type DiscoveredRoute,
  type HardeningBackend,
  type HarnessResponse,
} from './__testUtils__/startHardeningBackend';

jest.setTimeout(180_000);

const FUZZ_RUNS_TOTAL = 10_500;

// A 4xx must say what is wrong: a field path with its rule (`body.x: ...`,
// `records.0.day: ...`), the parameter, or the rule of the transport layer
// (invalid JSON, size limit, content type).
const NAMES_THE_PROBLEM =
  /[A-Za-z_]+(\.[A-Za-z0-9_]+)*: |\b(body|query|path|JSON|too large|content type|Unexpected|not found|No [a-z ]+ with id|[Ii]tem \S+ not found|must|expected|only|already|use \w+ or \w+|has no)\b/;

// Or the message repeats the offending value it was sent (an unknown ref,
// an unknown id), which names the problem as well as a field would.
function namesProblem(
  res: HarnessResponse,
  fields: string[],
  sentValues: string[],
): boolean {
  const message: string = res.body?.error?.message ?? '';
  if (message.trim().length < 8) return false;
  return (
    fields.some(f => f.length > 2 && message.includes(f)) ||
    sentValues.some(v => v.length > 2 && message.includes(v.slice(0, 100))) ||
    NAMES_THE_PROBLEM.test(message)
  );
}

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) stringsOf(v, out);
  }
  return out;
}

function fieldsOf(sample: SampleRequest): string[] {
  const body =
    sample.json &&
    typeof sample.json === 'object' &&
    !Array.isArray(sample.json)
      ? Object.keys(sample.json as object)
      : [];
  return [
    ...body,
    ...Object.keys(sample.query ?? {}),
    ...Object.keys(sample.params ?? {}),
  ];
}

const lastCounts = new Map<HardeningBackend, Record<string, number>>();

/** Sends one request and checks the bars; returns the problems found. */
async function checkRequest(
  backend: HardeningBackend,
  route: DiscoveredRoute,
  sample: SampleRequest,
  request: BadCase['request'],
  label: string,
  mustReject: boolean,
): Promise<{ problems: string[]; status: number }> {
  const problems: string[] = [];
  // The counts after one request are the counts before the next: one count
  // query per request (nothing else writes while the suite runs).
  const before = lastCounts.get(backend) ?? (await backend.rowCounts());
  const auditsBefore = backend.audits.length;
  let path: string;
  try {
    path = fillPath(route.path, request.params ?? sample.params);
  } catch {
    return { problems: [], status: 0 };
  }
  const res = await backend.request({
    method: route.method,
    path,
    authorization: PRINCIPALS.owner,
    json: request.json,
    raw: request.rawJson ?? request.raw,
    contentType:
      request.rawJson !== undefined ? 'application/json' : request.contentType,
    query: request.query ?? sample.query,
  });
  const where = `${routeKey(route)} [${label}]`;
  const after = await backend.rowCounts();
  lastCounts.set(backend, after);
  if (res.status >= 500) {
    problems.push(`${where}: ${res.status} ${res.text.slice(0, 300)}`);
  } else if (res.status >= 400) {
    if (
      !namesProblem(res, fieldsOf(sample), [
        ...stringsOf(request),
        ...stringsOf(sample.params),
      ])
    ) {
      problems.push(
        `${where}: ${res.status} names no field or rule: ${res.text.slice(
          0,
          300,
        )}`,
      );
    }
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      problems.push(
        `${where}: rejected with ${res.status} but the store changed`,
      );
    }
    const succeeded = backend.audits
      .slice(auditsBefore)
      .filter(e => e.status === 'succeeded');
    if (succeeded.length > 0) {
      problems.push(`${where}: rejected but audited as succeeded`);
    }
  } else if (mustReject) {
    problems.push(`${where}: accepted with ${res.status}`);
  }
  return { problems, status: res.status };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'bad input corpus, %p',
  databaseId => {
    let backend: HardeningBackend;
    let seq = 0;

    beforeAll(async () => {
      backend = await startHardeningBackend({
        knex: await databases.init(databaseId as TestDatabaseId),
      });
    });
    afterAll(() => backend?.stop());

    it('rejects every case below 500, says why and changes nothing', async () => {
      const problems: string[] = [];
      const statuses: Record<string, number> = {};
      let cases = 0;
      for (const route of backend.routes) {
        const sample = ROUTE_SAMPLES[routeKey(route)];
        if (!sample) continue; // the permission matrix reports missing samples
        backend.setPolicy('ALLOW');
        const valid = await sample.prepare({ backend, seq: ++seq });
        lastCounts.delete(backend);
        for (const badCase of badCasesFor(valid)) {
          const result = await checkRequest(
            backend,
            route,
            valid,
            badCase.request,
            badCase.name,
            badCase.mustReject,
          );
          cases += 1;
          statuses[result.status] = (statuses[result.status] ?? 0) + 1;
          problems.push(...result.problems);
        }
      }
      expect(({} as any).polluted).toBeUndefined();
      // eslint-disable-next-line no-console
      console.log(
        `Bad input corpus on ${databaseId}: ${cases} cases over ${
          backend.routes.length
        } routes; statuses ${JSON.stringify(statuses)}; ${
          problems.length
        } problems`,
      );
      expect(cases).toBeGreaterThanOrEqual(300);
      expect(problems).toEqual([]);
    });
  },
);

describe('property-based fuzzing', () => {
  const sqlite = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: HardeningBackend;

  beforeAll(async () => {
    backend = await startHardeningBackend({
      knex: await sqlite.init('SQLITE_3'),
    });
  });
  afterAll(() => backend?.stop());

  // Values that look like the sample's own values half of the time, so that
  // fuzzed requests get past the first field and reach deeper rules.
  function valueLike(original: unknown): fc.Arbitrary<unknown> {
    const wild = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(
        '2026-13-45',
        'NaN',
        '\u0000',
        'mlmodel:default/nope',
        '1e400',
        '-0',
      ),
      fc.double(),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    return original === undefined
      ? wild
      : fc.oneof(fc.constant(original), wild);
  }

  function requestArbitrary(
    valid: SampleRequest,
  ): fc.Arbitrary<BadCase['request']> {
    const bodyKeys =
      valid.json && typeof valid.json === 'object' && !Array.isArray(valid.json)
        ? Object.keys(valid.json as object)
        : [];
    const body = fc.oneof(
      fc.record(
        Object.fromEntries(
          bodyKeys.map(k => [k, valueLike((valid.json as any)[k])]),
        ),
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(
        fc.string({ maxLength: 12 }),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    );
    const queryKeys = Object.keys(valid.query ?? {});
    const query = fc.dictionary(
      fc.oneof(
        fc.constantFrom(...queryKeys, 'months', 'days', 'limit', 'entityRef'),
        fc.string({ maxLength: 8 }),
      ),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom('2026-13-45', 'NaN', '-1', '1e400', '\u0000'),
      ),
      { maxKeys: 4 },
    );
    const params = valid.params
      ? fc.record(
          Object.fromEntries(
            Object.keys(valid.params).map(k => [
              k,
              fc.oneof(
                fc.constant(valid.params![k]),
                fc.string({ minLength: 1, maxLength: 20 }),
              ),
            ]),
          ),
        )
      : fc.constant(undefined);
    return fc.record({
      json:
        valid.json !== undefined || valid.raw !== undefined
          ? body
          : fc.constant(undefined),
      query: valid.query || !valid.json ? query : fc.constant(undefined),
      params: params as fc.Arbitrary<Record<string, string> | undefined>,
    }) as fc.Arbitrary<BadCase['request']>;
  }

  it('answers at least 10,000 generated requests without a 5xx', async () => {
    const problems: string[] = [];
    const statuses: Record<string, number> = {};
    const runs = Math.ceil(FUZZ_RUNS_TOTAL / backend.routes.length);
    const harness = backend;
    const tally = { total: 0 };
    let seq = 100_000;
    for (const route of backend.routes) {
      const sample = ROUTE_SAMPLES[routeKey(route)];
      if (!sample) continue;
      backend.setPolicy('ALLOW');
      const valid = await sample.prepare({ backend, seq: ++seq });
      lastCounts.delete(backend);
      await fc.assert(
        fc.asyncProperty(requestArbitrary(valid), async request => {
          const result = await checkRequest(
            harness,
            route,
            valid,
            request,
            `fuzz ${JSON.stringify(request).slice(0, 200)}`,
            false,
          );
          tally.total += 1;
          statuses[result.status] = (statuses[result.status] ?? 0) + 1;
          problems.push(...result.problems);
          // Every failing request is collected rather than stopping at the
          // first, so one run reports all of them.
          return true;
        }),
        { numRuns: runs, seed: 20261127 },
      );
    }
    // eslint-disable-next-line no-console
    console.log(
      `Fuzzing: ${tally.total} generated requests over ${
        backend.routes.length
      } routes; statuses ${JSON.stringify(statuses)}`,
    );
    expect(problems).toEqual([]);
    expect(tally.total).toBeGreaterThanOrEqual(10_000);
    // Ten thousand requests take a minute on an idle machine and several
    // when the CI machine's two cores are shared; the test bounds work, not time.
  }, 900_000);
});
