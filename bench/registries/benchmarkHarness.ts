/*
 * benchmarkHarness: what the registry provider benchmarks share. A script
 * names its fixture server (an in-process HTTP server shaped like the
 * registry's API) and its measurements in pairs: a provider's full refresh,
 * and its baseline, the same pages read with plain fetch and JSON.parse and
 * mapped to nothing, which is what any client pays for the transport. Each
 * measurement runs in a child process of its own, so that its peak resident
 * memory is its own; the parent serves the fixture and prints one table,
 * with the provider's rate as a share of its baseline's.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One measurement's result, sent from its child process. */
interface Result {
  entities: number;
  seconds: number;
  peakRssMb: number;
}

/** A provider measurement and its baseline, printed as two rows. */
export interface BenchmarkPair {
  /** The provider's measurement; its baseline is `<name>-baseline`. */
  name: string;
  /** The rows' label: `mlflow` prints `mlflow baseline (…)`, `mlflow provider (…)`. */
  label: string;
  /** What the baseline reads, in its row: `fetch + JSON.parse` unless said. */
  baseline?: string;
  /** What the provider does, in its row: `full refresh` unless said. */
  provider?: string;
}

/** Logs only errors: the benchmark measures the refresh, not the logging. */
const quietLogger: any = {
  error: (m: string) => process.stderr.write(`${m}\n`),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

/** The fromConfig options of a provider that is refreshed by hand. */
export const benchProviderOptions = {
  logger: quietLogger,
  scheduler: {
    createScheduledTaskRunner: () => ({ run: async () => {} }),
  } as any,
};

/**
 * One full refresh of the provider against a connection that only counts;
 * the number of entities its mutation applied.
 */
export async function fullRefresh(provider: {
  connect(connection: any): Promise<void>;
  refresh(): Promise<{ applied: boolean }>;
}): Promise<number> {
  let entities = 0;
  await provider.connect({
    applyMutation: async (mutation: any) => {
      entities = mutation.entities.length;
    },
    refresh: async () => {},
  });
  const result = await provider.refresh();
  if (!result.applied) throw new Error('the refresh applied nothing');
  return entities;
}

/**
 * The baseline's read of a paged list: every page with plain fetch and
 * JSON.parse, `page` telling its items and the next page's URL; the number
 * of items read.
 */
export async function readPages(
  first: string,
  page: (body: any, response: Response) => { items: unknown[]; next?: string },
): Promise<number> {
  let url: string | undefined = first;
  let items = 0;
  while (url) {
    const response = await fetch(url);
    const read = page(await response.json(), response);
    items += read.items.length;
    url = read.next;
  }
  return items;
}

/**
 * One page of a list of `total` items, `size` long, from the offset in
 * `token` (the start without one), with the token of the next page.
 */
export function page<T>(
  token: string | null,
  size: number,
  total: number,
  item: (i: number) => T,
): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = Math.min(start + size, total);
  const items: T[] = [];
  for (let i = start; i < end; i++) items.push(item(i));
  return { items, next: end < total ? String(end) : undefined };
}

function startServer(fixture: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(fixture);
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

async function measureHere(measure: () => Promise<number>): Promise<Result> {
  const started = performance.now();
  const entities = await measure();
  return {
    entities,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function runChild(name: string, base: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1], [name, base], {
      execArgv: process.execArgv,
    });
    // The TypeScript loader sends its own messages over the same channel.
    child.on('message', message => {
      if ((message as Result).seconds !== undefined) resolve(message as Result);
    });
    child.on('error', reject);
    child.on('exit', code => {
      if (code !== 0) reject(new Error(`${name} exited with ${code}`));
    });
  });
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function row(label: string, r: Result, share = '') {
  return `| ${label} | ${fmt(r.entities)} | ${fmt(
    r.entities / r.seconds,
  )} /s (${r.seconds.toFixed(1)} s) | ${fmt(r.peakRssMb)} MB | ${share} |`;
}

/** What a benchmark script runs. */
export interface Benchmark {
  /** The line above the table. */
  title: string;
  fixture: http.RequestListener;
  pairs: BenchmarkPair[];
  /** Runs one measurement against the fixture at `base`; what it read. */
  measure(name: string, base: string): Promise<number>;
}

async function run(options: Benchmark): Promise<void> {
  const [childName, childBase] = process.argv.slice(2);
  if (childName && childBase) {
    process.send!(
      await measureHere(() => options.measure(childName, childBase)),
    );
    return;
  }
  const server = await startServer(options.fixture);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows: string[] = [];
  try {
    for (const pair of options.pairs) {
      const baseline = await runChild(`${pair.name}-baseline`, base);
      const provider = await runChild(pair.name, base);
      const share =
        provider.entities /
        provider.seconds /
        (baseline.entities / baseline.seconds);
      rows.push(
        row(
          `${pair.label} baseline (${pair.baseline ?? 'fetch + JSON.parse'})`,
          baseline,
        ),
        row(
          `${pair.label} provider (${pair.provider ?? 'full refresh'})`,
          provider,
          `${Math.round(share * 100)} %`,
        ),
      );
    }
  } finally {
    server.close();
  }
  process.stdout.write(
    [
      options.title,
      '',
      '| measurement | entities | entities per second | peak RSS | provider / baseline |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n'),
  );
}

/**
 * Runs the script: in the parent, serves the fixture and runs each pair,
 * baseline first, each in a child process, then prints the table; in a
 * child, runs the one measurement its command line names against the
 * fixture at the URL it names. A failure exits non-zero with the error.
 */
export function runBenchmark(benchmark: Benchmark): void {
  run(benchmark).catch(error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
