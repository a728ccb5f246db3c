/*
 * Every read obeys the cost read rule. The owning team's model gets cost
 * records with a recognisable amount and a config check that reads
 * `cost.costPer1kInferences`, whose failure message names the value. Then:
 *
 * 1. Every field and body of the spec's answers that can carry cost is
 *    found by walking openapi.yaml (cost-named fields, the cost schemas,
 *    check messages, CSV and Markdown bodies) and must be listed below with
 *    the way the rule applies to it, so a new one cannot slip through.
 * 2. For a non-owner without the cost read permission, each listed carrier
 *    is refused, filtered, left out or redacted as listed.
 * 3. Every route of the spec, called as that non-owner with its hardening
 *    sample, answers without the amount anywhere in its body; the owner
 *    sees it where it belongs, so the search can find it.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { pdfText } from '../compliance/__testUtils__/pdfTextLines';
import { REDACTED_COST_MESSAGE } from '../cost/CostFactRedactor';
import {
  MODEL,
  OWNER_GROUP,
  PRINCIPALS,
} from './__testUtils__/hardeningCatalog';
import {
  fillPath,
  ROUTE_SAMPLES,
  routeKey,
} from './__testUtils__/routeSamples';
import {
  startHardeningBackend,
  type HardeningBackend,
  type HarnessResponse,
  type PolicyMode,
} from './__testUtils__/startHardeningBackend';

jest.setTimeout(180_000);

const spec = parse(
  readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);

// --- 1. what can carry cost, from the spec ---------------------------------

const COST_NAME = /cost|amount|spend|budget|per1k|micros/i;

function component(ref: string): any {
  return ref
    .slice('#/'.length)
    .split('/')
    .reduce((at: any, key) => at[key], spec);
}

const refName = (node: any): string | undefined =>
  typeof node?.$ref === 'string' ? node.$ref.split('/').pop() : undefined;

/** Paths of the fields under a schema that can carry cost. */
function costFields(node: any, path: string, seen: Set<string>): string[] {
  if (!node || typeof node !== 'object') return [];
  const name = refName(node);
  if (name) {
    if (COST_NAME.test(name)) return [path || `(${name})`];
    if (seen.has(name)) return [];
    return costFields(component(node.$ref), path, new Set([...seen, name]));
  }
  const found: string[] = [];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    for (const s of node[key] ?? []) found.push(...costFields(s, path, seen));
  }
  if (node.items) found.push(...costFields(node.items, `${path}[]`, seen));
  for (const [key, value] of Object.entries<any>(node.properties ?? {})) {
    const at = path ? `${path}.${key}` : key;
    // Check messages explain failures with the values the check read.
    if (COST_NAME.test(key) || key === 'message') found.push(at);
    else found.push(...costFields(value, at, seen));
  }
  return found;
}

interface Operation {
  id: string;
  method: string;
  path: string;
}

const operations: Operation[] = Object.entries<any>(spec.paths).flatMap(
  ([path, item]) =>
    Object.entries<any>(item)
      .filter(([method]) => method !== 'parameters')
      .map(([method, op]) => ({
        id: op.operationId as string,
        method: method.toUpperCase(),
        path,
      })),
);

function carriersInSpec(): string[] {
  return Object.values<any>(spec.paths).flatMap(item =>
    Object.entries<any>(item)
      .filter(([method]) => method !== 'parameters')
      .flatMap(([, op]) =>
        Object.entries<any>(op.responses)
          .filter(([status]) => status.startsWith('2'))
          .flatMap(([, response]) =>
            Object.entries<any>(response.content ?? {}).flatMap(
              ([media, content]) =>
                media === 'application/json'
                  ? costFields(content.schema, '', new Set()).map(
                      field => `${op.operationId} ${field}`,
                    )
                  : [`${op.operationId} (${media})`],
            ),
          ),
      ),
  );
}

/**
 * How the cost read rule applies to each carrier, for a caller who may not
 * read the model's cost:
 * - `refused`: 403, never an empty answer (the cost routes);
 * - `hidden`: 404, as for a record that does not exist (a billing import
 *   job is read only by the caller who started it);
 * - `filtered`: the list holds only entities whose cost the caller reads;
 * - `omitted`: the fields are absent on the model's row;
 * - `redacted`: messages of checks that read cost are replaced;
 * - `no cost`: the field is about something else, said why;
 * - `text`: a whole CSV or Markdown body, searched for the amount;
 * - `pdf`: a PDF document, asked for with `format=pdf`, whose text is
 *   searched for the amount.
 */
type Rule =
  | 'refused'
  | 'hidden'
  | 'filtered'
  | 'omitted'
  | 'redacted'
  | 'text'
  | 'pdf'
  | string;

const CARRIERS: Record<string, Rule> = {
  // Ingest answers counts; writing cost needs the ingest permission.
  'PostCostRecords (CostIngestResponse)': 'refused',
  'PostCostCsvImport (CostCsvImportResponse)': 'refused',
  // A billing import (201 or 202) needs the ingest permission; its job and
  // report are for the caller who started it.
  'PostCostImport (CostImportJob)': 'refused',
  'GetCostImport (CostImportJob)': 'hidden',
  'GetCostImportSources (CostImportSourcesResponse)':
    'no cost: the formats, cost measures, configured sources and the caller’s ingest scope',
  'GetEntityCost (EntityCostView)': 'refused',
  'GetTeamCosts (TeamCostView)': 'filtered',
  'GetModelCosts (ModelCostView)': 'filtered',
  'GetIdleModels (IdleCostView)': 'filtered',
  'GetEntityScorecard failing[].message': 'redacted',
  'GetEntityScorecard results[].message': 'redacted',
  'GetEntityCompliance obligations[].checks[].message': 'redacted',
  'GetScorecardResults items[].message': 'redacted',
  'GetReviewFindings items[].message':
    'no cost: findings name missing owners, stewards and overdue attestations',
  'GetPortfolioReview rows[].monthlyCost': 'omitted',
  'GetPortfolioReview rows[].costMonth': 'omitted',
  'GetPortfolioReviewCsv (text/csv)': 'text',
  'GetComplianceDossier (text/markdown)': 'text',
  'GetComplianceDossier (application/pdf)': 'pdf',
  'GetDecisionsCsv (text/csv)': 'text',
};

// --- the canary -------------------------------------------------------------

/** The amount of each record, and how it may be written in any answer. */
const AMOUNT = 4321.98;
const SEEN = /4321[.,]98|432198|8643[.,]96|864396/;
const CANARY_CHECK = 'cost.per-1k-ceiling';

/** Queries that make a list route list the canary check's result. */
const EXTRA_QUERY: Record<string, Record<string, string>> = {
  GetScorecardResults: { pack: 'cost', checkId: CANARY_CHECK },
};

const canaryCheck = {
  id: CANARY_CHECK,
  title: 'Cost per 1,000 inferences under a ceiling',
  description: 'Serving 1,000 predictions costs at most one dollar.',
  rationale: {
    practice: 'Module 8: track cost per inference',
    obligations: ['nist-ai-rmf.govern-1.5'],
  },
  appliesTo: { kinds: ['MLModel'] },
  rule: { fact: 'cost.costPer1kInferences', op: 'lte', value: 1 },
  severity: 'warning',
  remediation: { text: 'Batch requests or use a smaller model.' },
  pack: 'cost',
  level: 'gold',
};

function isoDay(date: Date) {
  return date.toISOString().slice(0, 10);
}

/** Today (the running month) and the middle of last month (the portfolio's). */
function canaryDays(): string[] {
  const now = new Date();
  return [
    isoDay(now),
    isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15))),
  ];
}

const MODES: PolicyMode[] = ['SHIPPED', 'CONDITIONAL'];

describe('cost read rule on every read', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: HardeningBackend;
  let seq = 0;

  beforeAll(async () => {
    backend = await startHardeningBackend({
      knex: await databases.init('SQLITE_3'),
      config: {
        modelops: {
          changes: { reviewGroup: OWNER_GROUP },
          scorecards: { checks: [canaryCheck] },
        },
      },
    });
    backend.setPolicy('ALLOW');
    const ingest = await backend.request({
      method: 'POST',
      path: '/cost/records',
      authorization: PRINCIPALS.owner,
      json: {
        source: 'canary',
        records: canaryDays().map(day => ({
          entityRef: MODEL,
          day,
          category: 'inference',
          amount: AMOUNT,
          currency: 'USD',
          usageQuantity: 1000,
          usageUnit: 'inferences',
        })),
      },
    });
    if (ingest.status !== 200) throw new Error(`ingest: ${ingest.text}`);
    const evaluated = await backend.request({
      method: 'POST',
      path: '/scorecards/evaluate',
      authorization: PRINCIPALS.owner,
      json: { entityRef: MODEL },
    });
    if (evaluated.status !== 200) {
      throw new Error(`evaluate: ${evaluated.text}`);
    }
  });
  afterAll(() => backend?.stop());

  async function call(
    operationId: string,
    principal: keyof typeof PRINCIPALS,
    mode: PolicyMode,
    extraQuery: Record<string, string> = {},
  ): Promise<HarnessResponse> {
    const op = operations.find(o => o.id === operationId)!;
    const path = op.path.replace(/\{(\w+)\}/g, ':$1');
    const sample = ROUTE_SAMPLES[routeKey({ method: op.method as any, path })];
    backend.setPolicy('ALLOW');
    const req = await sample.prepare({ backend, seq: ++seq });
    backend.setPolicy(mode);
    return backend.request({
      method: op.method,
      path: fillPath(path, req.params),
      json: req.json,
      raw: req.raw,
      contentType: req.contentType,
      query: { ...req.query, ...extraQuery },
      authorization: PRINCIPALS[principal],
    });
  }

  it('knows every field and body of the spec that can carry cost', () => {
    const normalise = (carrier: string) =>
      carrier.replace(/ \(body (\w+)\)$/, ' ($1)');
    // A route answering 201 and 202 with the same body counts once.
    expect([...new Set(carriersInSpec().map(normalise))].sort()).toEqual(
      Object.keys(CARRIERS).sort(),
    );
  });

  it.each(MODES)(
    'shows the owner the cost the search looks for (%s)',
    async mode => {
      const entityCost = await call('GetEntityCost', 'owner', mode);
      expect(entityCost.status).toBe(200);
      expect(entityCost.text).toMatch(SEEN);
      const scorecard = await call('GetEntityScorecard', 'owner', mode);
      const canary = scorecard.body.results.find(
        (r: any) => r.checkId === CANARY_CHECK,
      );
      expect(canary).toMatchObject({ state: 'fail' });
      expect(canary.message).toMatch(SEEN);
      expect((await call('GetEntityCompliance', 'owner', mode)).text).toMatch(
        SEEN,
      );
      expect((await call('GetPortfolioReview', 'owner', mode)).text).toMatch(
        SEEN,
      );
      expect((await call('GetPortfolioReviewCsv', 'owner', mode)).text).toMatch(
        SEEN,
      );
    },
  );

  it.each(MODES)(
    'applies the rule to every carrier for a non-owner (%s)',
    async mode => {
      const problems: string[] = [];
      for (const [carrier, rule] of Object.entries(CARRIERS)) {
        const [operationId, field] = carrier.split(' ');
        const res = await call(
          operationId,
          'nonOwner',
          mode,
          EXTRA_QUERY[operationId] ?? (rule === 'pdf' ? { format: 'pdf' } : {}),
        );
        const fail = (why: string) =>
          problems.push(
            `${carrier} (${rule}): ${why}: ${res.text.slice(0, 300)}`,
          );
        if (rule === 'refused') {
          if (res.status !== 403) fail(`answered ${res.status}`);
          continue;
        }
        if (rule === 'hidden') {
          if (res.status !== 404) fail(`answered ${res.status}`);
          continue;
        }
        if (res.status !== 200) {
          fail(`answered ${res.status}`);
          continue;
        }
        if (rule === 'filtered' && res.text.includes(MODEL)) {
          fail('lists the model');
        }
        if (rule === 'omitted') {
          const name = field.split('.').pop()!;
          const row = res.body.rows.find((r: any) => r.entityRef === MODEL);
          if (!row) fail('has no row of the model to check');
          else if (row[name] !== undefined) fail(`shows ${name}`);
        }
        if (rule === 'redacted') {
          const list = field.startsWith('obligations')
            ? res.body.obligations.flatMap((o: any) => o.checks)
            : res.body[field.split('[')[0]];
          const canary = list.find(
            (r: any) => (r.checkId ?? r.id) === CANARY_CHECK,
          );
          if (!canary) fail('does not list the cost check');
          else if (canary.message !== REDACTED_COST_MESSAGE) {
            fail(`message is ${canary.message}`);
          }
        }
        if (rule === 'pdf') {
          const text = pdfText(res.bytes);
          if (!text.includes('Annex IV')) fail('is not the dossier');
          if (SEEN.test(text)) fail('shows the amount');
        }
        if (SEEN.test(res.text)) fail('shows the amount');
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(MODES)(
    'answers every route of the spec to a non-owner without the amount (%s)',
    async mode => {
      const leaks: string[] = [];
      for (const op of operations) {
        const res = await call(op.id, 'nonOwner', mode);
        expect(res.status).toBeLessThan(500);
        if (SEEN.test(res.text)) {
          leaks.push(`${op.method} ${op.path}: ${res.text.slice(0, 300)}`);
        }
      }
      expect(operations.length).toBeGreaterThan(50);
      expect(leaks).toEqual([]);
    },
  );
});
