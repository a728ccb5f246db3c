/*
 * Cost ingestion and team-view benchmark.
 *
 * Ingests 1,000,000 cost records through DatabaseCostStore in batches (the
 * path of POST /cost/records and the CSV import), measures the ceiling of a
 * raw better-sqlite3 prepared insert of the same rows into the same table and
 * indexes in the same run (without the rollup triggers the store maintains),
 * then times the team cost view over 12 months.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/cost/costBenchmark.ts
 * Options (environment): COST_BENCH_ROWS (default 1000000),
 * COST_BENCH_BATCH (default 5000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import knexFactory from 'knex';
import { COST_CATEGORIES } from '@modelops/plugin-modelops-common';
import { DatabaseCostStore } from '../../plugins/modelops-backend/src/cost/DatabaseCostStore';
import { CostViews } from '../../plugins/modelops-backend/src/cost/CostViews';
import type { CostAccess } from '../../plugins/modelops-backend/src/cost/CostAccess';
import type {
  CostCatalog,
  CostEntity,
} from '../../plugins/modelops-backend/src/cost/CostCatalog';
import {
  addDays,
  toIsoDay,
} from '../../plugins/modelops-backend/src/cost/costCalendar';
import type { StoredCostRecord } from '../../plugins/modelops-backend/src/cost/types';

const ROWS = Number(process.env.COST_BENCH_ROWS ?? 1_000_000);
const BATCH = Number(process.env.COST_BENCH_BATCH ?? 5_000);
const ENTITIES = 1_000;
const TEAMS = 25;
const DAYS = 365;
const migrations = path.resolve(
  __dirname,
  '../../plugins/modelops-backend/migrations',
);

// Rows spread over 1,000 entities, 365 days and the four categories, in day
// order as a daily export would arrive.
function* rows(today: string): Generator<StoredCostRecord> {
  let produced = 0;
  for (let day = DAYS - 1; day >= 0 && produced < ROWS; day--) {
    const isoDay = addDays(today, -day);
    for (let e = 0; e < ENTITIES && produced < ROWS; e++) {
      for (const category of COST_CATEGORIES) {
        if (produced >= ROWS) return;
        produced++;
        yield {
          source: 'bench',
          entityRef: `mlmodel:default/model-${e}`,
          day: isoDay,
          category,
          // Amounts in micros; credits are the one negative category.
          amountMicros:
            BigInt((e * 7 + day * 13) % 1000) *
            100_000n *
            (category === 'credit' ? -1n : 1n),
          currency: 'USD',
          usageQuantity: category === 'inference' ? 1000 + e : undefined,
          usageUnit: category === 'inference' ? 'inferences' : undefined,
        };
      }
    }
  }
}

function tempFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelops-cost-bench-'));
  return path.join(dir, name);
}

async function ingestThroughStore(today: string) {
  const filename = tempFile('store.sqlite');
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  await knex.migrate.latest({ directory: migrations });
  const store = DatabaseCostStore.create({ database: knex });
  let batch: StoredCostRecord[] = [];
  const started = performance.now();
  for (const row of rows(today)) {
    batch.push(row);
    if (batch.length === BATCH) {
      await store.upsertRecords(batch);
      batch = [];
    }
  }
  if (batch.length) await store.upsertRecords(batch);
  const seconds = (performance.now() - started) / 1000;
  return { knex, store, seconds };
}

// The ceiling: the same rows through a prepared single-row insert, one
// transaction per batch, into the table the migrations create (same columns,
// same three indexes). The monthly total triggers are dropped first, so the
// ceiling pays for no total recomputation while the store does.
async function ingestRaw(today: string) {
  const filename = tempFile('raw.sqlite');
  const migrated = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  await migrated.migrate.latest({ directory: migrations });
  await migrated.destroy();
  const db = new Database(filename);
  for (const event of ['insert', 'update', 'delete']) {
    db.exec(`drop trigger modelops_cost_monthly_on_${event}`);
  }
  const insert = db.prepare(
    `insert into modelops_cost_records (source, entity_ref, model_version, day, category, amount_micros, currency, usage_quantity, usage_unit)
     values (?, ?, '', ?, ?, ?, ?, ?, ?)`,
  );
  const insertBatch = db.transaction((batch: StoredCostRecord[]) => {
    for (const r of batch) {
      insert.run(
        r.source,
        r.entityRef,
        r.day,
        r.category,
        r.amountMicros,
        r.currency,
        r.usageQuantity ?? null,
        r.usageUnit ?? null,
      );
    }
  });
  let batch: StoredCostRecord[] = [];
  const started = performance.now();
  for (const row of rows(today)) {
    batch.push(row);
    if (batch.length === BATCH) {
      insertBatch(batch);
      batch = [];
    }
  }
  if (batch.length) insertBatch(batch);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

async function timeTeamView(store: DatabaseCostStore) {
  const entities: CostEntity[] = Array.from({ length: ENTITIES }, (_, e) => ({
    entityRef: `mlmodel:default/model-${e}`,
    kind: 'mlmodel',
    name: `model-${e}`,
    owner: `group:default/team-${e % TEAMS}`,
    costTags: {},
  }));
  // The catalog and access parts are in-memory stand-ins: the benchmark
  // measures the database work and the in-memory join of the view.
  const catalog = {
    listEntities: async () => entities,
  } as unknown as CostCatalog;
  const access = {} as CostAccess;
  const views = CostViews.create({ store, catalog, access, currency: 'USD' });
  const reader = {
    credentials: {} as any,
    readsAll: true,
    ownershipRefs: new Set<string>(),
  };
  const timings: number[] = [];
  let teams = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const view = await views.teams(reader, 12);
    timings.push(performance.now() - started);
    teams = view.teams.length;
  }
  timings.sort((a, b) => a - b);
  return { medianMs: timings[2], bestMs: timings[0], teams };
}

async function main() {
  const today = toIsoDay(new Date());
  console.log(
    `Cost benchmark: ${ROWS.toLocaleString(
      'en-US',
    )} rows, batches of ${BATCH}, ${ENTITIES} entities, ${TEAMS} teams, SQLite file databases`,
  );
  const rawSeconds = await ingestRaw(today);
  const { knex, store, seconds } = await ingestThroughStore(today);
  const [{ count }] = await knex('modelops_cost_records').count({ count: '*' });
  const team = await timeTeamView(store);
  await knex.destroy();

  const rate = (s: number) => Math.round(ROWS / s).toLocaleString('en-US');
  const table = [
    ['measurement', 'result'],
    [
      'raw better-sqlite3 prepared insert (ceiling)',
      `${rate(rawSeconds)} rows/s (${rawSeconds.toFixed(1)} s)`,
    ],
    [
      'DatabaseCostStore.upsertRecords',
      `${rate(seconds)} rows/s (${seconds.toFixed(1)} s)`,
    ],
    ['store / ceiling', `${((rawSeconds / seconds) * 100).toFixed(0)} %`],
    ['rows stored', Number(count).toLocaleString('en-US')],
    [
      'team view, 12 months (median of 5)',
      `${team.medianMs.toFixed(0)} ms (best ${team.bestMs.toFixed(0)} ms, ${
        team.teams
      } teams)`,
    ],
  ];
  const width = Math.max(...table.map(r => r[0].length));
  for (const [i, [name, value]] of table.entries()) {
    console.log(`| ${name.padEnd(width)} | ${value}`);
    if (i === 0) console.log(`|${'-'.repeat(width + 2)}|${'-'.repeat(40)}`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
