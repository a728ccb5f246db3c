import type { Entity } from '@backstage/catalog-model';
import type { EvaluationReport } from '@modelops/plugin-modelops-common';
import {
  EvidenceFactProvider,
  fairnessWithinThreshold,
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

  it('reads the latest evaluation of a page of models in one call', async () => {
    const latest = jest.fn(
      async (refs: string[]) =>
        new Map([
          [
            refs[0],
            report([
              { name: 'auc', value: 0.85 },
              { name: 'dpd', value: 0.03 },
            ]),
          ],
        ]),
    );
    const provider = EvidenceFactProvider.create({
      store: {
        latestEvaluationsByModel: latest,
        entityRefsChangedSince: jest.fn(),
      },
    });
    const facts = await provider.getFacts(
      [model, { ...model, kind: 'Dataset' }],
      { now: new Date('2026-11-20T00:00:00Z') },
    );
    expect(latest).toHaveBeenCalledTimes(1);
    expect(latest).toHaveBeenCalledWith(['mlmodel:default/m']);
    expect(facts.get('mlmodel:default/m')).toEqual({
      modelVersion: '3',
      evaluatedAt: '2026-11-10T00:00:00.000Z',
      ageDays: 10,
      fairnessWithinThreshold: true,
      metricsWithinThreshold: true,
    });
  });
});
