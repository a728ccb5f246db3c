import fc from 'fast-check';
import {
  DATA_CLASSIFICATIONS,
  DATA_QUALITY_CHECKS,
  DATA_REGULATIONS,
  DATASET_TYPES,
  DEPLOYMENT_STRATEGIES,
  DRIFT_TESTS,
  HUMAN_OVERSIGHT_MODES,
  LAWFUL_BASES,
  METRIC_DIRECTIONS,
  MLMODEL_FORMATS,
  MLMODEL_TYPES,
  MODELOPS_LIFECYCLES,
  RETRAINING_TRIGGERS,
  RISK_TIERS,
  SERVING_MODES,
  AI_ACT_ROLES,
  CONFORMITY_PROCEDURES,
  MODEL_REGISTRY_TYPES,
} from '../kinds/enums';

// Arbitraries for every kind of field value the MLModel and Dataset schemas
// accept, shared by the property tests; each spec
// is generated with only owner and lifecycle required, so that the property
// covers every combination of present and absent optional fields.
export const nameArbitrary = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
export const refArbitrary = fc.oneof(
  nameArbitrary,
  fc.tuple(nameArbitrary, nameArbitrary).map(([ns, n]) => `${ns}/${n}`),
  fc
    .tuple(
      fc.constantFrom('group', 'user', 'dataset', 'mlmodel'),
      nameArbitrary,
      nameArbitrary,
    )
    .map(([k, ns, n]) => `${k}:${ns}/${n}`),
);
const words = fc.string({ minLength: 1, maxLength: 30 });
const url = nameArbitrary.map(n => `https://example.com/${n}`);
const duration = fc
  .tuple(fc.integer({ min: 1, max: 99 }), fc.constantFrom('Y', 'M', 'D', 'W'))
  .map(([n, unit]) => `P${n}${unit}`);
const date = fc
  .date({
    min: new Date('2000-01-01'),
    max: new Date('2099-12-31'),
    noInvalidDate: true,
  })
  .map(d => d.toISOString().slice(0, 10));
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const nonNegative = fc.double({ min: 0, max: 1e6, noNaN: true });
const enumOf = <T extends readonly string[]>(values: T) =>
  fc.constantFrom(...values);
const opt = <T>(record: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(record, { requiredKeys: [] });

export const mlModelSpecArbitrary = fc.record(
  {
    type: enumOf(MLMODEL_TYPES),
    lifecycle: enumOf(MODELOPS_LIFECYCLES),
    owner: refArbitrary,
    businessOwner: refArbitrary,
    system: refArbitrary,
    framework: words,
    format: enumOf(MLMODEL_FORMATS),
    license: words,
    version: words,
    registry: fc.record(
      { type: enumOf(MODEL_REGISTRY_TYPES), name: words, alias: words },
      { requiredKeys: ['type', 'name'] },
    ),
    trainedOn: fc.array(refArbitrary),
    evaluatedOn: fc.array(refArbitrary),
    derivedFrom: fc.array(refArbitrary),
    intendedUse: opt({
      primaryUses: fc.array(words),
      primaryUsers: fc.array(words),
      outOfScope: fc.array(words),
    }),
    allowedPurposes: fc.array(words),
    limitations: fc.string(),
    assumptions: fc.string(),
    fallback: fc.string(),
    kpis: fc.array(
      fc.record(
        {
          name: words,
          target: fc.oneof(fc.string(), finite),
          businessOutcome: fc.string(),
        },
        { requiredKeys: ['name'] },
      ),
    ),
    metrics: fc.array(
      fc.record(
        {
          name: words,
          threshold: finite,
          direction: enumOf(METRIC_DIRECTIONS),
          slice: words,
        },
        { requiredKeys: ['name'] },
      ),
    ),
    risk: opt({
      tier: enumOf(RISK_TIERS),
      domain: words,
      impactAssessment: opt({ url, date }),
      humanOversight: opt({
        mode: enumOf(HUMAN_OVERSIGHT_MODES),
        optOut: fc.boolean(),
      }),
      explainability: fc.array(words),
      protectedAttributes: fc.array(words),
      fairness: fc.array(
        fc.record(
          { metric: words, threshold: finite, min: finite, max: finite },
          { requiredKeys: ['metric'] },
        ),
      ),
      reviewBoard: refArbitrary,
      riskManagement: opt({ url, reviewedAt: date }),
      roles: fc.uniqueArray(enumOf(AI_ACT_ROLES), { minLength: 1 }),
      annexIII: fc
        .tuple(
          fc.integer({ min: 1, max: 8 }),
          fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: '' }),
        )
        .map(([point, sub]) => (sub ? `${point}(${sub})` : `${point}`)),
      annexI: fc.boolean(),
      publicService: fc.boolean(),
      transparency: opt({
        interaction: opt({ notice: words }),
        syntheticContent: opt({ marking: words }),
        deepFake: opt({ disclosure: words }),
      }),
      conformityAssessment: opt({
        procedure: enumOf(CONFORMITY_PROCEDURES),
        date,
        declarationUrl: url,
      }),
      euDatabaseId: words,
    }),
    deployment: opt({
      serving: enumOf(SERVING_MODES),
      strategy: enumOf(DEPLOYMENT_STRATEGIES),
      autoscaling: fc
        .tuple(fc.nat(50), fc.nat(50), words)
        .map(([min, extra, metric]) => ({
          minReplicas: min,
          maxReplicas: Math.max(1, min + extra),
          metric,
        })),
      latencySloMs: nonNegative,
      coldStartSloMs: nonNegative,
      maxErrorRate: fc.double({ min: 0, max: 1, noNaN: true }),
      circuitBreaker: fc.boolean(),
      isolated: fc.boolean(),
      challenger: refArbitrary,
    }),
    monitoring: opt({
      drift: opt({
        test: enumOf(DRIFT_TESTS),
        features: fc.boolean(),
        output: fc.boolean(),
        maxStatistic: nonNegative,
        minPValue: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      featureLogging: fc.boolean(),
      alerts: fc.array(words),
      dashboard: url,
      retraining: opt({
        triggers: fc.array(enumOf(RETRAINING_TRIGGERS)),
        cadence: duration,
      }),
    }),
    cost: opt({
      costCenter: words,
      monthlyBudget: nonNegative,
      currency: fc.constantFrom('USD', 'EUR', 'GBP'),
      tags: fc.dictionary(nameArbitrary, fc.string()),
      targetCostPer1kInferences: nonNegative,
    }),
    retention: opt({ decisionLogs: duration, evaluationEvidence: duration }),
  },
  { requiredKeys: ['owner', 'lifecycle'] },
);

export const datasetSpecArbitrary = fc.record(
  {
    type: enumOf(DATASET_TYPES),
    lifecycle: enumOf(MODELOPS_LIFECYCLES),
    owner: refArbitrary,
    steward: refArbitrary,
    system: refArbitrary,
    source: words,
    producedBy: refArbitrary,
    derivedFrom: fc.array(refArbitrary),
    schema: opt({
      url,
      format: fc.constantFrom('avro', 'parquet'),
      validated: fc.boolean(),
    }),
    classification: enumOf(DATA_CLASSIFICATIONS),
    containsPII: fc.boolean(),
    piiCategories: fc.array(words),
    regulations: fc.array(enumOf(DATA_REGULATIONS)),
    lawfulBasis: enumOf(LAWFUL_BASES),
    retention: opt({ period: duration, policyUrl: url, archival: fc.string() }),
    quality: opt({
      checks: fc.array(enumOf(DATA_QUALITY_CHECKS)),
      tool: words,
      freshnessSlo: duration,
    }),
    drift: opt({ monitored: fc.boolean(), test: enumOf(DRIFT_TESTS) }),
    labeling: opt({
      protocolUrl: url,
      agreement: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    access: fc.array(refArbitrary),
    anonymized: fc.boolean(),
    datasheet: opt({
      motivation: fc.string(),
      composition: fc.string(),
      collection: fc.string(),
      preprocessing: fc.string(),
      uses: fc.string(),
      distribution: fc.string(),
      maintenance: fc.string(),
    }),
  },
  { requiredKeys: ['owner', 'lifecycle'] },
);
