/*
 * Scorecard evaluation benchmark.
 *
 * Runs the scorecard engine (catalog paging, bulk facts per page, in-memory
 * evaluation, chunked writes with history) over 1,000, 10,000 and 50,000
 * generated MLModel and Dataset entities with 10 and with 40 registered
 * checks, on a SQLite file database. Each configuration runs twice: the
 * first run writes every result and its history row, the second finds no
 * change and writes only entity scores.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/scorecards/scorecardsBenchmark.ts
 * Options (environment): SCORECARD_BENCH_SIZES (default 1000,10000,50000),
 * SCORECARD_BENCH_CHECKS (default 10,40), SCORECARD_BENCH_PAGE (default 500).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Entity } from '@backstage/catalog-model';
import knexFactory, { type Knex } from 'knex';
import { DatabaseEvidenceStore } from '../../plugins/modelops-backend/src/evidence/DatabaseEvidenceStore';
import { DatabaseScorecardStore } from '../../plugins/modelops-backend/src/scorecards/DatabaseScorecardStore';
import { CostFactProvider } from '../../plugins/modelops-backend/src/scorecards/facts/CostFactProvider';
import { EvidenceFactProvider } from '../../plugins/modelops-backend/src/scorecards/facts/EvidenceFactProvider';
import { LinksFactProvider } from '../../plugins/modelops-backend/src/scorecards/facts/LinksFactProvider';
import { OwnershipFactProvider } from '../../plugins/modelops-backend/src/scorecards/facts/OwnershipFactProvider';
import { RecordsFactProvider } from '../../plugins/modelops-backend/src/scorecards/facts/RecordsFactProvider';
import { shippedChecks } from '../../plugins/modelops-backend/src/scorecards/packs/shippedChecks';
import { DefaultScorecardEngine } from '../../plugins/modelops-backend/src/scorecards/ScorecardEngine';

const SIZES = (process.env.SCORECARD_BENCH_SIZES ?? '1000,10000,50000')
  .split(',')
  .map(Number);
const CHECK_COUNTS = (process.env.SCORECARD_BENCH_CHECKS ?? '10,40')
  .split(',')
  .map(Number);
const PAGE = Number(process.env.SCORECARD_BENCH_PAGE ?? 500);
const TEAMS = 40;
const migrations = path.resolve(
  __dirname,
  '../../plugins/modelops-backend/migrations',
);

const tiers = ['high', 'limited', 'minimal', undefined];
const lifecycles = [
  'production',
  'production',
  'staging',
  'development',
  'experimental',
];

/** Deterministic entities: 80 % models, 20 % datasets, with gaps so checks both pass and fail. */
function entities(n: number): Entity[] {
  return Array.from({ length: n }, (_, i) => {
    const owner = `group:default/team-${i % TEAMS}`;
    const lifecycle = lifecycles[i % lifecycles.length];
    if (i % 5 === 4) {
      return {
        apiVersion: 'modelops.dev/v1alpha1',
        kind: 'Dataset',
        metadata: {
          name: `dataset-${i}`,
          namespace: 'default',
          description: i % 3 ? 'Rows.' : undefined,
        },
        spec: {
          owner,
          lifecycle,
          steward: i % 7 ? 'user:default/steward' : undefined,
          classification: 'confidential',
          containsPII: i % 2 === 0,
          schema: {
            url: 'https://schemas.example.com/x',
            validated: i % 4 !== 0,
          },
          quality: { checks: ['completeness', 'consistency', 'accuracy'] },
          retention:
            i % 3
              ? { period: 'P7Y', policyUrl: 'https://grc.example.com/r' }
              : undefined,
          access: ['group:default/team-1'],
        },
      };
    }
    return {
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: {
        name: `model-${i}`,
        namespace: 'default',
        description: 'Scores.',
        links:
          i % 3
            ? [{ url: 'https://runbooks.example.com/x', type: 'runbook' }]
            : [],
      },
      spec: {
        owner,
        lifecycle,
        system: `system-${i % 25}`,
        fallback: i % 4 ? 'Rules engine.' : undefined,
        risk: { tier: tiers[i % tiers.length], explainability: ['shap'] },
        deployment: {
          serving: 'kubernetes',
          strategy: i % 2 ? 'canary' : 'rolling',
          latencySloMs: 100,
        },
        monitoring: {
          alerts: ['latency'],
          drift: { test: 'ks', output: true },
        },
        intendedUse: { primaryUses: ['x'], primaryUsers: ['y'] },
        limitations: 'Some.',
        retention: { decisionLogs: 'P1Y' },
        cost: { monthlyBudget: 1000, currency: 'USD', costCenter: 'CC-1' },
      },
    };
  });
}

/** A catalog that pages by offset cursor and resolves owner groups, without per-page filtering cost. */
function benchCatalog(all: Entity[]) {
  const groups = new Map(
    Array.from({ length: TEAMS }, (_, t) => [
      `group:default/team-${t}`,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: `team-${t}`, namespace: 'default' },
        spec: { type: 'team', children: [] },
        relations: [{ type: 'hasMember', targetRef: 'user:default/ada' }],
      } as Entity,
    ]),
  );
  return {
    async queryEntities(request: any) {
      const offset = request?.cursor ? Number(request.cursor) : 0;
      const limit = request?.limit ?? 500;
      const items = all.slice(offset, offset + limit);
      const next =
        offset + limit < all.length ? String(offset + limit) : undefined;
      return { items, totalItems: all.length, pageInfo: { nextCursor: next } };
    },
    async getEntitiesByRefs(request: { entityRefs: string[] }) {
      return { items: request.entityRefs.map(ref => groups.get(ref)) };
    },
  } as any;
}

const auth = { getOwnServiceCredentials: async () => ({}) } as any;
const logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return logger;
  },
} as any;

async function openDatabase(file: string): Promise<Knex> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  await knex.migrate.latest({ directory: migrations });
  return knex;
}

interface Row {
  entities: number;
  checks: number;
  results: number;
  firstMs: number;
  secondMs: number;
  perEntityUs: number;
  heapMb: number;
  rssMb: number;
}

async function run(n: number, checkCount: number): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-bench-'));
  const knex = await openDatabase(path.join(dir, 'bench.sqlite'));
  const all = entities(n);
  const catalog = benchCatalog(all);
  // Every 7th shipped check (7 is coprime with the count, so no repeats):
  // the selection spans every pack, both kinds and all tiers.
  const shipped = shippedChecks();
  if (checkCount > shipped.length) {
    throw new Error(
      `At most ${shipped.length} checks ship; asked for ${checkCount}`,
    );
  }
  const checks = Array.from(
    { length: checkCount },
    (_, i) => shipped[(i * 7) % shipped.length],
  );
  const engine = DefaultScorecardEngine.create({
    store: DatabaseScorecardStore.create(knex),
    catalog,
    auth,
    logger,
    checks,
    factProviders: [
      LinksFactProvider.create(),
      RecordsFactProvider.create(),
      OwnershipFactProvider.create({ catalog, auth }),
      EvidenceFactProvider.create({
        store: DatabaseEvidenceStore.create({ knex }),
      }),
      CostFactProvider.create({ database: knex }),
    ],
    pageSize: PAGE,
  });
  let heapPeak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 50);
  const t0 = performance.now();
  const first = await engine.evaluateAll();
  const t1 = performance.now();
  await engine.evaluateAll();
  const t2 = performance.now();
  clearInterval(sampler);
  await knex.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    entities: n,
    checks: checkCount,
    results: first.results,
    firstMs: t1 - t0,
    secondMs: t2 - t1,
    perEntityUs: ((t1 - t0) * 1000) / n,
    heapMb: heapPeak / 2 ** 20,
    rssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function fmt(n: number, digits = 0) {
  return n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

async function main() {
  const rows: Row[] = [];
  for (const checks of CHECK_COUNTS) {
    for (const n of SIZES) {
      const row = await run(n, checks);
      rows.push(row);
      process.stderr.write(`done ${n} entities x ${checks} checks\n`);
    }
  }
  console.log(
    '| entities | checks | results | first run | entities/s | second run (no change) | µs/entity | peak heap | max RSS (process) |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${fmt(r.entities)} | ${r.checks} | ${fmt(r.results)} | ${fmt(
        r.firstMs / 1000,
        1,
      )} s | ${fmt(r.entities / (r.firstMs / 1000))} | ${fmt(
        r.secondMs / 1000,
        1,
      )} s | ${fmt(r.perEntityUs)} | ${fmt(r.heapMb)} MB | ${fmt(
        r.rssMb,
      )} MB |`,
    );
  }
  for (const checks of CHECK_COUNTS) {
    const small = rows.find(
      r => r.checks === checks && r.entities === Math.min(...SIZES),
    );
    const large = rows.find(
      r => r.checks === checks && r.entities === Math.max(...SIZES),
    );
    if (small && large && small !== large) {
      console.log(
        `\nper-entity cost ratio ${fmt(large.entities)} vs ${fmt(
          small.entities,
        )} entities, ${checks} checks: ${fmt(
          large.perEntityUs / small.perEntityUs,
          2,
        )}`,
      );
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
