/*
 * ModelOps scorecard engine versus Tech Insights, on the same facts.
 *
 * For each size and check count, two fresh child processes run one after the
 * other on the same generated MLModel and Dataset entities (so each peak RSS
 * is its own):
 *   - ours: the real DefaultScorecardEngine as bench/scorecards runs it (catalog
 *     paging, bulk facts, in-memory evaluation, results and history written to
 *     SQLite), first run;
 *   - Tech Insights: one fact retriever per fact namespace computes the same
 *     facts with the same ModelOps fact providers and stores them through
 *     Tech Insights' own TechInsightsDatabase (its migrations, SQLite file);
 *     then the jsonfc JsonRulesEngineFactChecker runs the equivalent checks
 *     for every entity with runChecks(entityRef, checkIds), 100 entities at
 *     a time as the backend's bulk route does. Results stay in memory (their
 *     outcomes, or whole responses on request): Tech Insights does not
 *     persist check results.
 * Afterwards the parent compares every (entity, check) result of both.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/tech-insights/compareBenchmark.ts
 * Options (environment): TI_BENCH_SIZES (default 1000,10000; add 50000 for
 * the large run), TI_BENCH_CHECKS (default 10,40), TI_BENCH_PAGE (default 500),
 * TI_BENCH_CONCURRENCY (default 100, techInsights.checksRunConcurrency),
 * TI_BENCH_KEEP_RESPONSES (1 keeps every whole runChecks response in memory
 * until all entities are done, as POST /checks/run does before answering;
 * by default only each result's check id and outcome are kept),
 * TI_BENCH_REPEAT (default 3: each configuration runs that many times, the
 * table shows median times and the highest peaks).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { initializePersistenceContext } from '@backstage-community/plugin-tech-insights-backend';
import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import knexFactory from 'knex';
import {
  benchAuth,
  benchCatalog,
  benchChecks,
  benchEntities,
  benchFactProviders,
  createBenchEngine,
  openBenchDatabase,
  silentLogger,
} from '../scorecards/benchFixtures';
import {
  inferFactTypes,
  modelopsFactRetrievers,
  namespaceFacts,
} from './modelopsFactRetrievers';
import {
  checkFacts,
  jsonRulesOperators,
  toJsonRulesCheck,
} from './toJsonRulesCheck';

const SIZES = (process.env.TI_BENCH_SIZES ?? '1000,10000')
  .split(',')
  .map(Number);
const CHECK_COUNTS = (process.env.TI_BENCH_CHECKS ?? '10,40')
  .split(',')
  .map(Number);
const PAGE = Number(process.env.TI_BENCH_PAGE ?? 500);
const CONCURRENCY = Number(process.env.TI_BENCH_CONCURRENCY ?? 100);
const KEEP_RESPONSES = process.env.TI_BENCH_KEEP_RESPONSES === '1';
const REPEAT = Number(process.env.TI_BENCH_REPEAT ?? 3);

type EngineName = 'ours' | 'tech-insights';

/** What a child reports on its last stdout line. */
interface ChildReport {
  engine: EngineName;
  entities: number;
  checks: number;
  results: number;
  /** Tech Insights only: retrievers computing and storing facts. */
  factsMs?: number;
  /** Tech Insights only: runChecks for every entity. */
  checksMs?: number;
  totalMs: number;
  errors: number;
  baselineRssMb: number;
  /** SQL statements sent during the timed part. */
  queries: number;
  /** Highest JS heap in use, sampled every 50 ms during the timed part. */
  peakHeapMb: number;
  maxRssMb: number;
}

function maxRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

/** Samples the JS heap in use until stopped; returns the peak in MB. */
function heapSampler() {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().heapUsed) / 2 ** 20;
  };
}

/** Runs `task` over `items`, at most `limit` at a time, results in order. */
async function mapBounded<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i]);
      }
    },
  );
  await Promise.all(workers);
  return out;
}

async function runOurs(
  n: number,
  checkCount: number,
  dir: string,
  resultsFile: string,
): Promise<ChildReport> {
  const all = benchEntities(n);
  const catalog = benchCatalog(all);
  const knex = await openBenchDatabase(path.join(dir, 'ours.sqlite'));
  const { engine, store } = createBenchEngine({
    knex,
    catalog,
    checks: benchChecks(checkCount),
    pageSize: PAGE,
  });
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
  let queries = 0;
  knex.on('query', () => {
    queries += 1;
  });
  const stopSampler = heapSampler();
  const t0 = performance.now();
  const evaluation = await engine.evaluateAll();
  const totalMs = performance.now() - t0;
  const peakHeapMb = stopSampler();
  const rss = maxRssMb();

  // Untimed: the stored results, for the comparison.
  const out = fs.createWriteStream(resultsFile);
  for (let i = 0; i < all.length; i += PAGE) {
    const refs = all.slice(i, i + PAGE).map(e => stringifyEntityRef(e));
    const stored = await store.getResults(refs);
    for (const [ref, results] of stored) {
      for (const r of results) out.write(`${ref}\t${r.checkId}\t${r.state}\n`);
    }
  }
  await new Promise(resolve => out.end(resolve));
  await knex.destroy();
  return {
    engine: 'ours',
    entities: n,
    checks: checkCount,
    results: evaluation.results,
    totalMs,
    errors: 0,
    queries,
    baselineRssMb,
    peakHeapMb,
    maxRssMb: rss,
  };
}

async function runTechInsights(
  n: number,
  checkCount: number,
  dir: string,
  resultsFile: string,
): Promise<ChildReport> {
  const all = benchEntities(n);
  const catalog = benchCatalog(all);
  // The ModelOps tables (evaluations, cost) the fact providers query.
  const modelopsDb = await openBenchDatabase(path.join(dir, 'modelops.sqlite'));
  const tiDb = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'tech-insights.sqlite') },
    useNullAsDefault: true,
  });
  const { techInsightsStore } = await initializePersistenceContext(
    { getClient: async () => tiDb, migrations: { skip: false } } as any,
    { logger: silentLogger },
  );
  const checks = benchChecks(checkCount);
  const now = new Date();
  const retrieverOptions = {
    catalog,
    providers: benchFactProviders(modelopsDb, catalog),
    facts: checkFacts(checks),
    pageSize: PAGE,
    now,
  };
  // Schemas are declared before facts exist, as at backend start-up: the
  // fact types come from the first catalog page (untimed).
  const sample = all.slice(0, PAGE);
  const sampleRows = await Promise.all(
    [...new Set(retrieverOptions.facts.map(f => f.split('.')[0]))].map(ns =>
      namespaceFacts(ns, sample, retrieverOptions),
    ),
  );
  const types = inferFactTypes(sampleRows.flatMap(rows => [...rows.values()]));
  const retrievers = modelopsFactRetrievers(retrieverOptions, types);
  for (const retriever of retrievers) {
    await techInsightsStore.insertFactSchema(retriever);
  }
  const jsonChecks = checks.map(c => toJsonRulesCheck(c, types));
  const factChecker = new JsonRulesEngineFactCheckerFactory({
    checks: jsonChecks,
    logger: silentLogger,
    operators: jsonRulesOperators(),
    catalog,
    auth: benchAuth,
  }).construct(techInsightsStore);
  for (const check of jsonChecks) {
    const validation = await factChecker.validate(check);
    if (!validation.valid) {
      throw new Error(`Check ${check.id} is invalid: ${validation.message}`);
    }
  }
  const checkIds = jsonChecks.map(c => c.id);
  const refs = all.map(e => stringifyEntityRef(e));
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;

  let queries = 0;
  for (const db of [tiDb, modelopsDb]) {
    db.on('query', () => {
      queries += 1;
    });
  }
  // Facts: each retriever's handler, then insertFacts, as its engine does.
  const stopSampler = heapSampler();
  const t0 = performance.now();
  for (const retriever of retrievers) {
    const facts = await retriever.handler({} as any);
    await techInsightsStore.insertFacts({ id: retriever.id, facts });
  }
  const t1 = performance.now();
  // Checks: every entity, as POST /checks/run does (errors kept per entity).
  let errors = 0;
  const responses = await mapBounded(refs, CONCURRENCY, async entity => {
    try {
      const response = await factChecker.runChecks(entity, checkIds);
      return {
        entity,
        // By default only the outcome is kept, as our engine keeps one
        // page; TI_BENCH_KEEP_RESPONSES=1 keeps whole responses, as the
        // bulk route holds them until it answers.
        results: KEEP_RESPONSES
          ? response
          : response.map(r => ({
              check: { id: r.check.id },
              result: r.result,
            })),
      };
    } catch {
      errors += 1;
      return { entity, results: [] };
    }
  });
  const t2 = performance.now();
  const peakHeapMb = stopSampler();
  const rss = maxRssMb();

  const out = fs.createWriteStream(resultsFile);
  let results = 0;
  for (const { entity, results: entityResults } of responses) {
    for (const r of entityResults) {
      results += 1;
      out.write(`${entity}\t${r.check.id}\t${r.result ? 'pass' : 'fail'}\n`);
    }
  }
  await new Promise(resolve => out.end(resolve));
  await tiDb.destroy();
  await modelopsDb.destroy();
  return {
    engine: 'tech-insights',
    entities: n,
    checks: checkCount,
    results,
    factsMs: t1 - t0,
    checksMs: t2 - t1,
    totalMs: t2 - t0,
    errors,
    queries,
    baselineRssMb,
    peakHeapMb,
    maxRssMb: rss,
  };
}

/** Runs one engine on one configuration in a fresh process. */
function spawnChild(
  engine: EngineName,
  n: number,
  checks: number,
  dir: string,
  resultsFile: string,
): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        __filename,
        'child',
        engine,
        String(n),
        String(checks),
        dir,
        resultsFile,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', code => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`${engine} child exited with ${code}: ${stdout}`));
        return;
      }
      resolve(JSON.parse(last));
    });
  });
}

async function readResults(file: string): Promise<Map<string, string>> {
  const results = new Map<string, string>();
  const lines = readline.createInterface({
    input: fs.createReadStream(file),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    if (!line) continue;
    const tab = line.lastIndexOf('\t');
    results.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return results;
}

/** Results both engines agree on, and those they do not (or only one has). */
async function compareResults(oursFile: string, tiFile: string) {
  const ours = await readResults(oursFile);
  const ti = await readResults(tiFile);
  let agree = 0;
  let passing = 0;
  let differ = 0;
  const examples: string[] = [];
  for (const [key, state] of ours) {
    if (ti.get(key) === state) {
      agree += 1;
      if (state === 'pass') passing += 1;
    } else {
      differ += 1;
      if (examples.length < 5) {
        examples.push(`${key}: ours ${state}, TI ${ti.get(key) ?? 'none'}`);
      }
    }
  }
  for (const key of ti.keys()) {
    if (!ours.has(key)) {
      differ += 1;
      if (examples.length < 5) examples.push(`${key}: only TI`);
    }
  }
  return { agree, passing, differ, examples };
}

function fmt(n: number, digits = 0) {
  return n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

function seconds(ms: number) {
  return `${fmt(ms / 1000, 1)} s`;
}

function median(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One report standing for repeated runs: median times, highest peaks. */
function summarise(reports: ChildReport[]): ChildReport {
  const med = (pick: (r: ChildReport) => number | undefined) => {
    const values = reports
      .map(pick)
      .filter((v): v is number => v !== undefined);
    return values.length > 0 ? median(values) : undefined;
  };
  return {
    ...reports[0],
    factsMs: med(r => r.factsMs),
    checksMs: med(r => r.checksMs),
    totalMs: med(r => r.totalMs)!,
    errors: Math.max(...reports.map(r => r.errors)),
    queries: Math.max(...reports.map(r => r.queries)),
    peakHeapMb: Math.max(...reports.map(r => r.peakHeapMb)),
    maxRssMb: Math.max(...reports.map(r => r.maxRssMb)),
  };
}

async function main() {
  const rows: Array<{
    ours: ChildReport;
    ti: ChildReport;
    passing: number;
    differ: number;
  }> = [];
  const mismatches: string[] = [];
  for (const checks of CHECK_COUNTS) {
    for (const n of SIZES) {
      const oursRuns: ChildReport[] = [];
      const tiRuns: ChildReport[] = [];
      let passing = 0;
      let differ = 0;
      for (let run = 0; run < REPEAT; run += 1) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-compare-'));
        try {
          const oursFile = path.join(dir, 'ours.tsv');
          const tiFile = path.join(dir, 'tech-insights.tsv');
          const ours = await spawnChild('ours', n, checks, dir, oursFile);
          const ti = await spawnChild('tech-insights', n, checks, dir, tiFile);
          const compared = await compareResults(oursFile, tiFile);
          mismatches.push(...compared.examples);
          passing = compared.passing;
          differ = Math.max(differ, compared.differ);
          oursRuns.push(ours);
          tiRuns.push(ti);
          process.stderr.write(
            `done ${n} entities x ${checks} checks (run ${
              run + 1
            } of ${REPEAT}): ours ${seconds(
              ours.totalMs,
            )}, Tech Insights ${seconds(ti.totalMs)}\n`,
          );
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
      rows.push({
        ours: summarise(oursRuns),
        ti: summarise(tiRuns),
        passing,
        differ,
      });
    }
  }

  console.log(
    '| entities | checks | results ours / TI (passing, differing) | ours | TI facts stored | TI checks run | TI total | ours entities/s | TI entities/s (checks / total) | ours peak RSS (heap) | TI peak RSS (heap) | SQL statements ours / TI | speed-up vs TI checks | speed-up vs TI total |',
  );
  console.log(
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const { ours, ti, passing, differ } of rows) {
    console.log(
      `| ${fmt(ours.entities)} | ${ours.checks} | ${fmt(ours.results)} / ${fmt(
        ti.results,
      )} (${fmt(passing)}, ${fmt(differ)}) | ${seconds(
        ours.totalMs,
      )} | ${seconds(ti.factsMs!)} | ${seconds(ti.checksMs!)} | ${seconds(
        ti.totalMs,
      )} | ${fmt(ours.entities / (ours.totalMs / 1000))} | ${fmt(
        ti.entities / (ti.checksMs! / 1000),
      )} / ${fmt(ti.entities / (ti.totalMs / 1000))} | ${fmt(
        ours.maxRssMb,
      )} MB (${fmt(ours.peakHeapMb)} MB) | ${fmt(ti.maxRssMb)} MB (${fmt(
        ti.peakHeapMb,
      )} MB) | ${fmt(ours.queries)} / ${fmt(ti.queries)} | ${fmt(
        ti.checksMs! / ours.totalMs,
        1,
      )}x | ${fmt(ti.totalMs / ours.totalMs, 1)}x |`,
    );
  }
  console.log(
    `\nTimes are medians of ${REPEAT} run(s) per configuration, peaks the highest; each run is a fresh process per engine.`,
  );
  console.log(
    `Tech Insights kept ${
      KEEP_RESPONSES
        ? 'every whole runChecks response'
        : 'the outcome of each result'
    } in memory until all entities were checked.`,
  );
  const baseline = rows[0];
  if (baseline) {
    console.log(
      `\nRSS of a child before the timed part (modules loaded, entities generated): ours ${fmt(
        baseline.ours.baselineRssMb,
      )} MB, Tech Insights ${fmt(baseline.ti.baselineRssMb)} MB (${fmt(
        baseline.ours.entities,
      )} entities).`,
    );
  }
  const errors = rows.reduce((sum, r) => sum + r.ti.errors, 0);
  if (errors > 0) console.log(`Tech Insights runChecks errors: ${errors}`);
  if (mismatches.length > 0) {
    console.log(`\nDiffering results, first ones:\n${mismatches.join('\n')}`);
    process.exitCode = 1;
  }
}

async function child(args: string[]) {
  const [engine, n, checks, dir, resultsFile] = args;
  const run = engine === 'ours' ? runOurs : runTechInsights;
  const report = await run(Number(n), Number(checks), dir, resultsFile);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

const [mode, ...rest] = process.argv.slice(2);
(mode === 'child' ? child(rest) : main()).catch(error => {
  console.error(error);
  process.exit(1);
});
