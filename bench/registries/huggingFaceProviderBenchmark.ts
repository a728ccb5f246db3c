/*
 * Hugging Face Hub provider benchmark: reads N models (default 10,000)
 * through HuggingFaceEntityProvider from an in-process Hub (a fetch that
 * answers the model list in pages of 100 with `Link: rel="next"` and a
 * README with front matter and a model-index per model), maps them and
 * applies one full mutation to a connection that only counts. Prints
 * entities per second and the peak memory of the run, with and without the
 * README reads (`readme: false` reads only the listed card data).
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/registries/huggingFaceProviderBenchmark.ts
 * Options (environment): HF_BENCH_MODELS (default 10000).
 */
import { performance } from 'node:perf_hooks';
import { ConfigReader } from '@backstage/config';
import { HuggingFaceEntityProvider } from '@modelops/plugin-catalog-backend-module-modelops';

const HUB = 'https://huggingface.co';
const PAGE = 100;
const total = Number(process.env.HF_BENCH_MODELS ?? 10_000);

function model(i: number) {
  const id = `bench-org/model-${String(i).padStart(5, '0')}`;
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

const fakeHub: typeof fetch = async input => {
  const url = new URL(String(input));
  if (url.pathname === '/api/models') {
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const end = Math.min(start + PAGE, total);
    const models = Array.from({ length: end - start }, (_, k) =>
      model(start + k),
    );
    const next = new URL(url);
    next.searchParams.set('cursor', String(end));
    return new Response(JSON.stringify(models), {
      headers: {
        'Content-Type': 'application/json',
        ...(end < total ? { Link: `<${next.href}>; rel="next"` } : {}),
      },
    });
  }
  const match = /^\/(.+)\/raw\/[^/]+\/README\.md$/.exec(url.pathname);
  if (match) return new Response(readme(decodeURIComponent(match[1])));
  return new Response('Entry not found', { status: 404 });
};

async function run(readmes: boolean) {
  const logger: any = {
    error: (m: string) => console.error(m),
    warn: () => {},
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  const [provider] = HuggingFaceEntityProvider.fromConfig(
    new ConfigReader({
      catalog: {
        providers: {
          modelops: {
            huggingface: {
              bench: {
                authors: ['bench-org'],
                readme: readmes,
                defaults: { owner: 'group:default/ml-platform' },
              },
            },
          },
        },
      },
    }),
    {
      logger,
      scheduler: {
        createScheduledTaskRunner: () => ({ run: async () => {} }),
      } as any,
      fetch: fakeHub,
    },
  );
  let applied = 0;
  await provider.connect({
    applyMutation: async (mutation: any) => {
      applied = mutation.entities.length;
    },
    refresh: async () => {},
  });
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 5);
  const started = performance.now();
  const result = await provider.refresh();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const now = process.memoryUsage();
  peakRss = Math.max(peakRss, now.rss);
  peakHeap = Math.max(peakHeap, now.heapUsed);
  if (!result.applied || applied !== total) {
    throw new Error(`expected ${total} entities, applied ${applied}`);
  }
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  return {
    scenario: readmes ? 'list + README per model' : 'list only (readme: false)',
    models: total,
    seconds: seconds.toFixed(2),
    'entities/s': Math.round(total / seconds),
    'peak RSS MB': mb(peakRss),
    'peak heap MB (+ over start)': `${mb(peakHeap)} (+${mb(
      peakHeap - baseline.heapUsed,
    )})`,
  };
}

async function main() {
  const rows = [await run(false), await run(true)];
  console.table(rows);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
