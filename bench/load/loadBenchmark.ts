/*
 * Load benchmark of the ModelOps backend plugin: the real plugin (every
 * router plugin.ts mounts, with the shared request limits and the rate
 * limit) served on loopback, over 50,000 catalog entities with seeded
 * evidence, scorecard results and cost records, under 20 keep-alive
 * connections per endpoint from a separate process. Prints p50, p95, p99,
 * requests per second and errors per endpoint, then checks that a burst of
 * mutations from one caller meets the rate limit (429 with Retry-After).
 *
 * The catalog is an in-memory fake indexed by ref (a real catalog cannot
 * ingest 50,000 entities in reasonable time on a small machine), and the
 * permission policy allows everything, so the numbers are the plugin's own.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/load/loadBenchmark.ts
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import knexFactory, { type Knex } from 'knex';
import { DatabaseCostStore } from '../../plugins/modelops-backend/src/cost/DatabaseCostStore';
import { DatabaseEvidenceStore } from '../../plugins/modelops-backend/src/evidence/DatabaseEvidenceStore';
import { startHardeningBackend } from '../../plugins/modelops-backend/src/hardening/__testUtils__/startHardeningBackend';
import { DatabaseScorecardStore } from '../../plugins/modelops-backend/src/scorecards/DatabaseScorecardStore';
import { migrateDatabase } from '../../plugins/modelops-backend/src/service/migrateDatabase';
import { benchEntities, TEAMS } from '../scorecards/benchFixtures';

const ENTITIES = Number(process.env.LOAD_BENCH_ENTITIES ?? 50_000);
const SECONDS = Number(process.env.LOAD_BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.LOAD_BENCH_CONNECTIONS ?? 20);
const EVIDENCE_MODELS = Number(process.env.LOAD_BENCH_EVIDENCE_MODELS ?? 500);
const EVALUATIONS_PER_MODEL = 12;
const CHECKS_PER_ENTITY = 8;
const COST_DAYS = Number(process.env.LOAD_BENCH_COST_DAYS ?? 3);
const RATE_LIMIT = { windowMs: 60_000, max: 100 };
const DAY_MS = 86_400_000;

const users = Array.from({ length: TEAMS }, (_, t) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: `member-${t}`, namespace: 'default' },
  spec: { memberOf: [`group:default/team-${t}`] },
  relations: [{ type: 'memberOf', targetRef: `group:default/team-${t}` }],
}));
const groups = Array.from({ length: TEAMS }, (_, t) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: `team-${t}`, namespace: 'default' },
  spec: { type: 'team', children: [] },
}));

/**
 * The in-memory catalog of catalog-client's test utilities rebuilds its ref
 * map on every lookup (50,000 entities per request); this one indexes once,
 * as the real catalog's database does, and delegates the rest.
 */
function indexedCatalog(entities: Entity[]) {
  const client = new InMemoryCatalogClient({ entities });
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const lookup = (ref: string) => byRef.get(ref.toLocaleLowerCase('en-US'));
  return Object.assign(Object.create(client), {
    async getEntityByRef(ref: any) {
      return lookup(typeof ref === 'string' ? ref : stringifyEntityRef(ref));
    },
    async getEntitiesByRefs(request: { entityRefs: string[] }) {
      return { items: request.entityRefs.map(lookup) };
    },
  });
}

async function openDatabase(): Promise<{ knex: Knex; cleanup: () => void }> {
  const url = process.env.LOAD_BENCH_DATABASE_URL;
  if (url) {
    const knex = knexFactory({ client: 'pg', connection: url });
    return { knex, cleanup: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'modelops-load-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'modelops.sqlite') },
    useNullAsDefault: true,
  });
  return { knex, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await fn();
  console.log(`  ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function seed(knex: Knex, entities: Entity[]) {
  const refs = entities.map(e => stringifyEntityRef(e));
  const models = refs.filter(r => r.startsWith('mlmodel:'));
  const now = new Date();
  const nowIso = now.toISOString();

  await timed(
    `evidence (${EVIDENCE_MODELS} models x ${EVALUATIONS_PER_MODEL} evaluations)`,
    async () => {
      const store = DatabaseEvidenceStore.create({ knex });
      for (const modelRef of models.slice(0, EVIDENCE_MODELS)) {
        for (let i = 0; i < EVALUATIONS_PER_MODEL; i++) {
          await store.addEvaluation({
            modelRef,
            modelVersion: String(1 + (i % 4)),
            datasetRef: 'dataset:default/dataset-4',
            evaluatedAt: new Date(now.getTime() - i * 7 * DAY_MS).toISOString(),
            idempotencyKey: `load-${i}`,
            metrics: [
              { name: 'auc', value: 0.8 + i / 100 },
              { name: 'recall', value: 0.7 },
              { name: 'precision', value: 0.75 },
              {
                name: 'recall',
                value: 0.66,
                slice: { attribute: 'region', group: 'eu' },
              },
              {
                name: 'recall',
                value: 0.71,
                slice: { attribute: 'region', group: 'us' },
              },
            ],
          } as any);
        }
      }
    },
  );

  await timed(
    `scorecards (${refs.length} entities x ${CHECKS_PER_ENTITY} results)`,
    async () => {
      const store = DatabaseScorecardStore.create(knex);
      const packs = [
        'production-readiness',
        'documentation',
        'ownership',
        'responsible-ai',
      ];
      const states = ['pass', 'pass', 'fail', 'pass'] as const;
      for (let offset = 0; offset < entities.length; offset += 1000) {
        const page = entities.slice(offset, offset + 1000);
        const upserts = page.flatMap((e, n) =>
          Array.from({ length: CHECKS_PER_ENTITY }, (_, c) => ({
            entityRef: stringifyEntityRef(e),
            checkId: `${packs[c % packs.length]}.check-${c}`,
            pack: packs[c % packs.length],
            level: (['bronze', 'silver', 'gold'] as const)[c % 3],
            severity: (['info', 'warning', 'error', 'critical'] as const)[
              c % 4
            ],
            state: states[(n + c) % states.length],
            message:
              states[(n + c) % states.length] === 'fail'
                ? 'Missing fact'
                : undefined,
            changedAt: nowIso,
          })),
        );
        await store.writeBatch({
          entities: page.map((e, n) => ({
            entityRef: stringifyEntityRef(e),
            kind: e.kind,
            owner: (e.spec as any)?.owner,
            system: (e.spec as any)?.system,
            lifecycle: (e.spec as any)?.lifecycle,
            riskTier: (e.spec as any)?.risk?.tier,
            score: 50 + ((offset + n) % 50),
            packs: packs.map(
              pack => ({ pack, level: 'bronze', score: 60 } as any),
            ),
            evaluatedAt: nowIso,
          })),
          upserts,
          removals: [],
          changes: upserts.map(u => ({
            entityRef: u.entityRef,
            checkId: u.checkId,
            to: u.state,
            at: nowIso,
          })) as any,
        });
      }
      await store.writeDailySnapshot(nowIso.slice(0, 10));
    },
  );

  await timed(
    `cost (${refs.length} entities x ${COST_DAYS} days)`,
    async () => {
      const store = DatabaseCostStore.create({ database: knex });
      const records = refs.flatMap((entityRef, i) =>
        Array.from({ length: COST_DAYS }, (_, d) => ({
          source: 'load',
          entityRef,
          day: new Date(now.getTime() - (1 + d) * DAY_MS)
            .toISOString()
            .slice(0, 10),
          category: 'inference' as const,
          amount: 1 + (i % 17),
          currency: 'USD',
          usageQuantity: 1000 + i,
          usageUnit: 'inferences',
        })),
      );
      for (let i = 0; i < records.length; i += 5000) {
        await store.upsertRecords(records.slice(i, i + 5000));
      }
    },
  );
  return { refs, models };
}

interface Stats {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  retryAfter?: string;
}

function runClient(options: object): Promise<Stats> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(resolve(__dirname, 'loadClient.mjs'), [
      JSON.stringify(options),
    ]);
    child.once('message', m => resolvePromise(m as Stats));
    child.once('error', reject);
    child.once(
      'exit',
      code => code && reject(new Error(`load client exited ${code}`)),
    );
  });
}

function pickRefs<T>(items: T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return Array.from(
    { length: Math.min(count, items.length) },
    (_, i) => items[i * step],
  );
}

async function main() {
  const generated = benchEntities(ENTITIES);
  const entities = [...generated, ...users, ...groups] as Entity[];
  const { knex, cleanup } = await openDatabase();
  console.log(
    `Seeding ${ENTITIES.toLocaleString('en-US')} entities on ${
      knex.client.config.client
    }`,
  );
  await migrateDatabase(knex);
  const { refs, models } = await seed(knex, generated);

  const backend = await startHardeningBackend({
    knex,
    catalog: indexedCatalog(entities) as any,
    config: { modelops: { rateLimit: RATE_LIMIT } },
  });
  const base = backend.baseUrl;
  const ownerOf = new Map(
    generated.map(e => [
      stringifyEntityRef(e),
      (e.spec as any).owner as string,
    ]),
  );
  const sample = pickRefs(refs, 2000);
  const enc = encodeURIComponent;

  // Cost reads are owner-only: each team's member reads its team's models.
  const team0 = 'group:default/team-0';
  const team0Refs = pickRefs(
    refs.filter(r => ownerOf.get(r) === team0),
    500,
  );
  const endpoints = [
    {
      name: 'GET /evaluations (model evidence list)',
      paths: pickRefs(models.slice(0, EVIDENCE_MODELS), 500).map(
        r => `/evaluations?modelRef=${enc(r)}`,
      ),
      authorization: mockCredentials.user.header('user:default/member-1'),
    },
    {
      name: 'GET /scorecards/entity (lookup)',
      paths: sample.map(r => `/scorecards/entity?entityRef=${enc(r)}`),
      authorization: mockCredentials.user.header('user:default/member-1'),
    },
    {
      name: 'GET /scorecards/summary?groupBy=team',
      paths: ['/scorecards/summary?groupBy=team'],
      authorization: mockCredentials.user.header('user:default/member-1'),
    },
    {
      name: 'GET /cost/entity (entity view)',
      paths: team0Refs.map(r => `/cost/entity?entityRef=${enc(r)}`),
      authorization: mockCredentials.user.header('user:default/member-0'),
    },
  ];

  const rows: string[] = [];
  for (const endpoint of endpoints) {
    // A short warm-up compiles the hot paths before the measured run.
    await runClient({
      base,
      paths: endpoint.paths,
      headers: { authorization: endpoint.authorization },
      connections: CONNECTIONS,
      seconds: 2,
    });
    const s = await runClient({
      base,
      paths: endpoint.paths,
      headers: { authorization: endpoint.authorization },
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    const errors = Object.entries(s.statuses)
      .filter(([status]) => status !== '200')
      .reduce((n, [, c]) => n + c, 0);
    // Status 0 is a request the client saw fail without an answer.
    const byStatus = Object.entries(s.statuses)
      .filter(([status]) => status !== '200')
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    rows.push(
      `| ${endpoint.name} | ${s.requests.toLocaleString(
        'en-US',
      )} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(
        1,
      )} | ${s.p99.toFixed(1)} | ${errors}${
        byStatus ? ` (${byStatus})` : ''
      } |`,
    );
    console.log(rows[rows.length - 1]);
  }

  // The burst: one caller posts feedback as fast as 20 connections allow.
  const burstSize = RATE_LIMIT.max + 50;
  const burst = await runClient({
    base,
    paths: ['/feedback'],
    method: 'POST',
    headers: {
      authorization: mockCredentials.user.header('user:default/member-2'),
      'content-type': 'application/json',
    },
    body: {
      entityRef: models[2],
      category: 'usability',
      text: 'Burst of feedback from a script',
    },
    connections: CONNECTIONS,
    seconds: 30,
    count: burstSize,
  });

  console.log(
    `\nModelOps backend under load: ${ENTITIES.toLocaleString(
      'en-US',
    )} entities, ${CONNECTIONS} connections, ${SECONDS} s per endpoint (${
      knex.client.config.client
    })\n`,
  );
  console.log(
    '| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | errors |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  console.log(
    `\nRate limit burst: ${burstSize} POST /feedback from one user with modelops.rateLimit ${JSON.stringify(
      RATE_LIMIT,
    )} -> statuses ${JSON.stringify(burst.statuses)}, Retry-After ${
      burst.retryAfter ?? 'missing'
    } s`,
  );
  const ok =
    burst.statuses['201'] === RATE_LIMIT.max &&
    burst.statuses['429'] === burstSize - RATE_LIMIT.max &&
    burst.retryAfter !== undefined;
  console.log(
    ok ? 'Rate limit: as configured' : 'Rate limit: NOT as configured',
  );

  await backend.stop();
  await knex.destroy();
  cleanup();
  if (!ok) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
