/*
 * Database faults: the migrations go up, down and up again on SQLite and
 * PostgreSQL; a write that fails in the middle of a batch leaves nothing of
 * the batch behind; and eight concurrent writers on one SQLite file, through
 * the plugin's knex client as the backend runs them, lose no write and never
 * surface "database is locked".
 *
 * Separate knex clients on one file in one process are not a supported
 * shape: better-sqlite3 waits for a busy lock synchronously, blocking the
 * event loop that would release it. Replicas use PostgreSQL instead.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseCostStore } from '../cost/DatabaseCostStore';
import { DatabaseEvidenceStore } from '../evidence/DatabaseEvidenceStore';
import { DatabaseReviewStore } from '../reviews/DatabaseReviewStore';
import { migrateDatabase, rollbackDatabase } from '../service/migrateDatabase';

jest.setTimeout(120_000);

async function modelopsTables(knex: Knex): Promise<string[]> {
  const client = String(knex.client.config.client);
  const names: string[] = /pg|postgres/.test(client)
    ? (
        await knex('pg_tables')
          .where({ schemaname: 'public' })
          .select('tablename')
      ).map((r: any) => r.tablename)
    : (await knex('sqlite_master').where({ type: 'table' }).select('name')).map(
        (r: any) => r.name,
      );
  return names.filter(n => n.startsWith('modelops_')).sort();
}

async function count(knex: Knex, table: string): Promise<number> {
  const [{ n }] = await knex(table).count({ n: '*' });
  return Number(n);
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'database faults, %p',
  databaseId => {
    it('migrates up, down and up again', async () => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const tables = await modelopsTables(knex);
      expect(tables.length).toBeGreaterThanOrEqual(15);
      await rollbackDatabase(knex);
      expect(await modelopsTables(knex)).toEqual([]);
      await migrateDatabase(knex);
      expect(await modelopsTables(knex)).toEqual(tables);
    });

    it('keeps no part of a cost batch whose last chunk fails', async () => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const store = DatabaseCostStore.create({ database: knex });
      // More rows than one insert chunk, so the first chunk is written before
      // the failing row of the second reaches the database.
      const records = Array.from({ length: 620 }, (_, i) => ({
        source: 'fault',
        entityRef: `mlmodel:default/model-${i}`,
        day: '2026-10-01',
        category: 'inference' as const,
        amountMicros: 1_000_000n,
        currency: 'USD',
      }));
      (records[619] as any).category = null;
      await expect(store.upsertRecords(records)).rejects.toThrow();
      expect(await count(knex, 'modelops_cost_records')).toBe(0);
    });

    it('keeps no decision of a bulk attestation that fails on its last item', async () => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const store = DatabaseReviewStore.create({ database: knex });
      const now = new Date();
      const { cycle } = await store.openCycle(
        {
          cadence: 'quarterly',
          kind: 'MLModel',
          lifecycles: ['production'],
          period: {
            label: '2026-10-01',
            start: new Date(now.getTime() - 86_400_000).toISOString(),
            end: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
            dueAt: new Date(now.getTime() + 20 * 86_400_000).toISOString(),
          },
        },
        ['a', 'b'].map(name => ({
          entityRef: `mlmodel:default/${name}`,
          entityKind: 'MLModel',
          ownerRef: 'group:default/ml',
        })),
        now,
      );
      const items = await store.listItems({ cycleIds: [cycle.id] }, now);
      await expect(
        store.recordDecisions(
          [
            ...items.map(item => ({
              itemId: item.id,
              action: 'keep' as const,
              actor: 'user:default/alice',
              authority: 'member' as const,
            })),
            {
              itemId: '999999',
              action: 'keep' as const,
              actor: 'user:default/alice',
              authority: 'member' as const,
            },
          ],
          now,
        ),
      ).rejects.toThrow('Review item 999999 not found');
      expect(await count(knex, 'modelops_review_decisions')).toBe(0);
      const after = await store.listItems({ cycleIds: [cycle.id] }, now);
      expect(after.map(i => i.state)).toEqual(['pending', 'pending']);
    });
  },
);

describe('eight writers on one SQLite file', () => {
  let dir: string;
  const clients: Knex[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'modelops-sqlite-'));
  });
  afterAll(async () => {
    await Promise.all(clients.map(c => c.destroy()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no write and surfaces no lock error', async () => {
    const filename = join(dir, 'modelops.sqlite');
    const open = () => {
      const client = knexFactory({
        client: 'better-sqlite3',
        connection: { filename },
        useNullAsDefault: true,
      });
      clients.push(client);
      return client;
    };
    const knex = open();
    await migrateDatabase(knex);
    const WRITERS = 8;
    const PER_WRITER = 40;
    const errors: string[] = [];
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const store = DatabaseEvidenceStore.create({ knex });
        for (let i = 0; i < PER_WRITER; i++) {
          try {
            await store.addEvaluation({
              idempotencyKey: `writer-${w}-${i}`,
              modelRef: 'mlmodel:default/churn',
              modelVersion: `${w}`,
              evaluatedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
              metrics: [
                { name: 'auc', value: 0.9 },
                { name: 'f1', value: 0.8 },
              ],
            } as any);
          } catch (error) {
            errors.push(String(error));
          }
        }
      }),
    );
    expect(errors).toEqual([]);
    const reader = clients[0];
    expect(await count(reader, 'modelops_evaluations')).toBe(
      WRITERS * PER_WRITER,
    );
    expect(await count(reader, 'modelops_evaluation_metrics')).toBe(
      WRITERS * PER_WRITER * 2,
    );
  });
});
