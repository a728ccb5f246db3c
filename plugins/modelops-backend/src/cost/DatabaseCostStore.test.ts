import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseCostStore } from './DatabaseCostStore';
import type { StoredCostRecord } from './types';

jest.setTimeout(60_000);

const MODEL = 'mlmodel:default/churn-predictor';
const OTHER = 'mlmodel:default/fraud-detector';

// Amounts in tests are given in currency units, stored as micros.
function record(
  overrides: Partial<Omit<StoredCostRecord, 'amountMicros'>> & {
    amount?: number;
  } = {},
): StoredCostRecord {
  const { amount = 10, ...rest } = overrides;
  return {
    source: 'api',
    entityRef: MODEL,
    day: '2026-10-01',
    category: 'inference',
    amountMicros: BigInt(Math.round(amount * 1e6)),
    currency: 'USD',
    usageQuantity: 1000,
    usageUnit: 'inferences',
    ...rest,
  };
}

describe('DatabaseCostStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await initTestDatabase(databases, databaseId);
    return { knex, store: DatabaseCostStore.create({ database: knex }) };
  }

  it.each(databases.eachSupportedId())(
    'replaces a re-sent day instead of doubling it, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      await store.upsertRecords([record(), record({ category: 'storage' })]);
      await store.upsertRecords([record({ amount: 12 })]);

      const rows = await knex('modelops_cost_records').orderBy('category');
      expect(rows).toHaveLength(2);
      expect(
        rows.map(r => [r.category, Number(r.amount_micros) / 1e6]),
      ).toEqual([
        ['inference', 12],
        ['storage', 10],
      ]);
      expect(rows[0].model_version).toBe('');
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps versions and sources apart, collapses repeats within a call, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const written = await store.upsertRecords([
        record(),
        record({ modelVersion: '2.0.0' }),
        record({ source: 'opencost' }),
        record({ amount: 99 }),
        record({ entityRef: 'MLModel:default/Churn-Predictor', amount: 7 }),
      ]);
      expect(written).toBe(3);
      const rows = await knex('modelops_cost_records').orderBy([
        'source',
        'model_version',
      ]);
      expect(
        rows.map(r => [
          r.source,
          r.model_version,
          Number(r.amount_micros) / 1e6,
        ]),
      ).toEqual([
        ['api', '', 7],
        ['api', '2.0.0', 10],
        ['opencost', '', 10],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes large batches in chunks within one transaction, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const records: StoredCostRecord[] = [];
      for (let i = 0; i < 1200; i++) {
        records.push(record({ entityRef: `mlmodel:default/m-${i}` }));
      }
      expect(await store.upsertRecords(records)).toBe(1200);
      const [{ count }] = await knex('modelops_cost_records').count({
        count: '*',
      });
      expect(Number(count)).toBe(1200);

      // A failing chunk rolls back the chunks written before it.
      const broken = records.map(r => ({ ...r, source: 'retry' }));
      (broken[900] as any).amountMicros = null;
      await expect(store.upsertRecords(broken)).rejects.toThrow();
      const [{ count: after }] = await knex('modelops_cost_records')
        .where('source', 'retry')
        .count({ count: '*' });
      expect(Number(after)).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'groups spend by month and category and reports activity, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.upsertRecords([
        record({ day: '2026-09-30', amount: 5, usageQuantity: 500 }),
        record({ day: '2026-10-01', amount: 10, usageQuantity: 1000 }),
        record({ day: '2026-10-02', amount: 20, usageQuantity: 3000 }),
        record({
          day: '2026-10-02',
          category: 'storage',
          amount: 3,
          usageQuantity: 40,
          usageUnit: 'GiB-days',
        }),
        record({
          entityRef: OTHER,
          day: '2026-10-03',
          category: 'training',
          amount: 50,
          usageQuantity: undefined,
          usageUnit: undefined,
        }),
      ]);

      const monthly = await store.monthlyCosts(
        { from: '2026-09-01', to: '2026-10-31' },
        [MODEL],
      );
      expect(
        monthly.sort((a, b) =>
          `${a.month}${a.category}`.localeCompare(`${b.month}${b.category}`),
        ),
      ).toEqual([
        {
          entityRef: MODEL,
          month: '2026-09',
          category: 'inference',
          amount: 5,
          inferences: 500,
        },
        {
          entityRef: MODEL,
          month: '2026-10',
          category: 'inference',
          amount: 30,
          inferences: 4000,
        },
        {
          entityRef: MODEL,
          month: '2026-10',
          category: 'storage',
          amount: 3,
          inferences: 0,
        },
      ]);
      expect(
        await store.monthlyCosts({ from: '2026-10-01', to: '2026-10-31' }),
      ).toHaveLength(3);

      expect(
        await store.dailyCosts(MODEL, { from: '2026-10-01', to: '2026-10-31' }),
      ).toEqual([
        { day: '2026-10-01', amount: 10 },
        { day: '2026-10-02', amount: 23 },
      ]);

      const activity = await store.activity({
        from: '2026-10-02',
        to: '2026-10-31',
      });
      expect(
        activity.sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
      ).toEqual([
        {
          entityRef: MODEL,
          amount: 23,
          inferences: 3000,
          firstDay: '2026-09-30',
          lastInferenceDay: '2026-10-02',
        },
        {
          entityRef: OTHER,
          amount: 50,
          inferences: 0,
          firstDay: '2026-10-03',
          lastInferenceDay: undefined,
        },
      ]);
    },
  );
  it.each(databases.eachSupportedId())(
    'keeps the monthly rollups equal to the records and sums cut months from the records, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      // The rollups as they should be: grouped from the records themselves.
      const expectedRollups = async () =>
        (
          await knex('modelops_cost_records')
            .select(
              knex.raw('substr(day, 1, 7) as month'),
              'entity_ref',
              'category',
            )
            .sum({ amount: 'amount_micros' })
            .select(
              knex.raw(
                "sum(case when usage_unit = 'inferences' then usage_quantity else 0 end) as inferences",
              ),
            )
            .groupByRaw('substr(day, 1, 7), entity_ref, category')
        )
          // knex types a sum() builder by its sum alone; the row holds every
          // selected column.
          .map((r: Record<string, any>) => ({
            month: r.month,
            entity_ref: r.entity_ref,
            category: r.category,
            amount: Number(r.amount) / 1e6,
            inferences: Number(r.inferences ?? 0),
          }));
      const storedRollups = async () =>
        (await knex('modelops_cost_monthly')).map(r => ({
          month: r.month,
          entity_ref: r.entity_ref,
          category: r.category,
          amount: Number(r.amount_micros) / 1e6,
          inferences: Number(r.inferences),
        }));
      const byKey = (rows: Array<Record<string, unknown>>) =>
        rows.sort((a, b) =>
          `${a.month}${a.entity_ref}${a.category}`.localeCompare(
            `${b.month}${b.entity_ref}${b.category}`,
          ),
        );

      await store.upsertRecords([
        record({ day: '2026-10-01', amount: 10, usageQuantity: 100 }),
        record({ day: '2026-10-15', amount: 20, usageQuantity: 200 }),
        record({ day: '2026-10-15', source: 'opencost', amount: 1 }),
        record({ day: '2026-11-02', amount: 7, usageQuantity: 70 }),
        record({
          day: '2026-11-02',
          category: 'storage',
          amount: 3,
          usageQuantity: 40,
          usageUnit: 'GiB-days',
        }),
      ]);
      // A re-sent day replaces its amount and usage in the rollups too.
      await store.upsertRecords([
        record({ day: '2026-10-15', amount: 5, usageQuantity: 50 }),
      ]);
      // A failed batch changes no rollup.
      const broken = [
        record({ day: '2026-11-03', amount: 100 }),
        { ...record({ day: '2026-11-04' }), amountMicros: null as any },
      ];
      await expect(store.upsertRecords(broken)).rejects.toThrow();
      await knex('modelops_cost_records')
        .where({ source: 'opencost' })
        .delete();

      expect(byKey(await storedRollups())).toEqual(
        byKey(await expectedRollups()),
      );
      expect(byKey(await storedRollups())).toEqual(
        byKey([
          {
            month: '2026-10',
            entity_ref: MODEL,
            category: 'inference',
            amount: 15,
            inferences: 150,
          },
          {
            month: '2026-11',
            entity_ref: MODEL,
            category: 'inference',
            amount: 7,
            inferences: 70,
          },
          {
            month: '2026-11',
            entity_ref: MODEL,
            category: 'storage',
            amount: 3,
            inferences: 0,
          },
        ]),
      );

      const october = (range: { from: string; to: string }) =>
        store
          .monthlyCosts(range, [MODEL])
          .then(rows => rows.filter(r => r.month === '2026-10'));
      // The range leaves out 1 October, which has spend: summed from records.
      expect(await october({ from: '2026-10-10', to: '2026-11-30' })).toEqual([
        {
          entityRef: MODEL,
          month: '2026-10',
          category: 'inference',
          amount: 5,
          inferences: 50,
        },
      ]);
      // Nothing after 20 October: the rollup is exact for the cut month.
      expect(await october({ from: '2026-10-01', to: '2026-10-20' })).toEqual([
        {
          entityRef: MODEL,
          month: '2026-10',
          category: 'inference',
          amount: 15,
          inferences: 150,
        },
      ]);
    },
  );

  describe('monthly totals under adversarial writes', () => {
    const MAX_MICROS = 10_000_000n * 1_000_000n;
    // Huge, tiny, zero and credit amounts; a few keys so that days are
    // re-sent, replaced and deleted often, across a month boundary.
    const amount = fc.oneof(
      fc.constant(MAX_MICROS),
      fc.constant(1n),
      fc.constant(0n),
      fc.bigInt({ min: 0n, max: MAX_MICROS }),
    );
    const key = fc.record({
      source: fc.constantFrom('api', 'csv'),
      entityRef: fc.constantFrom(MODEL, OTHER),
      day: fc.constantFrom('2026-09-30', '2026-10-01', '2026-10-31'),
      category: fc.constantFrom('inference' as const, 'credit' as const),
    });
    const anyOperation = fc.oneof(
      fc.record({
        op: fc.constant('upsert' as const),
        records: fc.array(fc.tuple(key, amount, fc.nat(10_000)), {
          minLength: 1,
          maxLength: 6,
        }),
      }),
      fc.record({ op: fc.constant('delete' as const), key }),
      fc.record({ op: fc.constant('rebuild' as const) }),
    );

    async function recordSums(knex: Knex): Promise<Map<string, bigint>> {
      const rows: Array<Record<string, any>> = await knex(
        'modelops_cost_records',
      ).select('day', 'entity_ref', 'category', 'amount_micros');
      const sums = new Map<string, bigint>();
      for (const row of rows) {
        const k = `${row.day.slice(0, 7)}|${row.entity_ref}|${row.category}`;
        sums.set(k, (sums.get(k) ?? 0n) + BigInt(row.amount_micros));
      }
      return sums;
    }

    async function storedTotals(knex: Knex): Promise<Map<string, bigint>> {
      const rows: Array<Record<string, any>> = await knex(
        'modelops_cost_monthly',
      );
      return new Map(
        rows.map(row => [
          `${row.month}|${row.entity_ref}|${row.category}`,
          BigInt(row.amount_micros),
        ]),
      );
    }

    it.each(databases.eachSupportedId())(
      'equal the sums of their records after every write, %p',
      async databaseId => {
        const { knex, store } = await createStore(databaseId);
        await fc.assert(
          fc.asyncProperty(
            fc.array(anyOperation, { minLength: 1, maxLength: 8 }),
            async operations => {
              await knex('modelops_cost_records').delete();
              for (const operation of operations) {
                if (operation.op === 'upsert') {
                  await store.upsertRecords(
                    operation.records.map(([k, micros, usage]) => ({
                      ...k,
                      amountMicros: k.category === 'credit' ? -micros : micros,
                      currency: 'USD',
                      usageQuantity: usage,
                      usageUnit: 'inferences',
                    })),
                  );
                } else if (operation.op === 'delete') {
                  // Any writer, not only the store, keeps the totals.
                  await knex('modelops_cost_records')
                    .where({
                      source: operation.key.source,
                      entity_ref: operation.key.entityRef,
                      day: operation.key.day,
                      category: operation.key.category,
                    })
                    .delete();
                } else {
                  await store.rebuildMonthlyTotals();
                }
                expect(await storedTotals(knex)).toEqual(
                  await recordSums(knex),
                );
              }
              expect(await store.verifyMonthlyTotals()).toEqual([]);
            },
          ),
          { numRuns: 25 },
        );
      },
    );

    it.each(databases.eachSupportedId())(
      'are verified and rebuilt when something wrote them directly, %p',
      async databaseId => {
        const { knex, store } = await createStore(databaseId);
        await store.upsertRecords([
          record({ day: '2026-10-01', amount: 10 }),
          record({ day: '2026-10-02', amount: 20 }),
          record({ day: '2026-11-01', amount: 5 }),
        ]);
        expect(await store.verifyMonthlyTotals()).toEqual([]);

        await knex('modelops_cost_monthly')
          .where({ month: '2026-10' })
          .update({ amount_micros: 1 });
        await knex('modelops_cost_monthly')
          .where({ month: '2026-11' })
          .delete();
        await knex('modelops_cost_monthly').insert({
          month: '2026-12',
          entity_ref: MODEL,
          category: 'inference',
          amount_micros: 7,
          inferences: 0,
        });
        const mismatches = await store.verifyMonthlyTotals();
        expect(
          mismatches.sort((a, b) => a.month.localeCompare(b.month)),
        ).toEqual([
          {
            month: '2026-10',
            entityRef: MODEL,
            category: 'inference',
            storedMicros: 1n,
            recordsMicros: 30_000_000n,
          },
          {
            month: '2026-11',
            entityRef: MODEL,
            category: 'inference',
            storedMicros: undefined,
            recordsMicros: 5_000_000n,
          },
          {
            month: '2026-12',
            entityRef: MODEL,
            category: 'inference',
            storedMicros: 7n,
            recordsMicros: undefined,
          },
        ]);

        expect(await store.rebuildMonthlyTotals()).toBe(2);
        expect(await store.verifyMonthlyTotals()).toEqual([]);
        expect(await storedTotals(knex)).toEqual(await recordSums(knex));
      },
    );
  });

  it.each(databases.eachSupportedId())(
    'carries float amounts of earlier versions over as micros, %p',
    async databaseId => {
      const knex = await initTestDatabase(databases, databaseId);
      const directory = resolvePackagePath(
        '@modelops/plugin-modelops-backend',
        'migrations',
      );
      // Back to the float schema, with a record no integer can hold; by
      // name, since later migrations of other features follow it.
      await knex.migrate.down({
        directory,
        name: '20261202100000_cost_exact_money.js',
      });
      const old = (day: string, amount: unknown) => ({
        source: 'api',
        entity_ref: MODEL,
        model_version: '',
        day,
        category: 'inference',
        amount,
        currency: 'USD',
      });
      const infinity =
        knex.client.dialect === 'postgresql'
          ? knex.raw("'Infinity'::double precision")
          : knex.raw('9e999');
      await knex('modelops_cost_records').insert([
        old('2026-10-01', 1234.56),
        old('2026-10-02', 0.1),
        old('2026-10-03', infinity),
      ]);
      await knex.migrate.latest({ directory });

      const rows = await knex('modelops_cost_records').orderBy('day');
      expect(rows.map(r => [r.day, Number(r.amount_micros)])).toEqual([
        ['2026-10-01', 1_234_560_000],
        ['2026-10-02', 100_000],
      ]);
      const store = DatabaseCostStore.create({ database: knex });
      expect(await store.verifyMonthlyTotals()).toEqual([]);
      await knex.migrate.rollback({ directory }, true);
    },
  );
});
