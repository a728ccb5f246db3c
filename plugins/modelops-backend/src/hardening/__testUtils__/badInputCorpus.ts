/*
 * badInputCorpus: derives bad requests from the valid sample of a route, so
 * every route, including routes added later, gets the same families of
 * abuse: wrong types, missing fields, huge and deeply nested bodies, NUL
 * bytes, prototype keys, unknown refs, wrong content types, invalid JSON,
 * arrays for objects, huge numbers, NaN strings, impossible dates and dates
 * an offset carries past year 9999, in the body, the query and the path.
 */
import { MODEL } from './hardeningCatalog';
import type { SampleRequest } from './routeSamples';

/** One bad request derived from a sample. */
export interface BadCase {
  /** Family and field, for reports: `wrong-type body.metrics`. */
  name: string;
  request: SampleRequest & { rawJson?: string };
  /** True when any 2xx would be wrong (the input can never be valid). */
  mustReject: boolean;
}

const WRONG_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['number', 12345],
  ['boolean', true],
  ['array', []],
  ['object', { nested: { deeper: 1 } }],
  ['empty-string', ''],
  ['huge-number', 1e308],
  ['nan-string', 'NaN'],
  ['bad-date', '2026-13-45'],
  ['nul-string', 'a\u0000b'],
];

const DATE_KEY = /(At|day|Day|date|Date|window\w*)$/;
const REF_KEY = /(Ref|owner|transferTo)$/;

function deepNesting(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function withValue(body: Record<string, unknown>, key: string, value: unknown) {
  return { ...body, [key]: value };
}

function jsonCases(json: unknown): BadCase[] {
  const cases: BadCase[] = [];
  const add = (name: string, request: BadCase['request'], mustReject = true) =>
    cases.push({ name, request, mustReject });

  add('invalid-json truncated', { rawJson: '{"modelRef": "mlmodel:def' });
  add('invalid-json single quotes', { rawJson: "{'a': 1}" });
  add('invalid-json trailing comma', { rawJson: '{"a": 1,}' });
  add('invalid-json NaN literal', { rawJson: '{"a": NaN}' });
  add('body array', { json: [json] });
  add('body string', { rawJson: '"just a string"' });
  add('body number', { rawJson: '42' });
  add('body null', { rawJson: 'null' });
  add('deep nesting 5000', { rawJson: deepNesting(5000) });
  add('deep nesting object', {
    rawJson: `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  });
  add('huge body 2mb', {
    rawJson: JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }),
  });
  add('wrong content type xml', {
    raw: JSON.stringify(json),
    contentType: 'application/xml',
  });
  add('wrong content type form', {
    raw: 'modelRef=mlmodel%3Adefault%2Fchurn',
    contentType: 'application/x-www-form-urlencoded',
  });

  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const body = json as Record<string, unknown>;
    add(
      'proto key',
      {
        rawJson: JSON.stringify(body).replace(
          /^\{/,
          '{"__proto__":{"polluted":"yes"},',
        ),
      },
      false,
    );
    add(
      'constructor key',
      {
        json: { ...body, constructor: { prototype: { polluted: 'yes' } } },
      },
      false,
    );
    add('unknown field', { json: { ...body, unexpectedField: 1 } }, false);
    for (const key of Object.keys(body)) {
      add(
        `missing body.${key}`,
        { json: withValue(body, key, undefined) },
        false,
      );
      for (const [family, value] of WRONG_VALUES) {
        const original = body[key];
        // A wrong value may happen to be valid for a loosely typed field
        // (an empty comment); only type changes are sure to be rejected.
        const typeChanged =
          value === null ||
          typeof value !== typeof original ||
          Array.isArray(value) !== Array.isArray(original);
        add(
          `${family} body.${key}`,
          { json: withValue(body, key, value) },
          typeChanged && original !== undefined && family !== 'object',
        );
      }
      if (DATE_KEY.test(key)) {
        add(`impossible-date body.${key}`, {
          json: withValue(body, key, '2026-02-30T00:00:00Z'),
        });
        // An offset that carries the instant into year 10000, which the
        // stored form of times cannot write.
        add(`year-10000 body.${key}`, {
          json: withValue(body, key, '9999-12-31T23:59:59-23:59'),
        });
      }
      if (REF_KEY.test(key)) {
        add(
          `unknown-ref body.${key}`,
          {
            json: withValue(body, key, 'mlmodel:default/does-not-exist'),
          },
          false,
        );
        add(`malformed-ref body.${key}`, {
          json: withValue(body, key, 'not a ref at all'),
        });
      }
      const original = body[key];
      if (Array.isArray(original) && original.length > 0) {
        add(`array-of-arrays body.${key}`, {
          json: withValue(body, key, [[]]),
        });
        add(`array-of-strings body.${key}`, {
          json: withValue(body, key, ['x']),
        });
        if (original[0] && typeof original[0] === 'object') {
          const element = original[0] as Record<string, unknown>;
          for (const inner of Object.keys(element)) {
            add(`wrong-type body.${key}.0.${inner}`, {
              json: withValue(body, key, [{ ...element, [inner]: { x: [] } }]),
            });
          }
          add(
            `huge-array body.${key}`,
            {
              json: withValue(
                body,
                key,
                Array.from({ length: 20_000 }, () => element),
              ),
            },
            false,
          );
        }
      }
    }
  }
  return cases;
}

function queryCases(query: Record<string, string>): BadCase[] {
  const cases: BadCase[] = [];
  const add = (name: string, q: Record<string, any>, mustReject = true) =>
    cases.push({ name, request: { query: q }, mustReject });
  add('unknown query parameter', { ...query, unexpected: '1' }, false);
  for (const key of Object.keys(query)) {
    add(`empty query.${key}`, { ...query, [key]: '' }, false);
    add(
      `repeated query.${key}`,
      { ...query, [key]: [query[key], query[key]] },
      false,
    );
    add(`long query.${key}`, { ...query, [key]: 'x'.repeat(6000) });
    add(`nan query.${key}`, { ...query, [key]: 'NaN' });
    add(`nul query.${key}`, { ...query, [key]: `${query[key]}\u0000` }, false);
    add(`bad-date query.${key}`, { ...query, [key]: '2026-13-45' });
    add(
      `unknown-ref query.${key}`,
      { ...query, [key]: 'mlmodel:default/does-not-exist' },
      false,
    );
  }
  for (const key of [
    'months',
    'days',
    'limit',
    'groupBy',
    'cycleId',
    'state',
    'status',
  ]) {
    if (!(key in query)) {
      add(`huge-number query.${key}`, { ...query, [key]: '1e400' }, false);
      add(`negative query.${key}`, { ...query, [key]: '-1' }, false);
    }
  }
  return cases;
}

function paramCases(params: Record<string, string>): BadCase[] {
  const cases: BadCase[] = [];
  for (const key of Object.keys(params)) {
    for (const [family, value] of [
      ['unknown', '999999999'],
      ['word', 'nope'],
      ['zero', '0'],
      ['negative', '-1'],
      ['nul', 'a\u0000b'],
      ['long', 'x'.repeat(3000)],
      ['traversal', '../../evaluations'],
    ]) {
      cases.push({
        name: `${family} path.${key}`,
        request: { params: { ...params, [key]: value } },
        mustReject: true,
      });
    }
  }
  return cases;
}

/** The corpus of one route, derived from a valid sample request. */
export function badCasesFor(sample: SampleRequest): BadCase[] {
  const cases: BadCase[] = [];
  if (sample.json !== undefined) {
    cases.push(...jsonCases(sample.json));
  }
  if (sample.raw !== undefined) {
    const add = (name: string, raw: string, contentType = sample.contentType) =>
      cases.push({ name, request: { raw, contentType }, mustReject: true });
    add('csv empty', '');
    add('csv garbage', '\u0000\u0001\u0002 not csv "unbalanced');
    add('csv header only', 'date,cost,currency,tags\n');
    add('csv bad date', `date,cost,currency,tags\n2026-13-45,1,USD,"{}"\n`);
    add('csv NaN amount', `date,cost,currency,tags\n2026-01-02,NaN,USD,"{}"\n`);
    add(
      'csv huge number',
      `date,cost,currency,tags\n2026-01-02,1e400,USD,"{}"\n`,
    );
    add('csv wrong content type', sample.raw, 'application/octet-stream');
    cases.push({
      name: 'csv json wrong type',
      request: { json: { csv: 42 } },
      mustReject: true,
    });
    cases.push({
      name: 'csv json unknown entity',
      request: {
        json: {
          csv: `date,cost,currency,tags\n2026-01-02,1,USD,"{""modelops.dev/entity"":""mlmodel:default/nope""}"\n`,
        },
      },
      mustReject: false,
    });
  }
  if (sample.query) {
    cases.push(...queryCases(sample.query));
  }
  if (sample.params) {
    cases.push(...paramCases(sample.params));
  }
  if (!sample.json && !sample.raw && !sample.query && !sample.params) {
    cases.push(...queryCases({}), {
      name: 'unexpected query ref',
      request: { query: { entityRef: `${MODEL}\u0000` } },
      mustReject: false,
    });
  }
  return cases;
}
