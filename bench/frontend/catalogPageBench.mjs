// Model catalog page benchmark: first render of /ml-models with 10,000 models
// in headless Chromium, against the stock catalog page filtered to MLModel,
// and what the ModelOps plugin adds to the app's initial JavaScript.
//
//   node bench/frontend/catalogPageBench.mjs [--count 10000] [--runs 5] [--port 7107]
//
// It starts its own portal so that a developer portal on :3000/:7007 is left
// alone: the app is built once (packages/app/dist), and the backend runs
// alone on another port serving that build through the app-backend plugin,
// with an extra config file written to .out/ (own SQLite folder, catalog
// locations pointing only at the generated models). Every process it starts
// runs in its own process group and is stopped at the end, on failure and on
// Ctrl-C. `--base-url` measures an already running portal instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writePortfolio } from './generateModels.mjs';
import { analyseBundle, printBundleReport } from './bundleReport.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const outDir = join(here, '.out');

const { values: options } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    port: { type: 'string', default: '7107' },
    'base-url': { type: 'string' },
    build: { type: 'boolean', default: false },
    'skip-bundle': { type: 'boolean', default: false },
    'ingest-timeout-minutes': { type: 'string', default: '30' },
    chromium: {
      type: 'string',
      default: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    },
  },
});

function wholeNumber(name, min) {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(
      `--${name} must be a whole number >= ${min}, got ${options[name]}`,
    );
    process.exit(2);
  }
  return value;
}
const count = wholeNumber('count', 1);
const runs = wholeNumber('runs', 1);
const port = wholeNumber('port', 1);
const ingestTimeoutMs = wholeNumber('ingest-timeout-minutes', 1) * 60_000;
const PAGE_TIMEOUT = 60_000;
const BUILD_TIMEOUT = 25 * 60_000;
const START_TIMEOUT = 5 * 60_000;
const ROW_LIMIT = 100;

// Both pages link every listed model to its entity page; the first such link
// inside a table row is "the first row" for both.
const FIRST_ROW_SELECTOR = 'table tbody tr a[href*="/mlmodel/"]';

const started = [];

/** Stops every process group started here: SIGTERM, then SIGKILL after 15 s. */
async function stopAll() {
  for (const child of started.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise(r => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      continue;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    console.error(
      `\n${signal}: stopping the processes started by the benchmark`,
    );
    await stopAll();
    process.exit(130);
  });
}

/** Starts a command in its own process group, output to a log file. */
function startGroup(command, args, { cwd, log, env }) {
  const fd = openSync(log, 'w');
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  started.push(child);
  return child;
}

/** Runs a command to completion within a time limit; throws on failure. */
async function runGroup(command, args, { cwd, log, timeoutMs, env }) {
  const child = startGroup(command, args, { cwd, log, env });
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, timeoutMs);
  const code = await new Promise(r => child.once('exit', c => r(c)));
  clearTimeout(timer);
  started.splice(started.indexOf(child), 1);
  if (code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${code}); see ${log}`,
    );
  }
}

async function portIsFree(p) {
  return new Promise(r => {
    const server = createServer();
    server.once('error', () => r(false));
    server.listen(p, () => server.close(() => r(true)));
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function fetchWithTimeout(url, init = {}, timeoutMs = 30_000) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** A guest token from the auth backend, as the sign-in page obtains it. */
async function guestToken(baseUrl) {
  const response = await fetchWithTimeout(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok)
    throw new Error(`guest refresh answered ${response.status}`);
  const body = await response.json();
  return body.backstageIdentity.token;
}

async function countModels(baseUrl, token) {
  const response = await fetchWithTimeout(
    `${baseUrl}/api/catalog/entities/by-query?filter=kind=mlmodel&limit=1`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (!response.ok) throw new Error(`catalog answered ${response.status}`);
  return (await response.json()).totalItems;
}

/** Waits until the backend answers and the catalog holds every model. */
async function waitForCatalog(baseUrl, backend) {
  const deadline = Date.now() + START_TIMEOUT;
  let token;
  while (!token) {
    if (backend && backend.exitCode !== null)
      throw new Error('the backend exited; see .out/backend.log');
    try {
      token = await guestToken(baseUrl);
    } catch {
      if (Date.now() > deadline)
        throw new Error(
          `no answer from ${baseUrl} within ${START_TIMEOUT / 1000} s`,
        );
      await sleep(2000);
    }
  }
  console.log(
    `backend up at ${baseUrl}; waiting for ${count.toLocaleString(
      'en-US',
    )} models in the catalog`,
  );
  const ingestStart = Date.now();
  let last = -1;
  let lastPrinted = 0;
  for (;;) {
    if (backend && backend.exitCode !== null)
      throw new Error('the backend exited; see .out/backend.log');
    const total = await countModels(baseUrl, token).catch(() => -1);
    // Equal twice in a row: the catalog has stopped adding models.
    if (total >= count && total === last) {
      console.log(
        `catalog holds ${total.toLocaleString('en-US')} models (${(
          (Date.now() - ingestStart) /
          1000
        ).toFixed(0)} s)`,
      );
      await waitForQuietCatalog(baseUrl, token);
      return total;
    }
    if (Date.now() - lastPrinted > 30_000) {
      console.log(
        `  ${Math.max(total, 0).toLocaleString('en-US')} models after ${(
          (Date.now() - ingestStart) /
          1000
        ).toFixed(0)} s`,
      );
      lastPrinted = Date.now();
    }
    if (Date.now() - ingestStart > ingestTimeoutMs) {
      throw new Error(
        `only ${total} of ${count} models after ${
          ingestTimeoutMs / 60_000
        } minutes`,
      );
    }
    last = total;
    await sleep(5000);
  }
}

/**
 * Waits until the catalog has finished stitching: with SQLite, reads queue
 * behind the processing writes, so page queries right after ingestion are
 * several times slower than later. Quiet means three probes in a row of the
 * model catalog's first-page query within 30% of each other.
 */
async function waitForQuietCatalog(baseUrl, token) {
  const probe =
    `${baseUrl}/api/catalog/entities/by-query?filter=kind=mlmodel&limit=25` +
    '&orderField=metadata.name,asc&fields=metadata.name,spec.owner';
  const deadline = Date.now() + ingestTimeoutMs;
  const times = [];
  while (Date.now() < deadline) {
    const t = performance.now();
    const response = await fetchWithTimeout(probe, {
      headers: { Authorization: `Bearer ${token}` },
    }).catch(() => undefined);
    if (response?.ok) {
      await response.arrayBuffer();
      times.push(performance.now() - t);
      const last3 = times.slice(-3);
      if (
        last3.length === 3 &&
        Math.max(...last3) <= 1.3 * Math.min(...last3)
      ) {
        console.log(
          `catalog quiet: first-page query ${last3
            .map(x => x.toFixed(0))
            .join(', ')} ms`,
        );
        return;
      }
    }
    await sleep(5000);
  }
  console.log('catalog still busy at the deadline; measuring anyway');
}

/** The path the stock catalog page is mounted at in the app's config. */
async function stockCatalogPath() {
  const { parse } = require('yaml');
  const config = parse(await readFile(join(root, 'app-config.yaml'), 'utf8'));
  for (const entry of config?.app?.extensions ?? []) {
    if (
      entry &&
      typeof entry === 'object' &&
      entry['page:catalog']?.config?.path
    ) {
      return entry['page:catalog'].config.path;
    }
  }
  return '/catalog';
}

/** The extra config of the benchmark portal, layered over app-config.yaml. */
function benchConfig({ baseUrl, databaseDir, modelsFile }) {
  const never = {
    frequency: { hours: 24 },
    timeout: { minutes: 30 },
    initialDelay: { hours: 24 },
  };
  return {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port },
      cors: { origin: baseUrl },
      database: {
        client: 'better-sqlite3',
        connection: { directory: databaseDir },
      },
    },
    catalog: {
      // Nothing is reprocessed while pages are timed; new entities are
      // processed at once regardless.
      processingInterval: { hours: 1 },
      rules: [{ allow: ['Group', 'System', 'MLModel'] }],
      locations: [{ type: 'file', target: modelsFile }],
    },
    // Background jobs that read every entity would otherwise run during
    // the timed page loads; they are not what is measured here.
    search: { collators: { catalog: { schedule: never } } },
    modelops: {
      demoData: { cost: false, reviews: false, delivery: false },
      scorecards: { schedule: never },
      reviews: { cadences: [] },
    },
  };
}

/** Percentile by nearest rank; with 5 samples p95 is the slowest. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}
const median = values => percentile(values, 50);

// Installed before any page script: records when the first model row is in
// the DOM and when the frame after it has been painted, both relative to the
// navigation start (performance.now()).
const INIT_SCRIPT = `(() => {
  performance.setResourceTimingBufferSize(5000);
  const selector = ${JSON.stringify(FIRST_ROW_SELECTOR)};
  const check = () => {
    if (window.__benchFirstRow) return;
    const link = document.querySelector(selector);
    if (!link || link.getClientRects().length === 0) return;
    const mark = { dom: performance.now() };
    window.__benchFirstRow = mark;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { mark.painted = performance.now(); }, 0));
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

/** One timed navigation; returns the marks, the catalog requests and the row count. */
async function measure(page, cdp, url, cold) {
  if (cold) await cdp.send('Network.clearBrowserCache');
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit', timeout: PAGE_TIMEOUT });
  await page.waitForFunction(
    () => window.__benchFirstRow?.painted !== undefined,
    undefined,
    {
      timeout: PAGE_TIMEOUT,
    },
  );
  // Let the page settle so that late rows (a page growing beyond one page
  // of results) would be counted.
  await page
    .waitForLoadState('networkidle', { timeout: 15_000 })
    .catch(() => undefined);
  return page.evaluate(selector => {
    const mark = window.__benchFirstRow;
    const link = document.querySelector(selector);
    const rows =
      link?.closest('table')?.querySelectorAll('tbody tr a[href*="/mlmodel/"]')
        .length ?? 0;
    const catalog = performance
      .getEntriesByType('resource')
      // entities, entities/by-query, entities/by-refs and entity-facets
      .filter(e => e.name.includes('/api/catalog/entit'))
      .map(e => ({
        path: new URL(e.name).pathname.replace(/^\/api\/catalog/, ''),
        start: e.startTime,
        end: e.responseEnd,
        bytes: e.encodedBodySize,
      }));
    // The query that delivered the first rows: the largest entity response
    // answered before they appeared (pages also ask for counts and facets).
    const before = catalog.filter(
      e => e.path.startsWith('/entities') && e.end <= mark.dom,
    );
    const rowsQuery = before
      .filter(e => !e.path.includes('facets'))
      .reduce(
        (best, e) => (!best || e.bytes > best.bytes ? e : best),
        undefined,
      );
    // Facet counts are the heaviest catalog read of both pages; on SQLite
    // every read shares one connection, so a facets request in flight
    // delays the rows query.
    const facets = catalog.find(
      e => e.path.includes('facets') && e.start <= mark.dom,
    );
    const js = performance
      .getEntriesByType('resource')
      .filter(e => e.name.endsWith('.js') && e.startTime <= mark.dom);
    return {
      firstRowDom: mark.dom,
      firstRow: mark.painted,
      rows,
      catalogRequestsBeforeFirstRow: before.length,
      query: rowsQuery && {
        path: rowsQuery.path,
        ms: rowsQuery.end - rowsQuery.start,
        startedAt: rowsQuery.start,
        bytes: rowsQuery.bytes,
        renderAfterMs: mark.painted - rowsQuery.end,
      },
      facets: facets && {
        startedAt: facets.start,
        ms: facets.end - facets.start,
      },
      scriptsBeforeFirstRow: js.length,
      scriptBytesBeforeFirstRow: js.reduce(
        (sum, e) => sum + (e.encodedBodySize || 0),
        0,
      ),
    };
  }, FIRST_ROW_SELECTOR);
}

async function signIn(page, baseUrl) {
  await page.goto(baseUrl, { timeout: PAGE_TIMEOUT });
  // Apps with a sign-in page offer the guest provider's "Enter" button;
  // apps without one sign guests in directly.
  const enter = page.getByRole('button', { name: 'Enter' });
  const nav = page.getByRole('link', { name: 'ML models' }).first();
  await Promise.race([
    enter.waitFor({ timeout: PAGE_TIMEOUT }),
    nav.waitFor({ timeout: PAGE_TIMEOUT }),
  ]);
  if (await enter.isVisible()) await enter.click();
  await nav.waitFor({ timeout: PAGE_TIMEOUT });
}

async function measurePages(baseUrl) {
  const { chromium } = require('playwright-core');
  const stockPath = await stockCatalogPath();
  const pages = [
    { id: 'ours', label: 'ModelOps /ml-models', url: `${baseUrl}/ml-models` },
    {
      id: 'stock',
      label: `stock catalog ${stockPath}?filters[kind]=mlmodel`,
      // "all", not the default "owned": the guest owns no model, and the
      // owned view would first count and then fall back.
      url: `${baseUrl}${stockPath.replace(
        /\/$/,
        '',
      )}/?filters%5Bkind%5D=mlmodel&filters%5Buser%5D=all`,
    },
  ];
  const browser = await chromium.launch({
    executablePath: options.chromium,
    timeout: PAGE_TIMEOUT,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const samples = [];
  const failures = [];
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT);
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));
    await signIn(page, baseUrl);
    await context.addInitScript(INIT_SCRIPT);
    const cdp = await context.newCDPSession(page);
    for (const cold of [false, true]) {
      // One unrecorded load of each page warms the backend's caches and,
      // for the warm series, the browser's HTTP cache.
      for (const p of pages)
        await measure(page, cdp, p.url, cold).catch(() => undefined);
      for (let run = 1; run <= runs; run++) {
        // Alternate the pages so that a slow moment of the shared machine
        // does not fall on one page only.
        for (const p of pages) {
          const cache = cold ? 'cold' : 'warm';
          let sample;
          try {
            sample = await measure(page, cdp, p.url, cold);
          } catch (error) {
            // One slow load must not lose the others; it is counted and
            // its screen kept for a look.
            const shot = join(outDir, `failed-${p.id}-${cache}-${run}.png`);
            await page.screenshot({ path: shot }).catch(() => undefined);
            failures.push({
              page: p.id,
              cache,
              run,
              error: error.message.split('\n')[0],
              screenshot: shot,
            });
            console.log(
              `  ${p.id.padEnd(5)} ${cache} #${run}: FAILED ${
                error.message.split('\n')[0]
              } (${shot})`,
            );
            continue;
          }
          samples.push({ page: p.id, cache, run, ...sample });
          console.log(
            `  ${p.id.padEnd(5)} ${
              cold ? 'cold' : 'warm'
            } #${run}: first row ${sample.firstRow.toFixed(0)} ms, ` +
              `${sample.rows} rows, query ${
                sample.query
                  ? `${sample.query.ms.toFixed(0)} ms ${sample.query.path}`
                  : 'n/a'
              }, ` +
              `facets ${
                sample.facets
                  ? `${sample.facets.ms.toFixed(0)} ms`
                  : 'none before the first row'
              }`,
          );
        }
      }
    }
    if (errors.length > 0)
      console.log(`page errors: ${[...new Set(errors)].join(' | ')}`);
  } finally {
    await browser.close();
  }
  return { pages, samples, failures };
}

function pageTable({ pages, samples }) {
  const lines = [
    '| page | cache | runs | first row median ms | p95 ms | ratio ours/stock (median) | rows query starts at ms | rows query ms | rows painted after query ms | facets ms (concurrent) | rows query KiB (compressed) | rows in DOM (max) | JS before first row (compressed) |',
    '| :-- | :-- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
  ];
  const summary = {};
  for (const cache of ['warm', 'cold']) {
    for (const p of pages) {
      const s = samples.filter(x => x.page === p.id && x.cache === cache);
      if (s.length === 0) continue;
      const queries = s.filter(x => x.query).map(x => x.query);
      summary[`${p.id}:${cache}`] = {
        median: median(s.map(x => x.firstRow)),
        p95: percentile(
          s.map(x => x.firstRow),
          95,
        ),
        queryMedian: queries.length
          ? median(queries.map(q => q.ms))
          : undefined,
        queryStartMedian: queries.length
          ? median(queries.map(q => q.startedAt))
          : undefined,
        renderAfterMedian: queries.length
          ? median(queries.map(q => q.renderAfterMs))
          : undefined,
        facetsMedian: s.some(x => x.facets)
          ? median(s.filter(x => x.facets).map(x => x.facets.ms))
          : undefined,
        queryKiB: queries.length
          ? median(queries.map(q => q.bytes)) / 1024
          : undefined,
        queryPath: queries[0]?.path,
        maxRows: Math.max(...s.map(x => x.rows)),
        scripts: median(s.map(x => x.scriptsBeforeFirstRow)),
        scriptKiB: median(s.map(x => x.scriptBytesBeforeFirstRow)) / 1024,
        runs: s.length,
      };
    }
    for (const p of pages) {
      const row = summary[`${p.id}:${cache}`];
      if (!row) continue;
      const stock = summary[`stock:${cache}`];
      const ratio = stock ? (row.median / stock.median).toFixed(2) : 'n/a';
      lines.push(
        `| ${p.label} | ${cache} | ${row.runs} | ${row.median.toFixed(
          0,
        )} | ${row.p95.toFixed(0)} | ${ratio} | ` +
          `${row.queryStartMedian?.toFixed(0) ?? 'n/a'} | ${
            row.queryMedian?.toFixed(0) ?? 'n/a'
          } | ` +
          `${row.renderAfterMedian?.toFixed(0) ?? 'n/a'} | ${
            row.facetsMedian?.toFixed(0) ?? 'none'
          } | ` +
          `${row.queryKiB?.toFixed(1) ?? 'n/a'} | ${row.maxRows} | ` +
          `${row.scripts} files, ${row.scriptKiB.toFixed(0)} KiB |`,
      );
    }
  }
  return { text: lines.join('\n'), summary };
}

async function main() {
  await mkdir(outDir, { recursive: true });
  let baseUrl = options['base-url']?.replace(/\/$/, '');
  let backend;

  if (!baseUrl) {
    const written = await writePortfolio({
      count,
      out: join(outDir, 'models.yaml'),
    });
    console.log(
      `generated ${written.models} models, ${written.groups} groups, ${written.systems} systems`,
    );

    const dist = join(root, 'packages', 'app', 'dist');
    if (options.build || !existsSync(join(dist, 'index.html'))) {
      console.log('building the app (packages/app/dist) ...');
      const t = Date.now();
      await runGroup(
        process.execPath,
        [
          join(root, '.yarn', 'releases', 'yarn-4.13.0.cjs'),
          'workspace',
          'app',
          'build',
        ],
        {
          cwd: root,
          log: join(outDir, 'build.log'),
          timeoutMs: BUILD_TIMEOUT,
          env: { CI: 'true' },
        },
      );
      console.log(`app built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }

    if (!(await portIsFree(port))) {
      throw new Error(
        `port ${port} is taken; pass --port, or --base-url to measure a running portal`,
      );
    }
    baseUrl = `http://localhost:${port}`;
    // One database folder per model count: the catalog re-reads the models
    // file only once an hour here, so a folder filled from another count
    // would keep its models.
    const databaseDir = join(outDir, `sqlite-${count}`);
    await mkdir(databaseDir, { recursive: true });
    const { stringify } = require('yaml');
    const configFile = join(outDir, 'app-config.bench.yaml');
    await writeFile(
      configFile,
      `# Written by catalogPageBench.mjs; layered over app-config.yaml.\n${stringify(
        benchConfig({
          baseUrl,
          databaseDir,
          modelsFile: join(outDir, 'models.yaml'),
        }),
      )}`,
    );
    const backendDir = join(root, 'packages', 'backend');
    // The guest provider signs in only in development, as `yarn start` runs.
    const env = { NODE_ENV: 'development' };
    backend = startGroup(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        join(root, 'app-config.yaml'),
        '--config',
        configFile,
      ],
      { cwd: backendDir, log: join(outDir, 'backend.log'), env },
    );
    console.log(
      `backend starting on ${baseUrl} (pid ${backend.pid}, log .out/backend.log)`,
    );
  }

  const models = await waitForCatalog(baseUrl, backend);

  let bundle;
  if (!options['skip-bundle']) {
    console.log('\n## Initial bundle\n');
    bundle = await analyseBundle(join(root, 'packages', 'app', 'dist'));
    printBundleReport(bundle);
  }

  console.log(
    `\n## First render, ${models.toLocaleString(
      'en-US',
    )} models, ${runs} runs each\n`,
  );
  const measured = await measurePages(baseUrl);
  const table = pageTable(measured);
  console.log(`\n${table.text}\n`);
  if (measured.failures.length > 0) {
    console.log(
      `${measured.failures.length} load(s) failed and are left out of the table; see results.json`,
    );
    process.exitCode = 1;
  }
  const ours = table.summary['ours:warm'];
  if (ours) {
    console.log(
      `target first page under 1 s (warm median): ${
        ours.median < 1000 ? 'met' : 'missed'
      }; ` +
        `rows in DOM at most ${ROW_LIMIT}: ${
          ours.maxRows <= ROW_LIMIT ? 'met' : 'missed'
        } (${ours.maxRows})`,
    );
  }
  if (bundle) {
    console.log(
      `ModelOps code in initial chunks: ${bundle.totals.initialModelOpsBytes} bytes; ` +
        `component strings there: ${
          bundle.totals.initialStrings.length === 0
            ? 'none'
            : bundle.totals.initialStrings.join(', ')
        }`,
    );
  }
  await writeFile(
    join(outDir, 'results.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        count: models,
        runs,
        summary: table.summary,
        samples: measured.samples,
        failures: measured.failures,
        bundle: bundle?.totals,
      },
      null,
      2,
    ),
  );
  console.log('samples written to bench/frontend/.out/results.json');
}

try {
  await main();
} catch (error) {
  console.error(`benchmark failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
