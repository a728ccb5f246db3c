/*
 * DatabaseCostStore: cost records in knex (SQLite or PostgreSQL). Writes are
 * upserts on the natural key so that a source re-sending a day replaces it,
 * through the bulk writer (cached prepared statements on SQLite, multi-row
 * statements on PostgreSQL); triggers recompute the touched monthly totals
 * from the records in the same transaction. Amounts are integers of micros
 * (see money.ts). Reads are a handful of grouped queries, never one query
 * per entity; monthly spend comes from the monthly totals.
 */
import { INFERENCE_USAGE_UNIT } from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { DatabaseBulkWriter } from '../database/DatabaseBulkWriter';
import type { BulkWriter } from '../database/types';
import { microsToAmount } from './money';
import { chunks } from '../service/chunks';
import { addMonths } from './costCalendar';
import type {
  CostStore,
  DailyCostRow,
  DayRange,
  EntityActivityRow,
  MonthlyCostRow,
  MonthlyTotalMismatch,
  StoredCostRecord,
} from './types';

const TABLE = 'modelops_cost_records';
/** Recomputed by triggers on TABLE (see the cost_exact_money migration). */
const MONTHLY = 'modelops_cost_monthly';
const COLUMNS = [
  'source',
  'entity_ref',
  'model_version',
  'day',
  'category',
  'amount_micros',
  'currency',
  'original_currency',
  'original_amount_micros',
  'usage_quantity',
  'usage_unit',
  'ingested_at',
];
const KEY_COLUMNS = [
  'source',
  'day',
  'entity_ref',
  'model_version',
  'category',
];
const REPLACED_COLUMNS = [
  'amount_micros',
  'currency',
  'original_currency',
  'original_amount_micros',
  'usage_quantity',
  'usage_unit',
  'ingested_at',
];
const UPSERT = { columns: KEY_COLUMNS, update: REPLACED_COLUMNS };
// Upper bound of values in one `IN (...)` list.
const WHERE_IN_CHUNK = 500;

// Inference counts are floating sums whose order of addition may differ.
function sameQuantity(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function naturalKey(record: StoredCostRecord): string {
  return [
    record.source,
    record.day,
    record.entityRef.toLocaleLowerCase('en-US'),
    record.modelVersion ?? '',
    record.category,
  ].join('\u0000');
}

/** Options of {@link DatabaseCostStore.create}. */
export interface DatabaseCostStoreOptions {
  /** A knex client whose database is already migrated. */
  database: Knex;
}

/** Cost records kept in the plugin's database. */
export class DatabaseCostStore implements CostStore {
  private readonly writer: BulkWriter;

  private constructor(private readonly db: Knex) {
    this.writer = DatabaseBulkWriter.create(db);
  }

  static create(options: DatabaseCostStoreOptions): DatabaseCostStore {
    return new DatabaseCostStore(options.database);
  }

  async upsertRecords(records: StoredCostRecord[]): Promise<number> {
    const rows = this.rowsOf(records);
    if (rows.length === 0) {
      return 0;
    }
    await this.writer.transaction(session =>
      session.insert(TABLE, COLUMNS, rows, UPSERT),
    );
    return rows.length;
  }

  async sourceDays(
    source: string,
    days: string[],
  ): Promise<{ records: number; entityRefs: string[] }> {
    let records = 0;
    const entityRefs = new Set<string>();
    for (const part of chunks(days, WHERE_IN_CHUNK)) {
      const rows: Array<Record<string, unknown>> = await this.db(TABLE)
        .select('entity_ref')
        .count({ records: '*' })
        .where('source', source)
        .whereIn('day', part)
        .groupBy('entity_ref');
      for (const row of rows) {
        records += Number(row.records);
        entityRefs.add(String(row.entity_ref));
      }
    }
    return { records, entityRefs: [...entityRefs].sort() };
  }

  async replaceSourceDays(
    source: string,
    days: string[],
    records: StoredCostRecord[],
  ): Promise<number> {
    const replaced = new Set(days);
    const outside = records.find(
      record => record.source !== source || !replaced.has(record.day),
    );
    if (outside) {
      throw new Error(
        `replaceSourceDays: a record of ${outside.source} on ${outside.day} is outside the replaced days`,
      );
    }
    const rows = this.rowsOf(records);
    await this.writer.transaction(async session => {
      for (const part of chunks(days, WHERE_IN_CHUNK)) {
        await session.execute(
          `delete from ${TABLE} where source = ? and day in (${part
            .map(() => '?')
            .join(', ')})`,
          [source, ...part],
        );
      }
      if (rows.length > 0) {
        await session.insert(TABLE, COLUMNS, rows, UPSERT);
      }
    });
    return rows.length;
  }

  // Rows of the records table, one per natural key: PostgreSQL refuses to
  // update the same row twice in one statement, so repeated keys are
  // collapsed before they reach the database (the last one wins).
  private rowsOf(records: StoredCostRecord[]): unknown[][] {
    const distinct = new Map<string, StoredCostRecord>();
    for (const record of records) {
      distinct.set(naturalKey(record), record);
    }
    const now = new Date();
    return [...distinct.values()].map(record => [
      record.source,
      record.entityRef.toLocaleLowerCase('en-US'),
      record.modelVersion ?? '',
      record.day,
      record.category,
      // better-sqlite3 and pg bind a bigint as a 64-bit integer, exactly.
      record.amountMicros,
      record.currency,
      record.originalCurrency,
      record.originalAmountMicros,
      record.usageQuantity,
      record.usageUnit,
      now,
    ]);
  }

  async verifyMonthlyTotals(): Promise<MonthlyTotalMismatch[]> {
    const [stored, sums] = await Promise.all([
      this.db(MONTHLY).select(
        'month',
        'entity_ref',
        'category',
        'amount_micros',
        'inferences',
      ),
      this.recordSums(this.db),
    ]);
    const key = (row: Record<string, unknown>) =>
      `${row.month}|${row.entity_ref}|${row.category}`;
    const expected = new Map(
      sums.map((row: Record<string, unknown>) => [key(row), row]),
    );
    const mismatches: MonthlyTotalMismatch[] = [];
    const mismatch = (
      row: Record<string, unknown>,
      storedRow?: Record<string, unknown>,
      sumRow?: Record<string, unknown>,
    ) =>
      mismatches.push({
        month: String(row.month),
        entityRef: String(row.entity_ref),
        category: row.category as MonthlyTotalMismatch['category'],
        storedMicros: storedRow && BigInt(String(storedRow.amount_micros)),
        recordsMicros: sumRow && BigInt(String(sumRow.amount_micros)),
      });
    for (const row of stored as Array<Record<string, unknown>>) {
      const sum = expected.get(key(row));
      expected.delete(key(row));
      if (
        !sum ||
        BigInt(String(sum.amount_micros)) !==
          BigInt(String(row.amount_micros)) ||
        !sameQuantity(Number(sum.inferences), Number(row.inferences))
      ) {
        mismatch(row, row, sum);
      }
    }
    for (const sum of expected.values()) {
      mismatch(sum, undefined, sum);
    }
    return mismatches;
  }

  async rebuildMonthlyTotals(): Promise<number> {
    return this.db.transaction(async tx => {
      if (this.db.client.dialect === 'postgresql') {
        // Writers wait until the rebuilt totals are committed.
        await tx.raw(`lock table ${TABLE} in share mode`);
      }
      await tx(MONTHLY).delete();
      const sums = await this.recordSums(tx);
      for (const part of chunks(sums, WHERE_IN_CHUNK)) {
        await tx(MONTHLY).insert(part);
      }
      return sums.length;
    });
  }

  // Every monthly total as the records sum it, in the columns of MONTHLY.
  private recordSums(db: Knex): Promise<Array<Record<string, unknown>>> {
    return db(TABLE)
      .select(db.raw('substr(day, 1, 7) as month'), 'entity_ref', 'category')
      .sum({ amount_micros: 'amount_micros' })
      .select(this.inferencesSum())
      .groupByRaw('substr(day, 1, 7), entity_ref, category');
  }

  async monthlyCosts(
    range: DayRange,
    entityRefs?: string[],
  ): Promise<MonthlyCostRow[]> {
    const { months, parts } = await this.rollupCoverage(range);
    return this.forEntities(entityRefs, async refs => {
      const rows: MonthlyCostRow[] = [];
      if (months.length > 0) {
        rows.push(...(await this.monthlyFromRollups(months, refs)));
      }
      for (const part of parts) {
        rows.push(...(await this.monthlyFromRecords(part, refs)));
      }
      return rows;
    });
  }

  /**
   * Splits a day range into the months whose rollups hold exactly the spend
   * of the range (every month inside it, and a cut month when no record
   * falls on the days the range leaves out) and the day ranges of the cut
   * months that must be summed from the records.
   */
  private async rollupCoverage(
    range: DayRange,
  ): Promise<{ months: string[]; parts: DayRange[] }> {
    const months: string[] = [];
    const parts: DayRange[] = [];
    const last = range.to.slice(0, 7);
    for (
      let month = range.from.slice(0, 7);
      month <= last && range.from <= range.to;
      month = addMonths(month, 1)
    ) {
      // '-31' bounds every day of the month as a string, whatever its length.
      const first = `${month}-01`;
      const end = `${month}-31`;
      const from = range.from > first ? range.from : first;
      const to = range.to < end ? range.to : end;
      if (from === first && to === end) {
        months.push(month);
        continue;
      }
      const outside = await this.db(TABLE)
        .select('day')
        .where(q =>
          q
            .where(q2 =>
              q2.where('day', '>=', first).andWhere('day', '<', from),
            )
            .orWhere(q2 => q2.where('day', '>', to).andWhere('day', '<=', end)),
        )
        .first();
      if (outside) {
        parts.push({ from, to });
      } else {
        months.push(month);
      }
    }
    return { months, parts };
  }

  private async monthlyFromRollups(
    months: string[],
    refs: string[] | undefined,
  ): Promise<MonthlyCostRow[]> {
    const query = this.db(MONTHLY)
      .select('entity_ref', 'month', 'category', 'amount_micros', 'inferences')
      .whereIn('month', months);
    if (refs) {
      query.whereIn('entity_ref', refs);
    }
    const rows: Array<Record<string, unknown>> = await query;
    return rows.map(row => ({
      entityRef: String(row.entity_ref),
      month: String(row.month),
      category: row.category as MonthlyCostRow['category'],
      amount: microsToAmount(row.amount_micros as string),
      inferences: Number(row.inferences),
    }));
  }

  private async monthlyFromRecords(
    range: DayRange,
    refs: string[] | undefined,
  ): Promise<MonthlyCostRow[]> {
    const month = this.db.raw('substr(day, 1, 7)');
    const query = this.db(TABLE)
      .select(
        'entity_ref',
        this.db.raw('substr(day, 1, 7) as month'),
        'category',
      )
      .sum({ amount_micros: 'amount_micros' })
      .select(this.inferencesSum())
      .whereBetween('day', [range.from, range.to])
      .groupBy('entity_ref', month, 'category');
    if (refs) {
      query.whereIn('entity_ref', refs);
    }
    const rows: Array<Record<string, unknown>> = await query;
    return rows.map(row => ({
      entityRef: String(row.entity_ref),
      month: String(row.month),
      category: row.category as MonthlyCostRow['category'],
      amount: microsToAmount((row.amount_micros as string) ?? 0),
      inferences: Number(row.inferences ?? 0),
    }));
  }

  async dailyCosts(
    entityRef: string,
    range: DayRange,
  ): Promise<DailyCostRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db(TABLE)
      .select('day')
      .sum({ amount_micros: 'amount_micros' })
      .where('entity_ref', entityRef.toLocaleLowerCase('en-US'))
      .whereBetween('day', [range.from, range.to])
      .groupBy('day')
      .orderBy('day');
    return rows.map(row => ({
      day: String(row.day),
      amount: microsToAmount((row.amount_micros as string) ?? 0),
    }));
  }

  async activity(
    range: DayRange,
    entityRefs?: string[],
  ): Promise<EntityActivityRow[]> {
    return this.forEntities(entityRefs, async refs => {
      const inWindow = this.db(TABLE)
        .select('entity_ref')
        .sum({ amount_micros: 'amount_micros' })
        .select(this.inferencesSum())
        .whereBetween('day', [range.from, range.to])
        .groupBy('entity_ref');
      // History before the window decides how long an entity has been idle.
      const history = this.db(TABLE)
        .select('entity_ref')
        .min({ first_day: 'day' })
        .select(
          this.db.raw(
            'max(case when usage_unit = ? and usage_quantity > 0 then day end) as last_inference_day',
            [INFERENCE_USAGE_UNIT],
          ),
        )
        .where('day', '<=', range.to)
        .groupBy('entity_ref');
      if (refs) {
        inWindow.whereIn('entity_ref', refs);
        history.whereIn('entity_ref', refs);
      }
      const [windowRows, historyRows]: Array<Array<Record<string, unknown>>> =
        await Promise.all([inWindow, history]);
      const historyByRef = new Map(
        historyRows.map(row => [String(row.entity_ref), row]),
      );
      return windowRows.map(row => {
        const past = historyByRef.get(String(row.entity_ref));
        return {
          entityRef: String(row.entity_ref),
          amount: microsToAmount((row.amount_micros as string) ?? 0),
          inferences: Number(row.inferences ?? 0),
          firstDay: String(past?.first_day ?? range.from),
          lastInferenceDay: past?.last_inference_day
            ? String(past.last_inference_day)
            : undefined,
        };
      });
    });
  }

  private inferencesSum(): Knex.Raw {
    return this.db.raw(
      'sum(case when usage_unit = ? then coalesce(usage_quantity, 0) else 0 end) as inferences',
      [INFERENCE_USAGE_UNIT],
    );
  }

  // Runs a read for all entities at once, or in slices of the ref list so
  // that long lists stay within the databases' bound-variable limits.
  private async forEntities<T>(
    entityRefs: string[] | undefined,
    read: (refs: string[] | undefined) => Promise<T[]>,
  ): Promise<T[]> {
    if (!entityRefs) {
      return read(undefined);
    }
    const refs = [
      ...new Set(entityRefs.map(ref => ref.toLocaleLowerCase('en-US'))),
    ];
    const results: T[] = [];
    for (const part of chunks(refs, WHERE_IN_CHUNK)) {
      results.push(...(await read(part)));
    }
    return results;
  }
}
