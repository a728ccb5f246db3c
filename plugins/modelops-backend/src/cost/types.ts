/*
 * Types shared by the cost store, sources, views and facts.
 */
import type {
  CostCategory,
  CostRecordInput,
} from '@modelops/plugin-modelops-common';

/** A record as the store writes it: the source is part of the natural key. */
export interface StoredCostRecord extends CostRecordInput {
  source: string;
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
