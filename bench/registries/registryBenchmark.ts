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
import http from 'node:http';
import { ConfigReader } from '@backstage/config';
import { KubeflowEntityProvider } from '../../plugins/catalog-backend-module-modelops/src/kubeflow/KubeflowEntityProvider';
import { MlflowEntityProvider } from '../../plugins/catalog-backend-module-modelops/src/mlflow/MlflowEntityProvider';
import {
  benchProviderOptions,
  fullRefresh,
  page,
  readPages,
  runBenchmark,
} from './benchmarkHarness';

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

/** MLflow's and the Kubeflow Model Registry's lists, paged by offset. */
const fixture: http.RequestListener = (req, res) => {
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
    const p = page(url.searchParams.get('nextPageToken'), size, MODELS, item);
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
      const p = page(token, size, MODELS, mlflowModel);
      return send({ registered_models: p.items, next_page_token: p.next });
    }
    case '/api/2.0/mlflow/model-versions/search': {
      const p = page(token, size, MODELS, mlflowVersion);
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
};

async function measure(name: string, base: string): Promise<number> {
  switch (name) {
    case 'mlflow':
      return fullRefresh(
        MlflowEntityProvider.fromConfig(
          new ConfigReader({
            catalog: {
              providers: { modelops: { mlflow: { bench: { baseUrl: base } } } },
            },
          }),
          benchProviderOptions,
        )[0],
      );
    case 'kubeflow':
      return fullRefresh(
        KubeflowEntityProvider.fromConfig(
          new ConfigReader({
            catalog: {
              providers: {
                modelops: { kubeflow: { bench: { baseUrl: base } } },
              },
            },
          }),
          benchProviderOptions,
        )[0],
      );
    case 'mlflow-baseline': {
      const search = (endpoint: string) =>
        readPages(
          `${base}/api/2.0/mlflow/${endpoint}/search?max_results=100`,
          body => ({
            items: body.registered_models ?? body.model_versions ?? [],
            next:
              body.next_page_token &&
              `${base}/api/2.0/mlflow/${endpoint}/search?max_results=100&page_token=${body.next_page_token}`,
          }),
        );
      const models = await search('registered-models');
      await search('model-versions');
      return models;
    }
    case 'kubeflow-baseline': {
      const list = (path: string) =>
        readPages(`${base}${KF}/${path}?pageSize=100`, body => ({
          items: body.items,
          next:
            body.nextPageToken &&
            `${base}${KF}/${path}?pageSize=100&nextPageToken=${body.nextPageToken}`,
        }));
      const models = await list('registered_models');
      await list('model_versions');
      for (let id = 1; id <= MODELS; id++) {
        await (
          await fetch(
            `${base}${KF}/model_versions/${id}/artifacts?pageSize=100`,
          )
        ).json();
      }
      return models;
    }
    default:
      throw new Error(`no measurement ${name}`);
  }
}

runBenchmark({
  title: `Registry providers, ${MODELS.toLocaleString(
    'en-US',
  )} registered models, one version each`,
  fixture,
  pairs: [
    { name: 'mlflow', label: 'mlflow' },
    { name: 'kubeflow', label: 'kubeflow' },
  ],
  measure,
});
