/*
 * Types shared by the cost store, sources, views and facts.
 */

import type {
  CostCategory,
  CostRecordInput,
} from '@modelops/plugin-modelops-common';

/**
 * A record as the store writes it, after the CostRecordPolicy checks: the source
 * is part of the natural key, and the amount is exact, in millionths of the
 * reporting currency.
 */
export interface StoredCostRecord extends Omit<CostRecordInput, 'amount'> {
  source: string;
  amountMicros: bigint;
  /** The currency the record was sent in, when it was converted. */
  originalCurrency?: string;
  /** The amount as sent, in millionths of the original currency. */
  originalAmountMicros?: bigint;
}

/** A month whose stored total differs from the sum of its records. */
export interface MonthlyTotalMismatch {
  month: string;
  entityRef: string;
  category: CostCategory;
  /** The stored total, absent when the month has records but no total. */
  storedMicros?: bigint;
  /** The sum of the records, absent when a total has no records left. */
  recordsMicros?: bigint;
}

/** Spend of one entity in one month and category. */
export interface MonthlyCostRow {
  entityRef: string;
  /** YYYY-MM */
  month: string;
  category: CostCategory;
  amount: number;
  /** Sum of usage quantities whose unit is `inferences`. */
  inferences: number;
}

/** Spend of one entity within a window, with its inference history. */
export interface EntityActivityRow {
  entityRef: string;
  amount: number;
  inferences: number;
  firstDay: string;
  /** Last day with a positive inference count ever, not only in the window. */
  lastInferenceDay?: string;
}

/** Spend of one entity on one day, all categories together. */
export interface DailyCostRow {
  day: string;
  amount: number;
}

/** Inclusive range of ISO days. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * Persistence of cost records. Writes are idempotent on
 * (source, day, entity, model version, category).
 */
export interface CostStore {
  /**
   * Inserts or replaces records, all in one transaction. Records repeating a
   * natural key within the call count once, the last one wins.
   *
   * @returns the number of distinct records written
   */
  upsertRecords(records: StoredCostRecord[]): Promise<number>;
  /**
   * What a source holds on some days: how many records, and the entities
   * they are about (lower case).
   */
  sourceDays(
    source: string,
    days: string[],
  ): Promise<{ records: number; entityRefs: string[] }>;
  /**
   * Replaces every record of a source on the given days with `records`
   * (which must be of that source and those days), in one transaction: a
   * billing file re-imported, or a newer export of the same days, replaces
   * what the earlier one wrote and doubles nothing.
   *
   * @returns the number of distinct records written
   */
  replaceSourceDays(
    source: string,
    days: string[],
    records: StoredCostRecord[],
  ): Promise<number>;
  /**
   * Compares every stored monthly total (spend and inferences) with the sum
   * of its records.
   */
  verifyMonthlyTotals(): Promise<MonthlyTotalMismatch[]>;
  /**
   * Recomputes every monthly total from the records in one transaction.
   *
   * @returns the number of monthly totals written
   */
  rebuildMonthlyTotals(): Promise<number>;
  /** Spend per entity, month and category; all entities when `entityRefs` is undefined. */
  monthlyCosts(
    range: DayRange,
    entityRefs?: string[],
  ): Promise<MonthlyCostRow[]>;
  /** Daily totals of one entity. */
  dailyCosts(entityRef: string, range: DayRange): Promise<DailyCostRow[]>;
  /**
   * Per entity: spend and inferences within the range, plus the last day it
   * served inferences at any time.
   */
  activity(
    range: DayRange,
    entityRefs?: string[],
  ): Promise<EntityActivityRow[]>;
}
