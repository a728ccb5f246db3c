import type { Entity } from '@backstage/catalog-model';
import type { EvaluationReport } from '@modelops/plugin-modelops-common';
import { fairnessMetCheck } from '../packs/responsibleAiPack';
import { metricsMetCheck } from '../packs/productionReadinessPack';
import {
  EvidenceFactProvider,
  fairnessWithinThreshold,
  judgeFairness,
  judgeMetrics,
} from './EvidenceFactProvider';
import { durationDays, RecordsFactProvider } from './RecordsFactProvider';

const report = (metrics: EvaluationReport['metrics']): EvaluationReport => ({
  id: '1',
  modelRef: 'mlmodel:default/m',
  modelVersion: '3',
  evaluatedAt: '2026-11-10T00:00:00.000Z',
  metrics,
  createdAt: '2026-11-10T00:00:00.000Z',
});
const model: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'm', namespace: 'default' },
  spec: {
    owner: 'group:default/ml',
    lifecycle: 'production',
    retention: { decisionLogs: 'P6M' },
    version: '3',
    metrics: [{ name: 'auc', threshold: 0.8, direction: 'higher-is-better' }],
    risk: { fairness: [{ metric: 'dpd', threshold: 0.1 }] },
  },
};

describe('fact providers', () => {
  it('turns ISO 8601 durations into days', () => {
    expect(durationDays('P7Y')).toBe(2557);
    expect(durationDays('P6M')).toBe(183);
    expect(durationDays('P1Y2M3W4D')).toBe(365 + 61 + 21 + 4);
    expect(durationDays('seven years')).toBeUndefined();
    expect(durationDays('P')).toBeUndefined();
    expect(durationDays(undefined)).toBeUndefined();
  });

  it('reports retention in days', async () => {
    const facts = await RecordsFactProvider.create().getFacts([model], {
      now: new Date('2026-12-02T09:00:00Z'),
    });
    expect(facts.get('mlmodel:default/m')).toEqual({
      decisionLogDays: 183,
      evaluationEvidenceDays: undefined,
      riskManagementReviewAgeDays: undefined,
    });
  });

  it('reports the age of the risk management review in days', async () => {
    const reviewed = {
      ...model,
      spec: {
        ...model.spec,
        risk: { riskManagement: { reviewedAt: '2026-06-01' } },
      },
    };
    const facts = await RecordsFactProvider.create().getFacts([reviewed], {
      now: new Date('2026-12-02T09:00:00Z'),
    });
    expect(facts.get('mlmodel:default/m')).toMatchObject({
      riskManagementReviewAgeDays: 184,
    });
  });

  it('judges fairness on every reported group of every declared metric', () => {
    const declared = [{ metric: 'dpd', threshold: 0.1 }];
    expect(
      fairnessWithinThreshold(
        declared,
        report([
          {
            name: 'dpd',
            value: -0.05,
            slice: { attribute: 'age', group: '65+' },
          },
        ]),
      ),
    ).toBe(true);
    expect(
      fairnessWithinThreshold(
        declared,
        report([
          { name: 'dpd', value: 0.02 },
          { name: 'dpd', value: 0.2, slice: { attribute: 'sex', group: 'f' } },
        ]),
      ),
    ).toBe(false);
    expect(
      fairnessWithinThreshold(declared, report([{ name: 'auc', value: 0.9 }])),
    ).toBe(false);
    expect(fairnessWithinThreshold(undefined, report([]))).toBeUndefined();
  });

  it('judges ratio metrics from below and differences in absolute value, naming each value', () => {
    const ratio = report([
      {
        name: 'disparate-impact-ratio',
        value: 0.72,
        slice: { attribute: 'sex', group: 'f' },
      },
      {
        name: 'disparate-impact-ratio',
        value: 0.91,
        slice: { attribute: 'age', group: '65+' },
      },
    ]);
    // |0.72| <= 0.8 would pass a ratio that fails the four-fifths rule.
    expect(
      judgeFairness(
        { fairness: [{ metric: 'disparate-impact-ratio', threshold: 0.8 }] },
        ratio,
      ),
    ).toEqual({
      met: false,
      failures: ['disparate-impact-ratio for sex f 0.72, target at least 0.8'],
      evidence: [],
      nonStandard: [],
    });
    expect(
      judgeFairness(
        {
          fairness: [{ metric: 'disparate-impact-ratio', min: 0.7, max: 1.25 }],
          protectedAttributes: ['sex', 'age', 'ethnicity'],
        },
        ratio,
      ),
    ).toEqual({
      met: false,
      failures: ['no results by group for protected attribute ethnicity'],
      evidence: [
        'disparate-impact-ratio 0.72, 0.91, target between 0.7 and 1.25',
      ],
      nonStandard: [],
    });
    // An alias reported by a tool counts for the declared name; free names
    // are judged in absolute value and listed as non-standard.
    expect(
      judgeFairness(
        {
          fairness: [
            { metric: 'statistical-parity-difference', threshold: 0.1 },
            { metric: 'my-gap', threshold: 0.05 },
          ],
        },
        report([
          { name: 'demographic-parity-difference', value: -0.066 },
          { name: 'my-gap', value: -0.07 },
        ]),
      ),
    ).toEqual({
      met: false,
      failures: ['my-gap -0.07, target at most 0.05 in absolute value'],
      evidence: [
        'statistical-parity-difference -0.066, target at most 0.1 in absolute value',
      ],
      nonStandard: ['my-gap'],
    });
  });

  it('judges quality metrics overall in their direction, naming a missing one', () => {
    expect(
      judgeMetrics(
        [
          { name: 'auc', threshold: 0.8 },
          { name: 'brier-score', threshold: 0.1, direction: 'lower-is-better' },
          { name: 'recall', threshold: 0.5 },
        ],
        report([
          { name: 'auc', value: 0.83 },
          {
            name: 'auc',
            value: 0.6,
            slice: { attribute: 'age', group: '65+' },
          },
          { name: 'brier-score', value: 0.12 },
        ]),
      ),
    ).toEqual({
      met: false,
      failures: [
        'brier-score 0.12, target at most 0.1',
        'recall not reported (target at least 0.5)',
      ],
      evidence: [
        'auc 0.83, target at least 0.8',
        'brier-score 0.12, target at most 0.1',
      ],
    });
  });

  describe('evidence of the version in service', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const highRisk: Entity = {
      ...model,
      spec: {
        ...model.spec,
        risk: {
          tier: 'high',
          protectedAttributes: ['age'],
          fairness: [{ metric: 'equalized-odds-difference', threshold: 0.1 }],
        },
      },
    };
    async function judge(
      entity: Entity,
      reports: { latest?: EvaluationReport; ofVersion?: EvaluationReport },
    ) {
      const ref = 'mlmodel:default/m';
      const provider = EvidenceFactProvider.create({
        maxAgeDays: 90,
        store: {
          latestEvaluationsByModel: async () =>
            new Map(reports.latest ? [[ref, reports.latest]] : []),
          latestEvaluationsOfVersions: async versions => {
            expect(versions).toEqual([{ modelRef: ref, modelVersion: '3' }]);
            return new Map(reports.ofVersion ? [[ref, reports.ofVersion]] : []);
          },
          entityRefsChangedSince: jest.fn(),
        },
      });
      const evaluation = (await provider.getFacts([entity], { now })).get(ref);
      const input = { entity, facts: { entity, evaluation }, now };
      return {
        metrics: metricsMetCheck.evaluate(input),
        fairness: fairnessMetCheck.evaluate(input),
      };
    }
    const good = report([
      { name: 'auc', value: 0.85 },
      {
        name: 'equalized-odds-difference',
        value: 0.066,
        slice: { attribute: 'age', group: '65+' },
      },
    ]);

    it('passes on the current version and says what it read', async () => {
      expect(await judge(highRisk, { latest: good, ofVersion: good })).toEqual({
        metrics: {
          passed: true,
          message:
            'latest evaluation of 3 on 2026-11-10: auc 0.85, target at least 0.8',
        },
        fairness: {
          passed: true,
          message:
            'latest evaluation of 3 on 2026-11-10: equalized-odds-difference 0.066, target at most 0.1 in absolute value',
        },
      });
    });

    it('fails when only another version was evaluated', async () => {
      const other = { ...good, modelVersion: '2' };
      const { metrics } = await judge(highRisk, { latest: other });
      expect(metrics).toEqual({
        passed: false,
        message:
          'expected an evaluation report of version 3; found none (the newest is of version 2, 2026-11-10)',
      });
    });

    it('fails on a stale report, with its age and the limit', async () => {
      const old = { ...good, evaluatedAt: '2026-06-01T00:00:00.000Z' };
      const { fairness } = await judge(highRisk, {
        latest: old,
        ofVersion: old,
      });
      expect(fairness).toEqual({
        passed: false,
        message:
          'the latest evaluation of 3 on 2026-06-01 is 172 days old; evidence older than 90 days does not count',
      });
    });

    it('fails a model that names no version in service', async () => {
      const { spec } = highRisk;
      const unversioned = {
        ...highRisk,
        spec: { ...spec, version: undefined },
      };
      const provider = EvidenceFactProvider.create({
        store: {
          latestEvaluationsByModel: async () => new Map(),
          latestEvaluationsOfVersions: jest.fn(),
          entityRefsChangedSince: jest.fn(),
        },
      });
      const facts = await provider.getFacts([unversioned], { now });
      expect(
        metricsMetCheck.evaluate({
          entity: unversioned,
          facts: {
            entity: unversioned,
            evaluation: facts.get('mlmodel:default/m'),
          },
          now,
        }).message,
      ).toMatch(/^expected spec.version to name the version in service/);
    });
  });
});
