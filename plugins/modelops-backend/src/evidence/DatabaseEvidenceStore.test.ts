import { TestDatabases } from '@backstage/backend-test-utils';
import {
  evaluationReportInputSchema,
  monitoringSnapshotInputSchema,
  type EvaluationReportInput,
  type MonitoringSnapshotInput,
} from '@modelops/plugin-modelops-common';
import { rollbackDatabase } from '../service/migrateDatabase';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseEvidenceStore } from './DatabaseEvidenceStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function evaluation(overrides: Partial<EvaluationReportInput> = {}) {
  return evaluationReportInputSchema.parse({
    modelRef: 'mlmodel:default/churn',
    modelVersion: '3',
    datasetRef: 'dataset:default/churn-holdout',
    evaluatedAt: '2026-11-01T10:00:00Z',
    source: 'ci',
    metrics: [
      { name: 'auc', value: 0.91 },
      { name: 'recall', value: 0.7, slice: { attribute: 'age', group: '65+' } },
    ],
    ...overrides,
  });
}

function snapshot(overrides: Partial<MonitoringSnapshotInput> = {}) {
  return monitoringSnapshotInputSchema.parse({
    modelRef: 'mlmodel:default/churn',
    modelVersion: '3',
    windowStart: '2026-11-01T00:00:00Z',
    windowEnd: '2026-11-02T00:00:00Z',
    drift: [
      { feature: 'tenure', test: 'ks', statistic: 0.12, pValue: 0.03 },
      { feature: '__output__', test: 'psi', statistic: 0.08 },
    ],
    latencyP95Ms: 41.5,
    errorRate: 0.002,
    traffic: 120000,
    ...overrides,
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseEvidenceStore on %p',
  id => {
    async function createStore() {
      const knex = await initTestDatabase(databases, id);
      let tick = 0;
      const store = DatabaseEvidenceStore.create({
        knex,
        now: () => new Date(Date.UTC(2026, 10, 27, 0, 0, tick++)),
      });
      return { knex, store };
    }

    it('stores an evaluation with its sliced metrics and reads it back', async () => {
      const { store } = await createStore();
      const stored = await store.addEvaluation(evaluation());
      expect(stored.created).toBe(true);
      expect(stored.record).toEqual({
        id: expect.any(String),
        modelRef: 'mlmodel:default/churn',
        modelVersion: '3',
        datasetRef: 'dataset:default/churn-holdout',
        evaluatedAt: '2026-11-01T10:00:00.000Z',
        source: 'ci',
        metrics: [
          { name: 'auc', value: 0.91 },
          {
            name: 'recall',
            value: 0.7,
            slice: { attribute: 'age', group: '65+' },
          },
        ],
        createdAt: '2026-11-27T00:00:00.000Z',
      });
      expect(
        await store.listEvaluations({
          modelRef: 'mlmodel:default/churn',
          limit: 10,
        }),
      ).toEqual([stored.record]);
    });

    it('lists evaluations newest first, by version and with a limit', async () => {
      const { store } = await createStore();
      await store.addEvaluation(
        evaluation({ evaluatedAt: '2026-11-01T00:00:00Z' }),
      );
      await store.addEvaluation(
        evaluation({ evaluatedAt: '2026-11-03T00:00:00Z', modelVersion: '4' }),
      );
      await store.addEvaluation(
        evaluation({ evaluatedAt: '2026-11-02T00:00:00Z' }),
      );
      await store.addEvaluation(
        evaluation({ modelRef: 'mlmodel:default/other' }),
      );

      const all = await store.listEvaluations({
        modelRef: 'mlmodel:default/churn',
        limit: 10,
      });
      expect(all.map(e => e.evaluatedAt)).toEqual([
        '2026-11-03T00:00:00.000Z',
        '2026-11-02T00:00:00.000Z',
        '2026-11-01T00:00:00.000Z',
      ]);
      const v3 = await store.listEvaluations({
        modelRef: 'mlmodel:default/churn',
        modelVersion: '3',
        limit: 1,
      });
      expect(v3.map(e => e.evaluatedAt)).toEqual(['2026-11-02T00:00:00.000Z']);
      expect(v3[0].metrics).toHaveLength(2);
    });

    it('is idempotent on the key and rejects a changed payload', async () => {
      const { knex, store } = await createStore();
      const first = await store.addEvaluation(
        evaluation({ idempotencyKey: 'run-1' }),
      );
      const again = await store.addEvaluation(
        evaluation({
          idempotencyKey: 'run-1',
          evaluatedAt: '2026-11-01T11:00:00+01:00',
        }),
      );
      expect(again).toEqual({ created: false, record: first.record });
      await expect(
        store.addEvaluation(
          evaluation({
            idempotencyKey: 'run-1',
            metrics: [{ name: 'auc', value: 0.5 }],
          }),
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      // The same key is free for another model.
      const other = await store.addEvaluation(
        evaluation({
          idempotencyKey: 'run-1',
          modelRef: 'mlmodel:default/other',
        }),
      );
      expect(other.created).toBe(true);
      const [{ n }] = await knex('modelops_evaluation_metrics').count({
        n: '*',
      });
      expect(Number(n)).toBe(4);
    });

    it('writes nothing when a child row fails', async () => {
      const { knex, store } = await createStore();
      const bad = evaluation();
      // Bypasses validation to make the second child row violate NOT NULL.
      (bad.metrics[1] as any).name = null;
      await expect(store.addEvaluation(bad)).rejects.toThrow();
      const [{ n }] = await knex('modelops_evaluations').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('stores snapshots, filters by since and replays by key', async () => {
      const { store } = await createStore();
      const first = await store.addMonitoringSnapshot(
        snapshot({ idempotencyKey: 'w1' }),
      );
      expect(first.record).toMatchObject({
        windowEnd: '2026-11-02T00:00:00.000Z',
        drift: [
          { feature: 'tenure', test: 'ks', statistic: 0.12, pValue: 0.03 },
          { feature: '__output__', test: 'psi', statistic: 0.08 },
        ],
        latencyP95Ms: 41.5,
        errorRate: 0.002,
        traffic: 120000,
      });
      await store.addMonitoringSnapshot(
        snapshot({
          windowStart: '2026-11-02T00:00:00Z',
          windowEnd: '2026-11-03T00:00:00Z',
          drift: [],
        }),
      );
      expect(
        (await store.addMonitoringSnapshot(snapshot({ idempotencyKey: 'w1' })))
          .created,
      ).toBe(false);

      const recent = await store.listMonitoringSnapshots({
        modelRef: 'mlmodel:default/churn',
        since: '2026-11-02T12:00:00.000Z',
        limit: 10,
      });
      expect(recent.map(s => s.windowEnd)).toEqual([
        '2026-11-03T00:00:00.000Z',
      ]);
      expect(recent[0].drift).toEqual([]);
      const all = await store.listMonitoringSnapshots({
        modelRef: 'mlmodel:default/churn',
        limit: 10,
      });
      expect(all).toHaveLength(2);
      expect(all[1]).toEqual(first.record);
    });

    it('lists reports with their metrics in one statement, outside any transaction', async () => {
      const { knex, store } = await createStore();
      for (const day of ['01', '02', '03']) {
        await store.addEvaluation(
          evaluation({ evaluatedAt: `2026-11-${day}T00:00:00Z` }),
        );
        await store.addMonitoringSnapshot(
          snapshot({ windowEnd: `2026-11-${day}T12:00:00Z` }),
        );
      }
      const statements: string[] = [];
      const onQuery = (query: { sql: string }) => statements.push(query.sql);
      knex.on('query', onQuery);
      try {
        // The limit counts reports, not report-metric rows of the join.
        const reports = await store.listEvaluations({
          modelRef: 'mlmodel:default/churn',
          limit: 2,
        });
        expect(reports.map(r => r.evaluatedAt)).toEqual([
          '2026-11-03T00:00:00.000Z',
          '2026-11-02T00:00:00.000Z',
        ]);
        expect(reports.map(r => r.metrics.map(m => m.name))).toEqual([
          ['auc', 'recall'],
          ['auc', 'recall'],
        ]);
        const snapshots = await store.listMonitoringSnapshots({
          modelRef: 'mlmodel:default/churn',
          limit: 2,
        });
        expect(snapshots.map(r => r.drift.length)).toEqual([2, 2]);
        // knex reports BEGIN and COMMIT as statements too: two statements
        // in all means no transaction was opened.
        expect(statements).toHaveLength(2);
        expect(statements.join(' ')).not.toMatch(/\bbegin\b/i);
      } finally {
        knex.removeListener('query', onQuery);
      }
    });

    it('reads the latest evidence of many models in bulk', async () => {
      const { store } = await createStore();
      await store.addEvaluation(
        evaluation({ evaluatedAt: '2026-11-01T00:00:00Z' }),
      );
      const newest = await store.addEvaluation(
        evaluation({ evaluatedAt: '2026-11-05T00:00:00Z', modelVersion: '4' }),
      );
      const other = await store.addEvaluation(
        evaluation({
          modelRef: 'mlmodel:default/other',
          metrics: [{ name: 'rmse', value: 3 }],
        }),
      );
      await store.addMonitoringSnapshot(snapshot());
      const latestSnapshot = await store.addMonitoringSnapshot(
        snapshot({
          windowEnd: '2026-11-04T00:00:00Z',
          drift: [],
          coldStartP95Ms: 850,
        }),
      );
      expect(latestSnapshot.record.coldStartP95Ms).toBe(850);

      const evaluations = await store.latestEvaluationsByModel([
        'mlmodel:default/churn',
        'mlmodel:default/other',
        'mlmodel:default/none',
      ]);
      expect([...evaluations.keys()].sort()).toEqual([
        'mlmodel:default/churn',
        'mlmodel:default/other',
      ]);
      expect(evaluations.get('mlmodel:default/churn')).toEqual(newest.record);
      expect(evaluations.get('mlmodel:default/other')).toEqual(other.record);

      const snapshots = await store.latestSnapshotsByModel([
        'mlmodel:default/churn',
        'mlmodel:default/other',
      ]);
      expect([...snapshots.entries()]).toEqual([
        ['mlmodel:default/churn', latestSnapshot.record],
      ]);
      expect((await store.latestEvaluationsByModel([])).size).toBe(0);

      // The newest report of the version in service, not of any version.
      const ofVersion = await store.latestEvaluationsOfVersions([
        { modelRef: 'mlmodel:default/churn', modelVersion: '3' },
        { modelRef: 'mlmodel:default/other', modelVersion: '9' },
      ]);
      expect([...ofVersion.keys()]).toEqual(['mlmodel:default/churn']);
      expect(ofVersion.get('mlmodel:default/churn')?.modelVersion).toBe('3');
      expect(ofVersion.get('mlmodel:default/churn')?.evaluatedAt).toBe(
        '2026-11-01T00:00:00.000Z',
      );
      const snapshotsOfVersion = await store.latestSnapshotsOfVersions([
        { modelRef: 'mlmodel:default/churn', modelVersion: '3' },
        { modelRef: 'mlmodel:default/other', modelVersion: '3' },
      ]);
      expect([...snapshotsOfVersion.entries()]).toEqual([
        ['mlmodel:default/churn', latestSnapshot.record],
      ]);
    });

    it('reports the models with evaluation reports recorded strictly after a time, each once', async () => {
      const { store } = await createStore();
      // The clock advances one second per write.
      await store.addEvaluation(
        evaluation({
          modelRef: 'mlmodel:default/stale',
          idempotencyKey: 'run-1',
        }),
      );
      const atSince = await store.addEvaluation(
        evaluation({ modelRef: 'mlmodel:default/boundary' }),
      );
      const since = atSince.record.createdAt;

      // A replayed report writes nothing, so it does not count as a change.
      const replay = await store.addEvaluation(
        evaluation({
          modelRef: 'mlmodel:default/stale',
          idempotencyKey: 'run-1',
        }),
      );
      expect(replay.created).toBe(false);
      await store.addEvaluation(
        evaluation({ evaluatedAt: '2026-11-01T00:00:00Z' }),
      );
      await store.addEvaluation(
        evaluation({ evaluatedAt: '2026-11-02T00:00:00Z', modelVersion: '4' }),
      );
      await store.addEvaluation(
        evaluation({ modelRef: 'mlmodel:default/other' }),
      );
      // Monitoring snapshots are not evaluation reports.
      await store.addMonitoringSnapshot(
        snapshot({ modelRef: 'mlmodel:default/monitored' }),
      );

      expect((await store.entityRefsChangedSince(since)).sort()).toEqual([
        'mlmodel:default/churn',
        'mlmodel:default/other',
      ]);
      expect(
        (await store.entityRefsChangedSince('2026-11-26T00:00:00.000Z')).sort(),
      ).toEqual([
        'mlmodel:default/boundary',
        'mlmodel:default/churn',
        'mlmodel:default/other',
        'mlmodel:default/stale',
      ]);
      expect(
        await store.entityRefsChangedSince('2026-11-28T00:00:00.000Z'),
      ).toEqual([]);
    });

    it('migrates down cleanly', async () => {
      const { knex } = await createStore();
      await rollbackDatabase(knex);
      expect(await knex.schema.hasTable('modelops_evaluations')).toBe(false);
      expect(await knex.schema.hasTable('modelops_monitoring_drift')).toBe(
        false,
      );
    });
  },
);
