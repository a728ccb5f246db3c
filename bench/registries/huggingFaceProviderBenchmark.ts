/*
 * Hugging Face Hub provider benchmark.
 *
 * Serves HF_BENCH_MODELS models of one author (default 10,000) from an
 * in-process fixture server shaped like the Hub: `GET /api/models` in
 * pages of 100 followed through `Link: <...>; rel="next"`, and each model's
 * `README.md` (front matter with datasets, base model, languages, tags and
 * a model-index, plus card sections). Reads them through
 * HuggingFaceEntityProvider twice, with `readme: false` (only the listed
 * card data) and with one README per model read four at a time, each a
 * full refresh: every page, the card import, mapping and validation. In
 * the same run it reads the same list pages (and, for the second, the same
 * READMEs, one by one) with plain fetch and JSON.parse, mapping nothing: the
 * baseline any client pays for the transport.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/registries/huggingFaceProviderBenchmark.ts
 * Options (environment): HF_BENCH_MODELS (default 10000).
 */
import http from 'node:http';
import { ConfigReader } from '@backstage/config';
import { HuggingFaceEntityProvider } from '../../plugins/catalog-backend-module-modelops/src/huggingface/HuggingFaceEntityProvider';
import { nextLink } from '../../plugins/catalog-backend-module-modelops/src/huggingface/HuggingFaceHubClient';
import {
  benchProviderOptions,
  fullRefresh,
  page,
  readPages,
  runBenchmark,
} from './benchmarkHarness';

const MODELS = Number(process.env.HF_BENCH_MODELS ?? 10_000);
const PAGE = 100;
const AUTHOR = 'bench-org';

function model(i: number) {
  const id = `${AUTHOR}/model-${String(i).padStart(5, '0')}`;
  return {
    id,
    sha: i.toString(16).padStart(40, '0'),
    lastModified: '2026-03-01T10:00:00.000Z',
    pipeline_tag: i % 2 ? 'text-classification' : 'text-generation',
    library_name: 'transformers',
    tags: ['transformers', 'safetensors', 'en', 'region:us'],
    cardData: {
      license: 'apache-2.0',
      datasets: ['glue', `bench-org/data-${i % 50}`],
      language: ['en'],
    },
    siblings: [{ rfilename: 'README.md' }, { rfilename: 'model.safetensors' }],
  };
}

function readme(id: string): string {
  return `---
license: apache-2.0
language: [en, de]
tags: [nlp, benchmark]
datasets: [glue, bench-org/train]
base_model: bench-org/base
model-index:
  - name: ${id}
    results:
      - task: { type: text-classification, name: Text Classification }
        dataset: { name: GLUE SST2, type: glue, config: sst2, split: validation }
        metrics:
          - { type: accuracy, value: 0.91, name: Accuracy }
          - { type: f1, value: "0.90 ± 0.01", name: F1 }
---

# ${id}

## Intended uses

- Sentiment of product reviews

## Limitations

Trained on English reviews only.
`;
}

/** The Hub's model list, paged by a cursor in the Link header, and the READMEs. */
const fixture: http.RequestListener = (req, res) => {
  const url = new URL(req.url!, `http://${req.headers.host}`);
  if (url.pathname === '/api/models') {
    const p = page(url.searchParams.get('cursor'), PAGE, MODELS, model);
    const next = new URL(url);
    if (p.next) next.searchParams.set('cursor', p.next);
    res.writeHead(200, {
      'Content-Type': 'application/json',
      ...(p.next ? { Link: `<${next.href}>; rel="next"` } : {}),
    });
    return res.end(JSON.stringify(p.items));
  }
  const match = /^\/(.+)\/raw\/[^/]+\/README\.md$/.exec(url.pathname);
  if (match) {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end(readme(decodeURIComponent(match[1])));
  }
  return res.writeHead(404).end('Entry not found');
};

/** Every page of the author's model list, as the provider asks for it. */
async function listModels(
  base: string,
): Promise<{ id: string; sha: string }[]> {
  const models: { id: string; sha: string }[] = [];
  await readPages(
    `${base}/api/models?author=${AUTHOR}&full=true&cardData=true&limit=${PAGE}`,
    (body, response) => {
      models.push(...body);
      return { items: body, next: nextLink(response.headers.get('link')) };
    },
  );
  return models;
}

async function measure(name: string, base: string): Promise<number> {
  if (name === 'list' || name === 'readme') {
    return fullRefresh(
      HuggingFaceEntityProvider.fromConfig(
        new ConfigReader({
          catalog: {
            providers: {
              modelops: {
                huggingface: {
                  bench: {
                    baseUrl: base,
                    authors: [AUTHOR],
                    readme: name === 'readme',
                    defaults: { owner: 'group:default/ml-platform' },
                  },
                },
              },
            },
          },
        }),
        benchProviderOptions,
      )[0],
    );
  }
  const models = await listModels(base);
  if (name === 'readme-baseline') {
    for (const m of models) {
      await (await fetch(`${base}/${m.id}/raw/${m.sha}/README.md`)).text();
    }
  } else if (name !== 'list-baseline') {
    throw new Error(`no measurement ${name}`);
  }
  return models.length;
}

runBenchmark({
  title: `Hugging Face Hub provider, ${MODELS.toLocaleString(
    'en-US',
  )} models of one author`,
  fixture,
  pairs: [
    {
      name: 'list',
      label: 'huggingface list',
      provider: 'full refresh, readme: false',
    },
    {
      name: 'readme',
      label: 'huggingface list + README',
      baseline: 'fetch + JSON.parse, README text',
      provider: 'full refresh, readme: true',
    },
  ],
  measure,
});
