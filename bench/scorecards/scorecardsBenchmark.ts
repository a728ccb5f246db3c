/*
 * Scorecard evaluation benchmark.
 *
 * Runs the scorecard engine (catalog paging, bulk facts per page, in-memory
 * evaluation, chunked writes with history) over 1,000, 10,000 and 50,000
 * generated MLModel and Dataset entities with 10 and with 40 registered
 * checks, on a SQLite file database. Each configuration runs twice: the
 * first run writes every result and its history row, the second finds no
 * change and writes only entity scores. Every configuration runs in a fresh
 * child process, so the maximum resident set size printed is that of the
 * configuration alone: once without a memory limit and, where the machine
 * allows a memory cgroup (root), again under a kernel-enforced limit of
 * SCORECARD_BENCH_MEMORY_LIMIT_MB (default 512), as in a container.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/scorecards/scorecardsBenchmark.ts
 * Options (environment): SCORECARD_BENCH_SIZES (default 1000,10000,50000),
 * SCORECARD_BENCH_CHECKS (default 10,40), SCORECARD_BENCH_PAGE (default 500),
 * SCORECARD_BENCH_MAX_OLD_SPACE_MB (default unset: V8's own limit) starts
 * every configuration's child with --max-old-space-size of that many MB,
 * SCORECARD_BENCH_MEMORY_LIMIT_MB (default 512; `none` skips the limited runs).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';
import { createMemoryCgroup } from './memoryLimit';
import {
  benchCatalog,
  benchChecks,
  benchEntities,
  createBenchEngine,
  openBenchDatabase,
} from './benchFixtures';

const SIZES = (process.env.SCORECARD_BENCH_SIZES ?? '1000,10000,50000')
  .split(',')
  .map(Number);
const CHECK_COUNTS = (process.env.SCORECARD_BENCH_CHECKS ?? '10,40')
  .split(',')
  .map(Number);
const PAGE = Number(process.env.SCORECARD_BENCH_PAGE ?? 500);
// A capped old generation makes V8 collect before it grows, so the child's
// resident size shows what the engine needs rather than how far V8 lets its
// heap drift; a configuration that needs more than the cap fails with V8's
// out-of-memory error, which the table reports instead of a row.
const MAX_OLD_SPACE_MB = process.env.SCORECARD_BENCH_MAX_OLD_SPACE_MB
  ? Number(process.env.SCORECARD_BENCH_MAX_OLD_SPACE_MB)
  : undefined;
if (
  MAX_OLD_SPACE_MB !== undefined &&
  !(Number.isInteger(MAX_OLD_SPACE_MB) && MAX_OLD_SPACE_MB > 0)
) {
  throw new Error(
    `SCORECARD_BENCH_MAX_OLD_SPACE_MB must be a positive whole number of MB, got '${process.env.SCORECARD_BENCH_MAX_OLD_SPACE_MB}'`,
  );
}

const LIMIT_SETTING = process.env.SCORECARD_BENCH_MEMORY_LIMIT_MB ?? '512';
const MEMORY_LIMIT_MB =
  LIMIT_SETTING === 'none' ? undefined : Number(LIMIT_SETTING);
if (
  MEMORY_LIMIT_MB !== undefined &&
  !(Number.isInteger(MEMORY_LIMIT_MB) && MEMORY_LIMIT_MB > 0)
) {
  throw new Error(
    `SCORECARD_BENCH_MEMORY_LIMIT_MB must be a positive whole number of MB or none, got '${LIMIT_SETTING}'`,
  );
}

interface Row {
  entities: number;
  checks: number;
  /** The memory limit the child ran under, in MB; undefined for none. */
  limitMb?: number;
  /** The JavaScript heap limit Node chose (or was given) in the child. */
  heapLimitMb: number;
  results: number;
  firstMs: number;
  secondMs: number;
  perEntityUs: number;
  heapMb: number;
  rssMb: number;
  /** Max RSS once the entities are generated, before the engine runs. */
  rssBeforeEngineMb: number;
}

async function run(n: number, checkCount: number): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-bench-'));
  const knex = await openBenchDatabase(path.join(dir, 'bench.sqlite'));
  const catalog = benchCatalog(benchEntities(n));
  const { engine, store } = createBenchEngine({
    knex,
    catalog,
    checks: benchChecks(checkCount),
    pageSize: PAGE,
  });
  // Writes are synchronous on better-sqlite3, so a timer would never fire
  // during a run: the heap is sampled before every page write instead.
  let heapPeak = process.memoryUsage().heapUsed;
  const writeBatch = store.writeBatch.bind(store);
  store.writeBatch = async batch => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    await writeBatch(batch);
  };
  // What the process holds before the engine starts (the runtime, the
  // transpiled sources, the generated entities and the in-memory catalog),
  // so the table can tell the engine's share of the high-water mark.
  const rssBeforeEngineMb = process.resourceUsage().maxRSS / 1024;
  const t0 = performance.now();
  const first = await engine.evaluateAll();
  const t1 = performance.now();
  await engine.evaluateAll();
  const t2 = performance.now();
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
    rssBeforeEngineMb,
    heapLimitMb: v8.getHeapStatistics().heap_size_limit / 2 ** 20,
  };
}

function fmt(n: number, digits = 0) {
  return n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** A configuration whose child process did not finish, or could not run. */
interface Failure {
  entities: number;
  checks: number;
  limitMb?: number;
  failed: string;
}

/**
 * Runs one configuration in a fresh process, under a memory cgroup of
 * `limitMb` when given, and reads its row from stdout; a child that exits
 * abnormally (out of memory under a capped heap, or killed by the kernel at
 * the memory limit) is reported as a failure so the other configurations
 * still run.
 */
function runInChild(
  n: number,
  checks: number,
  limitMb?: number,
): Row | Failure {
  let command = process.execPath;
  let args = [
    ...process.execArgv,
    ...(MAX_OLD_SPACE_MB !== undefined
      ? [`--max-old-space-size=${MAX_OLD_SPACE_MB}`]
      : []),
    __filename,
    '--configuration',
    String(n),
    String(checks),
  ];
  const cgroup =
    limitMb === undefined
      ? undefined
      : createMemoryCgroup(
          limitMb,
          `modelops-scorecards-bench-${process.pid}-${n}-${checks}`,
        );
  if (cgroup && 'unavailable' in cgroup) {
    return { entities: n, checks, limitMb, failed: cgroup.unavailable };
  }
  if (cgroup) [command, args] = cgroup.wrap(command, args);
  try {
    const child = spawnSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 2 ** 24,
    });
    if (child.status !== 0) {
      const killed =
        child.signal === 'SIGKILL' && limitMb !== undefined
          ? `killed at the ${limitMb} MB memory limit`
          : `killed by ${child.signal}`;
      return {
        entities: n,
        checks,
        limitMb,
        failed: child.signal ? killed : `exit code ${child.status}`,
      };
    }
    const row: Row = JSON.parse(child.stdout.trim().split('\n').pop()!);
    return { ...row, limitMb };
  } finally {
    cgroup?.dispose();
  }
}

async function main() {
  const at = process.argv.indexOf('--configuration');
  if (at >= 0) {
    const row = await run(
      Number(process.argv[at + 1]),
      Number(process.argv[at + 2]),
    );
    console.log(JSON.stringify(row));
    return;
  }
  const rows: Row[] = [];
  const failures: Failure[] = [];
  const limits =
    MEMORY_LIMIT_MB === undefined ? [undefined] : [undefined, MEMORY_LIMIT_MB];
  for (const limitMb of limits) {
    for (const checks of CHECK_COUNTS) {
      for (const n of SIZES) {
        const outcome = runInChild(n, checks, limitMb);
        const what = `${n} entities x ${checks} checks${
          limitMb ? ` under ${limitMb} MB` : ''
        }`;
        if ('failed' in outcome) {
          failures.push(outcome);
          process.stderr.write(`FAILED ${what}: ${outcome.failed}\n`);
        } else {
          rows.push(outcome);
          process.stderr.write(`done ${what}\n`);
        }
      }
    }
  }
  if (MAX_OLD_SPACE_MB !== undefined) {
    console.log(
      `children started with --max-old-space-size=${MAX_OLD_SPACE_MB}\n`,
    );
  }
  const limit = (mb?: number) => (mb ? `${fmt(mb)} MB` : 'none');
  console.log(
    '| entities | checks | memory limit | results | first run | entities/s | second run (no change) | µs/entity | peak heap | heap limit | max RSS | max RSS before the engine |',
  );
  console.log('|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${fmt(r.entities)} | ${r.checks} | ${limit(r.limitMb)} | ${fmt(
        r.results,
      )} | ${fmt(r.firstMs / 1000, 1)} s | ${fmt(
        r.entities / (r.firstMs / 1000),
      )} | ${fmt(r.secondMs / 1000, 1)} s | ${fmt(r.perEntityUs)} | ${fmt(
        r.heapMb,
      )} MB | ${fmt(r.heapLimitMb)} MB | ${fmt(r.rssMb)} MB | ${fmt(
        r.rssBeforeEngineMb,
      )} MB |`,
    );
  }
  for (const f of failures) {
    console.log(
      `| ${fmt(f.entities)} | ${f.checks} | ${limit(
        f.limitMb,
      )} | did not complete: ${f.failed} | | | | | | | | |`,
    );
  }
  for (const checks of CHECK_COUNTS) {
    // Without a memory limit: the ratio measures the engine, not the GC
    // pressure of a small heap.
    const unlimited = rows.filter(r => r.checks === checks && !r.limitMb);
    const small = unlimited.find(r => r.entities === Math.min(...SIZES));
    const large = unlimited.find(r => r.entities === Math.max(...SIZES));
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
  // The table is printed either way; the exit code tells a script that a
  // configuration did not complete.
  if (failures.length > 0) {
    process.exitCode = 1;
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
