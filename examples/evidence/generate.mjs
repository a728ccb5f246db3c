#!/usr/bin/env node
/*
 * Generates the demo evidence the ModelOps backend loads on first start:
 *   evaluations.json  evaluation reports for every production and staging model
 *   monitoring.json   weekly monitoring snapshots for every monitored production model
 *
 * The portfolio in ../models.yaml is the single source: metric names, thresholds,
 * fairness metrics, protected attributes, versions and latency SLOs are read from
 * it, so the evidence always matches the catalog. Randomness comes from a PRNG
 * seeded per model and dates are relative to a fixed anchor, so the output is
 * byte-for-byte stable; re-run after editing models.yaml:
 *
 *   node examples/evidence/generate.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const ANCHOR = Date.parse('2026-11-01T00:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

// The stories the demo tells; everything else is healthy noise.
const BELOW_THRESHOLD = {
  model: 'transaction-fraud-detector',
  metric: 'recall',
};
const FAIRNESS_BREACH = { model: 'affordability-assessor', attribute: 'age' };
const DRIFTING = {
  model: 'transaction-fraud-detector',
  features: ['merchant-category', 'amount'],
};

// Features whose drift each monitored model reports (names as in its feature set).
const FEATURES = {
  'credit-risk-scorer': [
    'income',
    'debt-to-income',
    'bureau-score',
    'credit-utilisation',
    'months-at-address',
  ],
  'affordability-assessor': [
    'income',
    'committed-expenditure',
    'open-banking-balance-avg',
    'dependants',
  ],
  'transaction-fraud-detector': [
    'amount',
    'merchant-category',
    'txn-velocity-1h',
    'distance-from-home-km',
    'card-age-days',
  ],
  'account-takeover-detector': [
    'device-age-days',
    'ip-reputation',
    'failed-attempts-24h',
    'geo-velocity-kmh',
  ],
  'customer-churn-predictor': [
    'days-since-last-purchase',
    'purchase-frequency-90d',
    'basket-value-avg',
    'app-sessions-30d',
  ],
  'next-best-offer-recommender': [
    'category-affinity',
    'basket-value-avg',
    'offer-redemptions-90d',
    'channel',
  ],
  'demand-forecaster': [
    'price',
    'promotion-depth',
    'lag-7-units',
    'temperature-c',
    'stock-on-hand',
  ],
  'eta-predictor': [
    'route-distance-km',
    'stops-remaining',
    'traffic-index',
    'precipitation-mm',
  ],
  'weld-defect-inspector': [],
  'sensor-anomaly-detector': [
    'vibration-rms',
    'motor-current-a',
    'bearing-temperature-c',
  ],
  'search-ranker': ['query-length', 'lexical-score', 'ctr-30d', 'in-stock'],
  'llama-3-1-8b-instruct': [],
  'support-assistant-llm': [],
  'support-kb-embedder': [],
};

// Typical daily volume, used for weekly traffic.
const DAILY_TRAFFIC = {
  'credit-risk-scorer': 9_400,
  'affordability-assessor': 9_100,
  'transaction-fraud-detector': 2_100_000,
  'account-takeover-detector': 6_000_000,
  'customer-churn-predictor': 1_630_000,
  'next-best-offer-recommender': 3_800_000,
  'demand-forecaster': 15_600_000,
  'eta-predictor': 410_000,
  'llama-3-1-8b-instruct': 21_000,
  'support-assistant-llm': 31_000,
  'support-kb-embedder': 140_000,
  'weld-defect-inspector': 96_000,
  'sensor-anomaly-detector': 12_100_000,
  'search-ranker': 4_500_000,
};

const GROUPS = {
  age: ['18-24', '25-34', '35-49', '50-64', '65+'],
  sex: ['female', 'male'],
  disability: ['yes', 'no'],
  ethnicity: ['group-a', 'group-b', 'group-c'],
};

/** mulberry32: small, fast, good enough for demo data and fully deterministic. */
function prng(seedText) {
  let seed = 2166136261;
  for (const ch of seedText)
    seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619) >>> 0;
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const between = (rand, lo, hi) => lo + (hi - lo) * rand();
const round = (x, digits = 4) => Number(x.toFixed(digits));
const iso = ms => new Date(ms).toISOString().replace('.000Z', 'Z');
const hex = (rand, n) =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join(
    '',
  );

function toRef(ref, defaultKind) {
  const m = /^(?:([A-Za-z]+):)?(?:([^/:]+)\/)?(.+)$/.exec(ref);
  return `${(m[1] ?? defaultKind).toLowerCase()}:${m[2] ?? 'default'}/${m[3]}`;
}

/** The n most recent versions ending at `current`, oldest first (4.2.0, 4.1.0, 4.0.0, 3.4.0...). */
function versionHistory(current, n, rand) {
  let [major, minor] = current.split('.').map(Number);
  const out = [current];
  while (out.length < n) {
    if (minor > 0) minor -= 1;
    else {
      major -= 1;
      minor = 2 + Math.floor(rand() * 4);
    }
    out.push(`${major}.${minor}.0`);
  }
  return out.reverse();
}

/** A healthy value for a metric with the given threshold and direction. */
function healthyValue(metric, rand) {
  const { threshold, direction } = metric;
  const bounded = threshold > 0 && threshold <= 1;
  if (direction === 'higher-is-better') {
    // The headroom scales with the room left below 1 and with the threshold itself, so
    // an nDCG threshold of 0.3 gets about 0.35 rather than 0.55.
    return bounded
      ? threshold +
          Math.min(1 - threshold, threshold) * between(rand, 0.12, 0.3)
      : threshold * between(rand, 1.1, 1.3);
  }
  return threshold * between(rand, bounded ? 0.55 : 0.65, 0.85);
}

/** Kolmogorov distribution tail: the asymptotic p-value of a two-sample KS statistic. */
function ksPValue(statistic, nEffective) {
  const lambda =
    (Math.sqrt(nEffective) + 0.12 + 0.11 / Math.sqrt(nEffective)) * statistic;
  let sum = 0;
  for (let k = 1; k <= 100; k++)
    sum += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return Math.min(1, Math.max(0, sum));
}

/**
 * Per-group fairness slices for one evaluation. Group offsets are fixed per model
 * (a stable bias pattern) and scaled so the widest gap is `spread`.
 */
function groupRates(pattern, base, spread) {
  const lo = Math.min(...pattern);
  const hi = Math.max(...pattern);
  const mid = (lo + hi) / 2;
  return pattern.map(u => base + (spread * (u - mid)) / (hi - lo || 1));
}

function evaluationsFor(model) {
  const { name } = model.metadata;
  const spec = model.spec;
  const rand = prng(`evaluations:${name}`);
  const n = 4 + Math.floor(rand() * 3);
  const versions = versionHistory(spec.version, n, rand);
  const datasetRef = toRef((spec.evaluatedOn ?? spec.trainedOn)[0], 'dataset');
  const metrics = spec.metrics ?? [];
  const healthy = metrics.map(m => healthyValue(m, rand));
  const protectedAttributes = (spec.risk?.protectedAttributes ?? []).filter(
    a => GROUPS[a],
  );
  const fairness = spec.risk?.fairness ?? [];
  const isRegression = spec.type === 'regression';
  // Fixed bias pattern per attribute for this model.
  const patterns = Object.fromEntries(
    protectedAttributes.map(a => [a, GROUPS[a].map(() => rand())]),
  );
  const fairnessShare = between(rand, 0.45, 0.7);

  return versions.map((modelVersion, i) => {
    const progress = n === 1 ? 1 : i / (n - 1);
    const latest = i === n - 1;
    const evaluatedAt =
      ANCHOR -
      (365 - (i + 0.5) * (340 / n)) * DAY +
      Math.floor(rand() * 3 * DAY);
    const out = [];
    metrics.forEach((metric, j) => {
      const margin = Math.abs(healthy[j] - metric.threshold);
      const better = metric.direction === 'higher-is-better' ? 1 : -1;
      // Newer versions are a little better, with noise, and stay clear of the threshold.
      let value =
        healthy[j] +
        better * margin * (0.3 * progress - 0.15) +
        margin * between(rand, -0.12, 0.12);
      if (
        latest &&
        name === BELOW_THRESHOLD.model &&
        metric.name === BELOW_THRESHOLD.metric
      ) {
        value = metric.threshold - better * metric.threshold * 0.035;
      }
      out.push({ name: metric.name, value: round(value) });
    });

    const worst = {};
    for (const attribute of protectedAttributes) {
      const thresholdFor = fairness[0]?.threshold ?? 0.1;
      let spread =
        thresholdFor *
        (fairnessShare + 0.15 * progress + between(rand, -0.05, 0.05));
      if (
        latest &&
        name === FAIRNESS_BREACH.model &&
        attribute === FAIRNESS_BREACH.attribute
      ) {
        spread = thresholdFor * 1.4;
      }
      const selection = groupRates(
        patterns[attribute],
        between(rand, 0.25, 0.4),
        spread * 0.8,
      );
      const tpr = groupRates(
        patterns[attribute],
        between(rand, 0.78, 0.86),
        spread,
      );
      const fpr = groupRates(
        patterns[attribute],
        between(rand, 0.05, 0.09),
        spread * 0.5,
      );
      const meanOutcome = groupRates(
        patterns[attribute],
        between(rand, 0.45, 0.55),
        spread * 0.9,
      );
      GROUPS[attribute].forEach((group, g) => {
        const slice = { attribute, group };
        out.push({ name: 'selection-rate', value: round(selection[g]), slice });
        if (isRegression)
          out.push({
            name: 'mean-outcome',
            value: round(meanOutcome[g]),
            slice,
          });
        else {
          out.push({ name: 'tpr', value: round(tpr[g]), slice });
          out.push({ name: 'fpr', value: round(fpr[g]), slice });
        }
      });
      const gap = xs => Math.max(...xs) - Math.min(...xs);
      const measured = {
        'demographic-parity-difference': gap(selection),
        'equalized-odds-difference': Math.max(gap(tpr), gap(fpr)),
        'equal-opportunity-difference': gap(tpr),
        'mean-outcome-difference': gap(meanOutcome),
      };
      for (const [metric, value] of Object.entries(measured)) {
        worst[metric] = Math.max(worst[metric] ?? 0, value);
      }
    }
    // The fairness metrics the model declares, as the worst gap over its protected attributes.
    for (const { metric } of fairness) {
      if (worst[metric] !== undefined)
        out.push({ name: metric, value: round(worst[metric]) });
    }

    return {
      idempotencyKey: `eval-${name}-${modelVersion}-${new Date(evaluatedAt)
        .toISOString()
        .slice(0, 10)}`,
      modelRef: `mlmodel:default/${name}`,
      modelVersion,
      datasetRef,
      evaluatedAt: iso(evaluatedAt),
      source: `mlflow-run:${hex(rand, 32)}`,
      metrics: out,
    };
  });
}

function monitoringFor(model, evaluations) {
  const { name } = model.metadata;
  const spec = model.spec;
  const rand = prng(`monitoring:${name}`);
  const test = spec.monitoring.drift?.test === 'ks' ? 'ks' : 'psi';
  const features =
    spec.monitoring.drift?.features === false ? [] : FEATURES[name] ?? [];
  const driftTargets = [
    ...features,
    ...(spec.monitoring.drift?.output === false ? [] : ['__output__']),
  ];
  const latencyBase =
    (spec.deployment?.latencySloMs ?? 18) * between(rand, 0.55, 0.75);
  const errorBase = between(rand, 0.0004, 0.002);
  const daily = DAILY_TRAFFIC[name] ?? 10_000;
  // A new version goes live three days after its evaluation report.
  const releases = evaluations
    .filter(e => e.modelRef === `mlmodel:default/${name}`)
    .map(e => ({
      version: e.modelVersion,
      live: Date.parse(e.evaluatedAt) + 3 * DAY,
    }));

  const snapshots = [];
  for (let week = 0; week < 12; week++) {
    const windowStart = ANCHOR - (12 - week) * 7 * DAY;
    const windowEnd = windowStart + 7 * DAY;
    const live =
      releases.filter(r => r.live <= windowStart).pop() ?? releases[0];
    const rising = name === DRIFTING.model ? week / 11 : 0;
    const drift = driftTargets.map(feature => {
      const drifting =
        name === DRIFTING.model &&
        (DRIFTING.features.includes(feature) || feature === '__output__');
      if (test === 'ks') {
        let statistic = between(rand, 0.008, 0.024);
        if (drifting) statistic += 0.09 * rising ** 1.6;
        // Feature logging samples 5,000 rows per window against a 5,000-row reference.
        return {
          feature,
          test,
          statistic: round(statistic),
          pValue: round(ksPValue(statistic, 2500), 6),
        };
      }
      let statistic = between(rand, 0.01, 0.06);
      if (drifting)
        statistic += (feature === '__output__' ? 0.18 : 0.27) * rising ** 1.6;
      return { feature, test, statistic: round(statistic) };
    });
    snapshots.push({
      idempotencyKey: `mon-${name}-${iso(windowStart).slice(0, 10)}`,
      modelRef: `mlmodel:default/${name}`,
      modelVersion: live.version,
      windowStart: iso(windowStart),
      windowEnd: iso(windowEnd),
      drift,
      latencyP95Ms: round(latencyBase * between(rand, 0.92, 1.1), 1),
      errorRate: round(errorBase * between(rand, 0.7, 1.4), 5),
      traffic: Math.round(daily * 7 * between(rand, 0.9, 1.1)),
    });
  }
  return snapshots;
}

const models = YAML.parseAllDocuments(
  readFileSync(join(here, '..', 'models.yaml'), 'utf8'),
)
  .map(doc => doc.toJS())
  .filter(entity => entity?.kind === 'MLModel');

const evaluated = models.filter(m =>
  ['production', 'staging'].includes(m.spec.lifecycle),
);
const evaluations = evaluated.flatMap(evaluationsFor);
// A production model without a monitoring block has no snapshots: that gap is on purpose.
const monitored = models.filter(
  m => m.spec.lifecycle === 'production' && m.spec.monitoring,
);
const monitoring = monitored.flatMap(m => monitoringFor(m, evaluations));

writeFileSync(
  join(here, 'evaluations.json'),
  `${JSON.stringify(evaluations, null, 2)}\n`,
);
writeFileSync(
  join(here, 'monitoring.json'),
  `${JSON.stringify(monitoring, null, 2)}\n`,
);
console.log(
  `${evaluations.length} evaluation reports for ${evaluated.length} models, ` +
    `${monitoring.length} monitoring snapshots for ${monitored.length} models`,
);
