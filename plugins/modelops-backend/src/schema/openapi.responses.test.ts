/*
 * The spec's response schemas are checked against what the running plugin
 * answers: every route's hardening sample is sent by the owner of the model
 * under an allowing policy, and each JSON answer must match the schema the
 * spec gives for its status.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { PRINCIPALS } from '../hardening/__testUtils__/hardeningCatalog';
import {
  fillPath,
  ROUTE_SAMPLES,
  routeKey,
} from '../hardening/__testUtils__/routeSamples';
import {
  startHardeningBackend,
  type HardeningBackend,
} from '../hardening/__testUtils__/startHardeningBackend';

jest.setTimeout(120_000);

const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ ...spec, $id: 'openapi.yaml' });

const pointer = (...keys: string[]) =>
  keys.map(k => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Where in the spec the JSON schema of an operation's answer with this
 * status sits, as a JSON pointer, or undefined when the spec has none.
 */
function responseSchemaPointer(path: string, method: string, status: number) {
  const template = path.replace(/:(\w+)/g, '{$1}');
  const keys = [
    'paths',
    template,
    method.toLowerCase(),
    'responses',
    `${status}`,
  ];
  let response = keys.reduce((at: any, key) => at?.[key], spec);
  let at = pointer(...keys);
  if (response?.$ref) {
    at = response.$ref.slice(2);
    response = at
      .split('/')
      .reduce((node: any, key: string) => node?.[key], spec);
  }
  if (!response?.content?.['application/json']?.schema) return undefined;
  return `${at}/${pointer('content', 'application/json', 'schema')}`;
}

describe('openapi.yaml responses', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: HardeningBackend;

  beforeAll(async () => {
    backend = await startHardeningBackend({
      knex: await databases.init('SQLITE_3'),
    });
  });

  afterAll(() => backend?.stop());

  it('describes every JSON answer the routes give', async () => {
    const problems: Record<string, unknown> = {};
    let checked = 0;
    let seq = 0;
    for (const route of backend.routes) {
      const key = routeKey(route);
      const req = await ROUTE_SAMPLES[key].prepare({ backend, seq: ++seq });
      const res = await backend.request({
        method: route.method,
        path: fillPath(route.path, req.params),
        json: req.json,
        raw: req.raw,
        contentType: req.contentType,
        query: req.query,
        authorization: PRINCIPALS.owner,
      });
      if (res.body === undefined) continue;
      const at = responseSchemaPointer(route.path, route.method, res.status);
      if (!at) {
        problems[`${key} ${res.status}`] = 'no JSON schema in the spec';
        continue;
      }
      const validate = ajv.compile({ $ref: `openapi.yaml#/${at}` });
      checked += 1;
      if (!validate(res.body)) {
        problems[`${key} ${res.status}`] = validate.errors?.map(
          e => `${e.instancePath || '/'} ${e.message}`,
        );
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(problems).toEqual({});
  });
});
