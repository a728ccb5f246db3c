import type { Entity } from '@backstage/catalog-model';
import {
  checkApplies,
  type MonitoringSnapshot,
} from '@modelops/plugin-modelops-common';
import { monitoringChecks } from '../packs/productionReadinessPack';
import { MonitoringFactProvider } from './MonitoringFactProvider';

const now = new Date('2026-11-20T00:00:00Z');
const ref = 'mlmodel:default/scorer';
const model = (spec: object): Entity => ({
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'scorer', namespace: 'default' },
  spec: {
    owner: 'group:default/ml',
    lifecycle: 'production',
    version: '2.0.0',
    deployment: { latencySloMs: 200, maxErrorRate: 0.01 },
    monitoring: { drift: { test: 'ks', maxStatistic: 0.1, minPValue: 0.01 } },
    ...spec,
  },
});
const snapshot = (s: Partial<MonitoringSnapshot> = {}): MonitoringSnapshot => ({
  id: '1',
  modelRef: ref,
  modelVersion: '2.0.0',
  windowStart: '2026-11-12T00:00:00.000Z',
  windowEnd: '2026-11-19T00:00:00.000Z',
  drift: [
    { feature: 'income', test: 'ks', statistic: 0.04, pValue: 0.3 },
    { feature: '__output__', test: 'ks', statistic: 0.06, pValue: 0.2 },
  ],
  latencyP95Ms: 180,
  errorRate: 0.004,
  createdAt: '2026-11-19T00:00:00.000Z',
  ...s,
});

/** Each applicable monitoring check's outcome, by check id. */
async function judge(entity: Entity, stored?: MonitoringSnapshot) {
  const provider = MonitoringFactProvider.create({
    store: {
      latestSnapshotsOfVersions: async versions => {
        expect(versions).toEqual([{ modelRef: ref, modelVersion: '2.0.0' }]);
        return new Map(stored ? [[ref, stored]] : []);
      },
    },
  });
  const monitoring = (await provider.getFacts([entity], { now })).get(ref);
  return Object.fromEntries(
    monitoringChecks
      .filter(c => checkApplies(c.appliesTo, entity))
      .map(c => [
        c.id.replace('production-readiness.', ''),
        c.evaluate({ entity, facts: { entity, monitoring }, now }),
      ]),
  );
}

describe('monitoring evidence in checks', () => {
  it('passes on a fresh snapshot of the version in service and says what it read', async () => {
    expect(await judge(model({}), snapshot())).toEqual({
      'drift-within-threshold': {
        passed: true,
        message:
          'latest monitoring snapshot of 2.0.0 (window ending 2026-11-19): 2 drift statistics, the largest __output__ ks 0.06',
      },
      'latency-within-slo': {
        passed: true,
        message:
          'latest monitoring snapshot of 2.0.0 (window ending 2026-11-19): p95 latency 180 ms, target at most 200 ms',
      },
      'error-rate-within-budget': {
        passed: true,
        message:
          'latest monitoring snapshot of 2.0.0 (window ending 2026-11-19): error rate 0.004, target at most 0.01',
      },
    });
  });

  it('flips to failing when the latest snapshot breaches, naming each value', async () => {
    const outcome = await judge(
      model({}),
      snapshot({
        drift: [
          { feature: 'income', test: 'ks', statistic: 0.18, pValue: 0.001 },
        ],
        latencyP95Ms: 260,
        errorRate: undefined,
      }),
    );
    expect(outcome['drift-within-threshold'].message).toBe(
      'latest monitoring snapshot of 2.0.0 (window ending 2026-11-19): income ks 0.18, target at most 0.1; income ks p-value 0.001, target at least 0.01',
    );
    expect(outcome['latency-within-slo']).toMatchObject({ passed: false });
    expect(outcome['error-rate-within-budget'].message).toBe(
      'latest monitoring snapshot of 2.0.0 (window ending 2026-11-19): error rate not reported (target at most 0.01)',
    );
  });

  it('fails on a stale snapshot, and on none of the version in service', async () => {
    const stale = await judge(
      model({}),
      snapshot({ windowEnd: '2026-10-01T00:00:00.000Z' }),
    );
    expect(stale['latency-within-slo']).toEqual({
      passed: false,
      message:
        'the latest monitoring snapshot of 2.0.0 (window ending 2026-10-01) is 50 days old; evidence older than 14 days does not count',
    });
    const none = await judge(model({}));
    expect(none['drift-within-threshold']).toEqual({
      passed: false,
      message: 'expected a monitoring snapshot of version 2.0.0; found none',
    });
  });

  it('judges cold starts of serverless models only, and drift only with a threshold', async () => {
    const serverless = model({
      deployment: { serving: 'serverless', coldStartSloMs: 900 },
      monitoring: { drift: { test: 'psi' } },
    });
    const outcome = await judge(serverless, snapshot({ coldStartP95Ms: 1400 }));
    expect(Object.keys(outcome).sort()).toEqual([
      'cold-start-within-slo',
      'drift-within-threshold',
    ]);
    expect(outcome['cold-start-within-slo'].message).toBe(
      'latest monitoring snapshot of 2.0.0 (window ending 2026-11-19): p95 cold start 1400 ms, target at most 900 ms',
    );
    expect(outcome['drift-within-threshold'].message).toBe(
      'expected spec.monitoring.drift.maxStatistic or minPValue; found neither, so drift has no threshold',
    );
  });
});
