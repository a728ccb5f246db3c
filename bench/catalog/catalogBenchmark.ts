/*
 * Catalog processing benchmark for the MLModel and Dataset kinds.
 *
 * Pushes N entities (1,000 and 5,000) through a real catalog backend
 * (startTestBackend, in-memory SQLite, immediate stitching) from a test
 * entity provider, twice: stock Component entities, then MLModel/Dataset
 * entities that go through ModelOpsEntityProcessor. The catalog module is
 * installed in both runs, so the processor list, database and harness are
 * the same; only the kinds differ. Each scenario is timed twice:
 *   first   - full mutation applied until every entity is stitched;
 *   re-run  - every entity forced back into the processing queue unchanged,
 *             until every one has been processed again (the catalog skips
 *             writing and stitching when the output hash is unchanged).
 * A second table times the processors alone, in-process: validate and
 * relations per entity, ModelOpsEntityProcessor against
 * BuiltinKindsEntityProcessor.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/catalog/catalogBenchmark.ts
 * Options (environment): CATALOG_BENCH_SIZES (default "1000,5000").
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import knexFactory, { Knex } from 'knex';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogBackend, {
  BuiltinKindsEntityProcessor,
} from '@backstage/plugin-catalog-backend';
import {
  CatalogProcessor,
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import catalogModuleModelops, {
  ModelOpsEntityProcessor,
} from '@modelops/plugin-catalog-backend-module-modelops';

const SIZES = (process.env.CATALOG_BENCH_SIZES ?? '1000,5000')
  .split(',')
  .map(Number);
const TIMEOUT_MS = 15 * 60_000;

const annotations = {
  'backstage.io/managed-by-location': 'url:https://example.com/bench.yaml',
  'backstage.io/managed-by-origin-location':
    'url:https://example.com/bench.yaml',
};

/** Stock entities: Components with owner, system and one dependency. */
function stockEntities(n: number): Entity[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${i}`,
      description: `Service ${i}`,
      tags: ['bench', 'java'],
      annotations,
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `team-${i % 50}`,
      system: `sys-${i % 20}`,
      dependsOn: [`component:svc-${(i + 1) % n}`],
    },
  }));
}

/**
 * Our entities: half Datasets (owner, system, steward, producer), half
 * MLModels (owner, system, training data, plus risk, metrics and
 * deployment fields the validator checks); three to four relation pairs
 * each, as the stock Components have three.
 */
function modelOpsEntities(n: number): Entity[] {
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? {
          apiVersion: 'modelops.dev/v1alpha1',
          kind: 'Dataset',
          metadata: {
            name: `ds-${i}`,
            description: `Dataset ${i}`,
            tags: ['bench'],
            annotations,
          },
          spec: {
            type: 'tabular',
            lifecycle: 'production',
            owner: `team-${i % 50}`,
            system: `sys-${i % 20}`,
            steward: `user-${i % 100}`,
            producedBy: `etl-${i % 30}`,
            classification: 'confidential',
            containsPII: true,
            regulations: ['gdpr'],
            retention: { period: 'P7Y' },
          },
        }
      : {
          apiVersion: 'modelops.dev/v1alpha1',
          kind: 'MLModel',
          metadata: {
            name: `model-${i}`,
            description: `Model ${i}`,
            tags: ['bench'],
            annotations,
          },
          spec: {
            type: 'classification',
            lifecycle: 'production',
            owner: `team-${i % 50}`,
            system: `sys-${i % 20}`,
            trainedOn: [`ds-${i - 1}`],
            risk: {
              tier: 'high',
              humanOversight: { mode: 'human-in-the-loop' },
            },
            metrics: [
              { name: 'auc', threshold: 0.8, direction: 'higher-is-better' },
            ],
            deployment: { serving: 'kubernetes', latencySloMs: 150 },
            monitoring: { retraining: { cadence: 'P90D' } },
          },
        },
  );
}

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('benchmark timed out');
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

async function count(
  knex: Knex,
  query: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  table: string,
) {
  const [row] = await query(knex(table)).count({ n: '*' });
  return Number(row.n);
}

interface ScenarioResult {
  firstSeconds: number;
  rerunSeconds: number;
  relations: number;
}

async function runScenario(entities: Entity[]): Promise<ScenarioResult> {
  // One connection: an in-memory SQLite database lives in its connection.
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  let connect!: (c: EntityProviderConnection) => void;
  const connected = new Promise<EntityProviderConnection>(r => (connect = r));
  const provider: EntityProvider = {
    getProviderName: () => 'bench',
    connect: async c => connect(c),
  };
  const benchProviderModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-provider',
    register({ registerInit }) {
      registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider(provider);
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      catalogBackend,
      catalogModuleModelops,
      benchProviderModule,
      mockServices.database.factory({ knex }),
      mockServices.rootLogger.factory({ level: 'error' }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            // Long enough that nothing is reprocessed within a timed run.
            processingInterval: { hours: 1 },
            stitchingStrategy: { mode: 'immediate' },
          },
        },
      }),
    ],
  });
  try {
    const connection = await connected;
    const n = entities.length;

    const firstStart = performance.now();
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: 'bench' })),
    });
    await waitUntil(
      async () =>
        (await count(
          knex,
          q => q.whereNotNull('final_entity'),
          'final_entities',
        )) >= n,
    );
    const firstSeconds = (performance.now() - firstStart) / 1000;
    const relations = await count(knex, q => q, 'relations');

    // Unchanged re-run: put every entity back in the queue and wait until
    // each has been processed again (its next update moves past the mark).
    // The catalog writes SQLite timestamps as 'YYYY-MM-DD HH:MM:SS' text.
    const mark = new Date().toISOString().slice(0, 19).replace('T', ' ');
    const rerunStart = performance.now();
    await knex('refresh_state').update({
      next_update_at: '1970-01-01 00:00:00',
    });
    await waitUntil(
      async () =>
        (await count(
          knex,
          q => q.where('next_update_at', '<=', mark),
          'refresh_state',
        )) === 0,
    );
    const rerunSeconds = (performance.now() - rerunStart) / 1000;
    return { firstSeconds, rerunSeconds, relations };
  } finally {
    await backend.stop();
    await knex.destroy();
  }
}

/** Validate + relations per entity, in-process, best of three passes. */
async function processorThroughput(
  processor: CatalogProcessor,
  entities: Entity[],
): Promise<number> {
  const location = { type: 'url', target: 'https://example.com/bench.yaml' };
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    let emitted = 0;
    const start = performance.now();
    for (const original of entities) {
      const entity = structuredClone(original);
      const pre = processor.preProcessEntity
        ? await processor.preProcessEntity(
            entity,
            location,
            () => {},
            location,
            undefined as any,
          )
        : entity;
      if (!(await processor.validateEntityKind!(pre))) {
        throw new Error(
          `${processor.getProcessorName()} rejected ${pre.metadata.name}`,
        );
      }
      await processor.postProcessEntity!(
        pre,
        location,
        () => emitted++,
        undefined as any,
      );
    }
    best = Math.min(best, (performance.now() - start) / 1000);
    if (emitted === 0) {
      throw new Error('no relations emitted');
    }
  }
  return entities.length / best;
}

const fmt = (x: number, digits = 0) =>
  x.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths
      .map((w, i) =>
        i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`,
      )
      .join('|')}|`,
  );
  rows.forEach(r => console.log(line(r)));
}

async function main() {
  console.log(
    `Catalog benchmark, node ${process.version}, ${os.cpus().length} CPUs (${
      os.cpus()[0]?.model
    }), in-memory SQLite\n`,
  );
  const rows: string[][] = [];
  for (const n of SIZES) {
    const stock = await runScenario(stockEntities(n));
    const ours = await runScenario(modelOpsEntities(n));
    for (const [label, r] of [
      ['stock Component', stock],
      ['MLModel/Dataset', ours],
    ] as const) {
      rows.push([
        `${fmt(n)} ${label}`,
        fmt(r.relations),
        fmt(r.firstSeconds, 2),
        fmt(n / r.firstSeconds),
        label === 'MLModel/Dataset'
          ? fmt(stock.firstSeconds / ours.firstSeconds, 2)
          : '1.00',
        fmt(r.rerunSeconds, 2),
        fmt(n / r.rerunSeconds),
        fmt(r.firstSeconds / r.rerunSeconds, 2),
      ]);
    }
  }
  console.log(
    'Processing and stitching through the catalog (startTestBackend):\n',
  );
  printTable(
    [
      'entities',
      'relations',
      'first s',
      'first entities/s',
      'ratio ours/stock',
      're-run s',
      're-run entities/s',
      're-run speed-up',
    ],
    rows,
  );

  const n = 5000;
  const builtin = await processorThroughput(
    new BuiltinKindsEntityProcessor(),
    stockEntities(n),
  );
  const ours = await processorThroughput(
    ModelOpsEntityProcessor.create(),
    modelOpsEntities(n),
  );
  console.log(
    '\nProcessors alone, in-process (preProcess + validate + relations, best of 3):\n',
  );
  printTable(
    ['processor', 'entities', 'entities/s', 'ratio ours/stock'],
    [
      ['BuiltinKindsEntityProcessor (Component)', fmt(n), fmt(builtin), '1.00'],
      [
        'ModelOpsEntityProcessor (MLModel/Dataset)',
        fmt(n),
        fmt(ours),
        fmt(ours / builtin, 2),
      ],
    ],
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
