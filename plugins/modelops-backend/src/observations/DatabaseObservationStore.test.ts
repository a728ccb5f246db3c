import { TestDatabases } from '@backstage/backend-test-utils';
import type { SourceObjectReport } from '@modelops/plugin-modelops-common';
import { migrateDatabase, rollbackDatabase } from '../service/migrateDatabase';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseObservationStore } from './DatabaseObservationStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const churn = 'mlmodel:default/churn';
const fraud = 'mlmodel:default/fraud';

const served: SourceObjectReport = {
  sourceObject: 'prod/risk/churn',
  entityRef: churn,
  notes: [],
  serving: {
    cluster: 'prod',
    namespace: 'risk',
    name: 'churn',
    canaryTrafficPercent: 10,
    minReplicas: 1,
    maxReplicas: 4,
    ready: true,
  },
};
const unmapped: SourceObjectReport = {
  sourceObject: 'prod/risk/orphan',
  notes: [
    {
      field: 'metadata.annotations.modelops.dev/model',
      reason: 'no MLModel named; annotate the InferenceService',
    },
  ],
  serving: { cluster: 'prod', namespace: 'risk', name: 'orphan' },
};

describe.each(databases.eachSupportedId())(
  'DatabaseObservationStore on %p',
  id => {
    async function createStore(times: string[]) {
      const knex = await initTestDatabase(databases, id);
      let call = 0;
      const store = DatabaseObservationStore.create({
        knex,
        now: () => new Date(times[Math.min(call++, times.length - 1)]),
      });
      return { knex, store };
    }

    it('replaces a source, keeps other sources and dates only changes', async () => {
      const { store } = await createStore([
        '2026-12-01T00:00:00.000Z',
        '2026-12-01T00:00:00.000Z',
        '2026-12-02T00:00:00.000Z',
      ]);
      await store.replaceSource('KServeEntityProvider', [served, unmapped]);
      await store.replaceSource('MlflowEntityProvider:prod', [
        {
          sourceObject: 'Churn',
          entityRef: churn,
          notes: [
            { field: 'tags.risk_tier', value: 'hgih', reason: 'not a tier' },
          ],
        },
      ]);
      // The second snapshot drops the orphan and changes nothing else.
      await store.replaceSource('KServeEntityProvider', [served]);

      const reports = await store.listForEntities([
        { entityRef: churn, sourceObjects: [] },
        { entityRef: fraud, sourceObjects: ['prod/risk/orphan'] },
      ]);
      expect(reports.get(churn)).toEqual([
        {
          ...served,
          source: 'KServeEntityProvider',
          observedAt: '2026-12-01T00:00:00.000Z',
        },
        {
          source: 'MlflowEntityProvider:prod',
          sourceObject: 'Churn',
          entityRef: churn,
          notes: [
            { field: 'tags.risk_tier', value: 'hgih', reason: 'not a tier' },
          ],
          observedAt: '2026-12-01T00:00:00.000Z',
        },
      ]);
      expect(reports.get(fraud)).toBeUndefined();
      expect(
        await store.entityRefsChangedSince('2026-11-30T00:00:00.000Z'),
      ).toEqual([churn]);
      expect(
        await store.entityRefsChangedSince('2026-12-01T00:00:00.000Z'),
      ).toEqual([]);
    });

    it('finds serving objects a model names and counts each report once', async () => {
      const { store } = await createStore(['2026-12-01T00:00:00.000Z']);
      await store.replaceSource('KServeEntityProvider', [served, unmapped]);
      const reports = await store.listForEntities([
        { entityRef: churn, sourceObjects: ['prod/risk/churn'] },
        { entityRef: fraud, sourceObjects: ['prod/risk/orphan'] },
      ]);
      expect(reports.get(churn)?.map(r => r.sourceObject)).toEqual([
        'prod/risk/churn',
      ]);
      expect(reports.get(fraud)?.map(r => r.sourceObject)).toEqual([
        'prod/risk/orphan',
      ]);
    });

    it('writes a large snapshot whole and an empty one clears the source', async () => {
      const { store } = await createStore(['2026-12-01T00:00:00.000Z']);
      const many = Array.from({ length: 2500 }, (_, i) => ({
        sourceObject: `m${i}`,
        entityRef: `mlmodel:default/m${i}`,
        notes: [{ field: 'tags.owner', reason: 'missing' }],
      }));
      await store.replaceSource('MlflowEntityProvider:big', many);
      const refs = many.map(m => ({
        entityRef: m.entityRef,
        sourceObjects: [],
      }));
      expect((await store.listForEntities(refs)).size).toBe(2500);
      await store.replaceSource('MlflowEntityProvider:big', []);
      expect((await store.listForEntities(refs)).size).toBe(0);
    });

    it('leaves the previous snapshot whole when a write fails', async () => {
      const { store } = await createStore(['2026-12-01T00:00:00.000Z']);
      await store.replaceSource('KServeEntityProvider', [served]);
      // The same object twice breaks the unique key midway through.
      await expect(
        store.replaceSource('KServeEntityProvider', [unmapped, unmapped]),
      ).rejects.toThrow();
      const reports = await store.listForEntities([
        { entityRef: churn, sourceObjects: [] },
      ]);
      expect(reports.get(churn)?.map(r => r.sourceObject)).toEqual([
        'prod/risk/churn',
      ]);
    });

    it('migrates down and up again', async () => {
      const { knex } = await createStore(['2026-12-01T00:00:00.000Z']);
      await rollbackDatabase(knex);
      expect(await knex.schema.hasTable('modelops_observations')).toBe(false);
      await migrateDatabase(knex);
      expect(await knex.schema.hasTable('modelops_observations')).toBe(true);
    });
  },
);
