// Writes a synthetic ML portfolio for the model catalog page benchmark: N
// MLModel entities (10,000 by default) and the groups and systems they
// reference, as one multi-document YAML file that a catalog `file` location
// can read.
//
//   node bench/frontend/generateModels.mjs [--count 10000] [--seed 42] [--out bench/frontend/.out/models.yaml]
//
// The output is deterministic for a given count and seed. Every model is
// checked with the kinds validator of @modelops/plugin-modelops-common before
// anything is written, so the catalog ingests all of them.
import { createRequire } from 'node:module';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** The default output file, inside the git-ignored output folder. */
export const DEFAULT_OUTPUT = resolve(here, '.out', 'models.yaml');

// Words the names are built from: business domains, the task a model does
// and the family of algorithm behind it, as model registries name them.
const DOMAINS = [
  'payments',
  'lending',
  'fraud',
  'marketing',
  'pricing',
  'supply-chain',
  'logistics',
  'customer-care',
  'search',
  'recommendations',
  'ads',
  'hr',
  'finance',
  'risk',
  'claims',
  'underwriting',
  'retail',
  'inventory',
  'energy',
  'maintenance',
  'security',
  'identity',
  'content',
  'health',
];
const TASKS = [
  { task: 'churn-propensity', type: 'classification' },
  { task: 'default-risk', type: 'classification' },
  { task: 'fraud-score', type: 'anomaly-detection' },
  { task: 'demand-forecast', type: 'forecasting' },
  { task: 'price-elasticity', type: 'regression' },
  { task: 'next-best-offer', type: 'recommendation' },
  { task: 'search-ranker', type: 'ranking' },
  { task: 'ticket-router', type: 'classification' },
  { task: 'document-embedder', type: 'embedding' },
  { task: 'reply-drafter', type: 'generative' },
  { task: 'sensor-anomaly', type: 'anomaly-detection' },
  { task: 'eta-predictor', type: 'regression' },
  { task: 'lead-scorer', type: 'classification' },
  { task: 'item-similarity', type: 'embedding' },
  { task: 'capacity-planner', type: 'forecasting' },
  { task: 'summarizer', type: 'generative' },
  { task: 'feed-ranker', type: 'ranking' },
  { task: 'claim-triage', type: 'classification' },
];
const FAMILIES = [
  { family: 'xgb', framework: 'xgboost', format: 'onnx' },
  { family: 'lgbm', framework: 'lightgbm', format: 'onnx' },
  { family: 'rf', framework: 'scikit-learn', format: 'pickle' },
  { family: 'glm', framework: 'scikit-learn', format: 'pmml' },
  { family: 'bert', framework: 'pytorch', format: 'safetensors' },
  { family: 'tft', framework: 'pytorch', format: 'torchscript' },
  { family: 'dnn', framework: 'tensorflow', format: 'savedmodel' },
  { family: 'llm', framework: 'transformers', format: 'safetensors' },
];
const TEAM_PREFIXES = [
  'payments',
  'lending',
  'fraud',
  'growth',
  'pricing',
  'supply',
  'logistics',
  'care',
  'search',
  'personalization',
  'ads',
  'people',
  'finance',
  'risk',
  'claims',
  'underwriting',
  'retail',
  'inventory',
  'energy',
  'reliability',
];
const TEAM_SUFFIXES = ['ml', 'data-science'];
// Production-heavy, as a mature portfolio is; a tail of retired models.
const LIFECYCLES = [
  ['production', 40],
  ['staging', 15],
  ['development', 20],
  ['experimental', 12],
  ['deprecated', 8],
  ['retired', 5],
];
const RISK_TIERS = [
  ['minimal', 45],
  ['limited', 35],
  ['high', 18],
  ['unacceptable', 2],
];
const TAG_POOL = [
  'gdpr',
  'pii',
  'realtime',
  'batch',
  'edge',
  'gpu',
  'tabular',
  'nlp',
  'vision',
  'time-series',
  'customer-facing',
  'internal',
  'regulated',
  'eu-ai-act',
  'fairness-reviewed',
  'llm',
  'cost-sensitive',
  'tier-1',
];
const STRATEGIES = ['canary', 'blue-green', 'shadow', 'rolling'];
const SERVING = ['kubernetes', 'serverless', 'batch', 'edge'];

/** A small seeded generator (mulberry32) so that runs are reproducible. */
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: list => list[Math.floor(next() * list.length)],
    weighted: pairs => {
      const total = pairs.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [value, weight] of pairs) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return pairs[pairs.length - 1][0];
    },
    sample: (list, count) => {
      const copy = [...list];
      const out = [];
      while (out.length < count && copy.length > 0) {
        out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      }
      return out;
    },
  };
}

const ACRONYMS = new Set(['ml', 'hr', 'eta']);

function titleCase(words) {
  return words
    .split('-')
    .map(w =>
      ACRONYMS.has(w) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1),
    )
    .join(' ');
}

/**
 * Builds the portfolio in memory: 40 groups, one or two systems per group
 * and `count` models spread over them.
 */
export function generatePortfolio({ count = 10_000, seed = 42 } = {}) {
  const random = createRandom(seed);

  const groups = TEAM_PREFIXES.flatMap(prefix =>
    TEAM_SUFFIXES.map(suffix => `${prefix}-${suffix}`),
  ).map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      title: titleCase(name),
      description: `Builds and runs the ${name.split('-')[0]} models.`,
    },
    spec: { type: 'team', children: [] },
  }));

  const systems = groups.flatMap((group, index) =>
    (index % 3 === 0 ? ['platform', 'scoring'] : ['platform']).map(part => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: `${group.metadata.name}-${part}`,
        title: `${group.metadata.title} ${part}`,
        description: `Serving and training infrastructure of ${group.metadata.title}.`,
      },
      spec: { owner: `group:default/${group.metadata.name}` },
    })),
  );
  const systemsByOwner = new Map();
  for (const system of systems) {
    const owner = system.spec.owner;
    systemsByOwner.set(owner, [
      ...(systemsByOwner.get(owner) ?? []),
      system.metadata.name,
    ]);
  }

  const models = [];
  for (let i = 0; i < count; i++) {
    const domain = random.pick(DOMAINS);
    const { task, type } = random.pick(TASKS);
    const { family, framework, format } = random.pick(FAMILIES);
    const group = random.pick(groups).metadata.name;
    const owner = `group:default/${group}`;
    const lifecycle = random.weighted(LIFECYCLES);
    const tier = random.weighted(RISK_TIERS);
    const major = random.int(1, 6);
    // The running number keeps names unique; the words keep them readable
    // and give the text search something real to match.
    const name = `${domain}-${task}-${family}-${String(i + 1).padStart(
      5,
      '0',
    )}`;
    const tags = random.sample(TAG_POOL, random.int(1, 4)).sort();
    const model = {
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: {
        name,
        title: `${titleCase(domain)} ${titleCase(
          task,
        )} (${family.toUpperCase()}) #${i + 1}`,
        description:
          `Scores ${titleCase(
            task,
          ).toLowerCase()} for the ${domain} domain with a ` +
          `${framework} ${family} model; retrained when drift or performance alerts fire.`,
        tags,
      },
      spec: {
        type,
        lifecycle,
        owner,
        system: random.pick(systemsByOwner.get(owner)),
        framework,
        format,
        version: `${major}.${random.int(0, 12)}.${random.int(0, 30)}`,
        registry: {
          type: 'mlflow',
          name,
          alias: lifecycle === 'production' ? 'champion' : 'challenger',
        },
        risk: {
          tier,
          domain,
          ...(tier === 'high' || tier === 'unacceptable'
            ? {
                humanOversight: { mode: 'human-in-the-loop', optOut: true },
                explainability: ['shap'],
              }
            : {}),
        },
        metrics: [
          type === 'regression' || type === 'forecasting'
            ? {
                name: 'mape',
                threshold: 0.1 + random.int(0, 10) / 100,
                direction: 'lower-is-better',
              }
            : {
                name: 'auc',
                threshold: 0.7 + random.int(0, 20) / 100,
                direction: 'higher-is-better',
              },
        ],
        deployment: {
          serving: random.pick(SERVING),
          strategy: random.pick(STRATEGIES),
          latencySloMs: random.int(2, 40) * 10,
        },
        monitoring: {
          drift: {
            test: random.pick(['ks', 'psi']),
            features: true,
            output: true,
          },
        },
        cost: {
          costCenter: `cc-${group}`,
          monthlyBudget: random.int(1, 60) * 500,
          currency: 'USD',
        },
      },
    };
    models.push(model);
  }
  return { groups, systems, models };
}

/**
 * Checks every model with the kinds validator; throws naming the first
 * invalid model so that a generator change cannot feed the catalog entities
 * it would reject.
 */
export function validateModels(models) {
  require('@backstage/cli/config/nodeTransform.cjs');
  const {
    validateModelOpsEntity,
  } = require('@modelops/plugin-modelops-common');
  for (const model of models) {
    const problems = validateModelOpsEntity(model);
    if (problems.length > 0) {
      throw new Error(
        `generated model ${model.metadata.name} is invalid: ${JSON.stringify(
          problems[0],
        )}`,
      );
    }
  }
  return models.length;
}

/** Serialises the portfolio as one multi-document YAML file. */
export function toYaml({ groups, systems, models }) {
  const { stringify } = require('yaml');
  return [...groups, ...systems, ...models]
    .map(entity => stringify(entity, { lineWidth: 0 }))
    .join('---\n');
}

/** Generates, validates and writes the portfolio; returns what it wrote. */
export async function writePortfolio({
  count = 10_000,
  seed = 42,
  out = DEFAULT_OUTPUT,
} = {}) {
  const portfolio = generatePortfolio({ count, seed });
  const validated = validateModels(portfolio.models);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, toYaml(portfolio));
  return {
    out,
    models: portfolio.models.length,
    groups: portfolio.groups.length,
    systems: portfolio.systems.length,
    validated,
  };
}

if (
  process.argv[1] &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string', default: DEFAULT_OUTPUT },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1) {
    console.error(`--count must be a whole number >= 1, got ${values.count}`);
    process.exit(2);
  }
  if (!Number.isInteger(seed)) {
    console.error(`--seed must be a whole number, got ${values.seed}`);
    process.exit(2);
  }
  const started = Date.now();
  const result = await writePortfolio({
    count,
    seed,
    out: resolve(values.out),
  });
  console.log(
    `wrote ${result.models} models (${result.validated} validated), ${result.groups} groups and ` +
      `${result.systems} systems to ${result.out} in ${
        Date.now() - started
      } ms`,
  );
}
