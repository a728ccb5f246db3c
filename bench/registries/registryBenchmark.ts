/*
 * Registry provider benchmark.
 *
 * Serves REGISTRY_BENCH_MODELS registered models (one version each) from an
 * in-process fixture server shaped like MLflow's REST API and like the
 * Kubeflow Model Registry's, then reads them through MlflowEntityProvider
 * and KubeflowEntityProvider (a full refresh: every page, mapping,
 * validation of the results). In the same run it reads the same pages with
 * plain fetch and JSON.parse, without mapping: the baseline every provider
 * pays for transport. Each measurement runs in a child process of its own,
 * so its peak resident memory is its own.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/registries/registryBenchmark.ts
 * Options (environment): REGISTRY_BENCH_MODELS (default 10000).
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ConfigReader } from '@backstage/config';
import { KubeflowEntityProvider } from '../../plugins/catalog-backend-module-modelops/src/kubeflow/KubeflowEntityProvider';
import { MlflowEntityProvider } from '../../plugins/catalog-backend-module-modelops/src/mlflow/MlflowEntityProvider';

const MODELS = Number(process.env.REGISTRY_BENCH_MODELS ?? 10_000);
const KF = '/api/model_registry/v1alpha3';

function mlflowModel(i: number) {
  return {
    name: `model-${i}`,
    creation_timestamp: String(1740787200000 + i),
    last_updated_timestamp: String(1740787200000 + i),
    description: `Benchmark model ${i}.`,
    tags: [
      { key: 'owner', value: `group:default/team-${i % 25}` },
      { key: 'risk_tier', value: 'limited' },
      { key: 'cost_center', value: `CC-${i % 40}` },
    ],
    aliases: [{ alias: 'champion', version: '1' }],
  };
}

function mlflowVersion(i: number) {
  return {
    name: `model-${i}`,
    version: '1',
    creation_timestamp: String(1740787200000 + i),
    status: 'READY',
    run_id: `run${i}`,
    source: `runs:/run${i}/model`,
    user_id: 'bench@example.com',
    tags: [{ key: 'validated', value: 'true' }],
  };
}

function kubeflowModel(i: number) {
  return {
    id: String(i + 1),
    name: `model-${i}`,
    owner: `team-${i % 25}`,
    state: 'LIVE',
    createTimeSinceEpoch: String(1740787200000 + i),
    customProperties: {
      owner: {
        metadataType: 'MetadataStringValue',
        string_value: `group:default/team-${i % 25}`,
      },
      retrain_days: { metadataType: 'MetadataIntValue', int_value: '30' },
    },
  };
}

function kubeflowVersion(i: number) {
  return {
    id: String(i + 1),
    name: 'v1',
    registeredModelId: String(i + 1),
    state: 'LIVE',
    author: 'bench',
    createTimeSinceEpoch: String(1740787200000 + i),
  };
}

/** One page of `count` items starting at the offset in `token`. */
function page(
  token: string | null,
  size: number,
  item: (i: number) => unknown,
): { items: unknown[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = Math.min(start + size, MODELS);
  const items = [];
  for (let i = start; i < end; i++) items.push(item(i));
  return { items, next: end < MODELS ? String(end) : undefined };
}

function startFixtureServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const size = Number(
      url.searchParams.get('max_results') ??
        url.searchParams.get('pageSize') ??
        100,
    );
    const send = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const kfList = (item: (i: number) => unknown) => {
      const p = page(url.searchParams.get('nextPageToken'), size, item);
      send({
        items: p.items,
        nextPageToken: p.next ?? '',
        pageSize: size,
        size: p.items.length,
      });
    };
    const token = url.searchParams.get('page_token');
    switch (url.pathname) {
      case '/api/2.0/mlflow/registered-models/search': {
        const p = page(token, size, mlflowModel);
        return send({ registered_models: p.items, next_page_token: p.next });
      }
      case '/api/2.0/mlflow/model-versions/search': {
        const p = page(token, size, mlflowVersion);
        return send({ model_versions: p.items, next_page_token: p.next });
      }
      case `${KF}/registered_models`:
        return kfList(kubeflowModel);
      case `${KF}/model_versions`:
        return kfList(kubeflowVersion);
      case `${KF}/inference_services`:
      case `${KF}/serving_environments`:
        return send({ items: [], nextPageToken: '', pageSize: size, size: 0 });
      default:
        if (url.pathname.startsWith(`${KF}/model_versions/`)) {
          const id = url.pathname.split('/')[5];
          return send({
            items: [
              {
                artifactType: 'model-artifact',
                id,
                name: `artifact-${id}`,
                uri: `s3://models/${id}/model.onnx`,
                modelFormatName: 'onnx',
                state: 'LIVE',
              },
            ],
            nextPageToken: '',
            pageSize: 100,
            size: 1,
          });
        }
        res.writeHead(404).end();
    }
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

type Measurement =
  | 'mlflow'
  | 'kubeflow'
  | 'mlflow-baseline'
  | 'kubeflow-baseline';

interface Result {
  entities: number;
  seconds: number;
  peakRssMb: number;
}

const quietLogger: any = {
  error: (m: string) => process.stderr.write(`${m}\n`),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

async function readPages(
  first: string,
  next: (body: any) => string | undefined,
): Promise<number> {
  let url: string | undefined = first;
  let items = 0;
  while (url) {
    const body: any = await (await fetch(url)).json();
    items += (body.items ?? body.registered_models ?? body.model_versions ?? [])
      .length;
    url = next(body);
  }
  return items;
}

async function measure(kind: Measurement, base: string): Promise<Result> {
  const started = performance.now();
  let entities = 0;
  if (kind === 'mlflow' || kind === 'kubeflow') {
    const config = new ConfigReader({
      catalog: {
        providers: {
          modelops:
            kind === 'mlflow'
              ? { mlflow: { bench: { baseUrl: base } } }
              : { kubeflow: { bench: { baseUrl: base } } },
        },
      },
    });
    const options = {
      logger: quietLogger,
      scheduler: {
        createScheduledTaskRunner: () => ({ run: async () => {} }),
      } as any,
    };
    const [provider] =
      kind === 'mlflow'
        ? MlflowEntityProvider.fromConfig(config, options)
        : KubeflowEntityProvider.fromConfig(config, options);
    await provider.connect({
      applyMutation: async (mutation: any) => {
        entities = mutation.entities.length;
      },
      refresh: async () => {},
    });
    const result = await provider.refresh();
    if (!result.applied) throw new Error(`${kind} refresh failed`);
  } else if (kind === 'mlflow-baseline') {
    for (const endpoint of ['registered-models', 'model-versions']) {
      const count = await readPages(
        `${base}/api/2.0/mlflow/${endpoint}/search?max_results=100`,
        body =>
          body.next_page_token
            ? `${base}/api/2.0/mlflow/${endpoint}/search?max_results=100&page_token=${body.next_page_token}`
            : undefined,
      );
      if (endpoint === 'registered-models') entities = count;
    }
  } else {
    for (const list of ['registered_models', 'model_versions']) {
      const count = await readPages(`${base}${KF}/${list}?pageSize=100`, body =>
        body.nextPageToken
          ? `${base}${KF}/${list}?pageSize=100&nextPageToken=${body.nextPageToken}`
          : undefined,
      );
      if (list === 'registered_models') entities = count;
    }
    for (let id = 1; id <= MODELS; id++) {
      await (
        await fetch(`${base}${KF}/model_versions/${id}/artifacts?pageSize=100`)
      ).json();
    }
  }
  return {
    entities,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function runChild(kind: Measurement, base: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [kind, base], {
      execArgv: process.execArgv,
    });
    // The TypeScript loader sends its own messages over the same channel.
    child.on('message', message => {
      if ((message as Result).seconds !== undefined) resolve(message as Result);
    });
    child.on('error', reject);
    child.on('exit', code => {
      if (code !== 0) reject(new Error(`${kind} exited with ${code}`));
    });
  });
}

async function main() {
  const [childKind, childBase] = process.argv.slice(2) as [
    Measurement?,
    string?,
  ];
  if (childKind && childBase) {
    process.send!(await measure(childKind, childBase));
    return;
  }
  const server = await startFixtureServer();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows: string[] = [];
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  try {
    for (const registry of ['mlflow', 'kubeflow'] as const) {
      const baseline = await runChild(`${registry}-baseline`, base);
      const provider = await runChild(registry, base);
      const rate = provider.entities / provider.seconds;
      const baseRate = baseline.entities / baseline.seconds;
      rows.push(
        `| ${registry} baseline (fetch + JSON.parse) | ${fmt(
          baseline.entities,
        )} | ${fmt(baseRate)} /s (${baseline.seconds.toFixed(1)} s) | ${fmt(
          baseline.peakRssMb,
        )} MB | |`,
        `| ${registry} provider (full refresh) | ${fmt(
          provider.entities,
        )} | ${fmt(rate)} /s (${provider.seconds.toFixed(1)} s) | ${fmt(
          provider.peakRssMb,
        )} MB | ${Math.round((rate / baseRate) * 100)} % |`,
      );
    }
  } finally {
    server.close();
  }
  process.stdout.write(
    [
      `Registry providers, ${fmt(MODELS)} registered models, one version each`,
      '',
      '| measurement | entities | entities per second | peak RSS | provider / baseline |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n'),
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
