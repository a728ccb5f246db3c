import { Entity } from '@backstage/catalog-model';
import {
  DatasetEntity,
  EvaluationReport,
  MLModelEntity,
  ModelOpsEvidenceApi,
  MonitoringSnapshot,
} from '@modelops/plugin-modelops-common';

/** A production model with every field the pages read. */
export const fullModel: MLModelEntity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name: 'credit-risk-scorer',
    namespace: 'default',
    title: 'Credit risk scorer',
    description: 'Scores the probability of default.',
    links: [
      {
        url: 'https://runbooks.example.com/crs',
        title: 'Incident runbook',
        type: 'runbook',
      },
      {
        url: 'https://grafana.example.com/d/crs',
        title: 'Serving dashboard',
        type: 'dashboard',
      },
      {
        url: 'https://pagerduty.example.com/risk-ml',
        title: 'Risk ML on-call',
        type: 'on-call',
      },
    ],
  },
  spec: {
    type: 'classification',
    lifecycle: 'production',
    owner: 'group:default/risk-ml',
    system: 'lending-platform',
    framework: 'xgboost',
    format: 'onnx',
    version: '4.2.0',
    trainedOn: ['dataset:default/loan-applications-2024'],
    evaluatedOn: ['loan-applications-holdout'],
    intendedUse: {
      primaryUses: ['Pre-screen consumer loan applications'],
      primaryUsers: ['Credit underwriters'],
      outOfScope: ['Employment decisions'],
    },
    limitations: 'Under-represents applicants with **thin credit files**.',
    fallback: 'Route to manual underwriting.',
    metrics: [
      { name: 'auc', threshold: 0.78, direction: 'higher-is-better' },
      { name: 'latency-p95-ms', threshold: 120, direction: 'lower-is-better' },
    ],
    risk: {
      tier: 'high',
      protectedAttributes: ['age', 'sex'],
      humanOversight: { mode: 'human-in-the-loop', optOut: true },
      fairness: [{ metric: 'selection-rate', threshold: 0.1 }],
    },
    deployment: {
      serving: 'kubernetes',
      latencySloMs: 150,
      coldStartSloMs: 800,
      circuitBreaker: true,
    },
    monitoring: {
      drift: { test: 'ks', features: true, output: true },
      alerts: ['auc-below-threshold'],
      retraining: { triggers: ['drift'], cadence: 'P90D' },
    },
  },
} as unknown as MLModelEntity;

/** A model with only the required fields. */
export const minimalModel: MLModelEntity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'bare-model', namespace: 'default' },
  spec: { owner: 'group:default/risk-ml', lifecycle: 'production' },
} as unknown as MLModelEntity;

function evaluation(
  version: string,
  evaluatedAt: string,
  auc: number,
  extra: EvaluationReport['metrics'] = [],
): EvaluationReport {
  return {
    id: `eval-${version}-${evaluatedAt}`,
    modelRef: 'mlmodel:default/credit-risk-scorer',
    modelVersion: version,
    datasetRef: 'dataset:default/loan-applications-holdout',
    evaluatedAt,
    createdAt: evaluatedAt,
    metrics: [{ name: 'auc', value: auc }, ...extra],
  };
}

export const evaluations: EvaluationReport[] = [
  evaluation('4.0.0', '2026-01-10T00:00:00.000Z', 0.76),
  evaluation('4.1.0', '2026-02-10T00:00:00.000Z', 0.79),
  evaluation('4.2.0', '2026-03-10T00:00:00.000Z', 0.81, [
    {
      name: 'selection-rate',
      value: 0.31,
      slice: { attribute: 'sex', group: 'female' },
    },
    {
      name: 'selection-rate',
      value: 0.35,
      slice: { attribute: 'sex', group: 'male' },
    },
  ]),
];

export const snapshots: MonitoringSnapshot[] = [1, 2, 3].map(day => ({
  id: `snap-${day}`,
  modelRef: 'mlmodel:default/credit-risk-scorer',
  modelVersion: '4.2.0',
  windowStart: `2026-03-0${day}T00:00:00.000Z`,
  windowEnd: `2026-03-0${day + 1}T00:00:00.000Z`,
  drift: [
    { feature: 'income', test: 'ks', statistic: 0.05 * day },
    { feature: 'age', test: 'ks', statistic: 0.02 * day },
  ],
  latencyP95Ms: 110,
  createdAt: `2026-03-0${day + 1}T00:00:00.000Z`,
}));

/** An evidence API answering with fixed evidence. */
export function fakeModelOpsApi(
  evidence: {
    evaluations?: EvaluationReport[];
    snapshots?: MonitoringSnapshot[];
  } = {},
): jest.Mocked<ModelOpsEvidenceApi> {
  return {
    postEvaluation: jest.fn(),
    postMonitoringSnapshot: jest.fn(),
    getEvaluations: jest.fn().mockResolvedValue(evidence.evaluations ?? []),
    getMonitoringSnapshots: jest
      .fn()
      .mockResolvedValue(evidence.snapshots ?? []),
  };
}

/** A dataset with every datasheet section and lineage relations. */
export const fullDataset: DatasetEntity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'loan-applications-2024', namespace: 'default' },
  spec: {
    type: 'tabular',
    lifecycle: 'production',
    owner: 'group:default/data-platform',
    steward: 'user:default/samir.haddad',
    source: 'warehouse.lending.applications',
    producedBy: 'component:default/loan-etl',
    derivedFrom: ['loan-applications-raw'],
    classification: 'confidential',
    containsPII: true,
    piiCategories: ['name', 'income'],
    regulations: ['gdpr'],
    lawfulBasis: 'contract',
    retention: { period: 'P7Y' },
    datasheet: {
      motivation: 'Built to train **credit risk** models.',
      composition: 'One row per application.',
      collection: 'Exported nightly.',
      preprocessing: 'Deduplicated.',
      uses: 'Credit risk modelling only.',
      distribution: 'Internal only.',
      maintenance: 'Refreshed nightly.',
    },
  },
  relations: [
    {
      type: 'trainingDataFor',
      targetRef: 'mlmodel:default/credit-risk-scorer',
    },
    { type: 'evaluationDataFor', targetRef: 'mlmodel:default/churn-predictor' },
    {
      type: 'hasDerivative',
      targetRef: 'dataset:default/loan-applications-sample',
    },
  ],
} as unknown as DatasetEntity;

/** A dataset with only the required fields. */
export const minimalDataset: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'bare-dataset', namespace: 'default' },
  spec: {
    owner: 'group:default/data-platform',
    lifecycle: 'experimental',
    containsPII: true,
  },
};
