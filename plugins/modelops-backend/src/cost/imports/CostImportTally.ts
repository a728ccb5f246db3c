/*
 * CostImportTally: what an import has read so far, summed exactly. It holds
 * one sum per (day, entity, version, category), the records an import writes,
 * and the figures of its report: spend per entity and category, unmapped
 * spend per tag value, unknown entities and rejected rows. Its size follows
 * the distinct days, entities and tag values of the file, never its rows:
 * listed rows and tag values are capped.
 */
import {
  type CostCategory,
  type CostImportMappedSpend,
  type CostImportRejectedRow,
  type CostImportReport,
  type CostImportUnmappedSpend,
  INFERENCE_USAGE_UNIT,
  type UnmappedCostRow,
} from '@modelops/plugin-modelops-common';
import type { CostRecordPolicy } from '../CostRecordPolicy';
import { type Exact, exactToMicros, microsToAmount } from '../money';
import type { StoredCostRecord } from '../types';

const MAX_LISTED_ROWS = 100;
const MAX_LISTED_ENTITIES = 500;
const MAX_LISTED_TAG_VALUES = 200;
const MAX_FIRST_ROWS = 5;
/**
 * Distinct unmapped tag values kept apart; spend of further values is kept
 * together, so that a file tagging every resource differently cannot grow
 * the tally without bound.
 */
export const MAX_UNMAPPED_GROUPS = 10_000;
export const OTHER_TAG_VALUES_REF = 'unmapped:default/other-tag-values';

/** One day's share of a line, mapped and checked. */
export interface TalliedShare {
  day: string;
  entityRef: string;
  modelVersion?: string;
  category: CostCategory;
  /** In the reporting currency. */
  amount: Exact;
  original: { currency: string; amount: Exact };
  inferences?: number;
}

interface RecordSum {
  day: string;
  entityRef: string;
  modelVersion?: string;
  category: CostCategory;
  amount: Exact;
  /** While every line of the sum was in one currency. */
  original?: { currency: string; amount: Exact };
  inferences?: number;
  firstRow: number;
}

interface MappedSum {
  entityRef: string;
  category: CostCategory;
  rows: number;
  amount: Exact;
  inferences: number;
}

interface UnmappedSum {
  tagKey?: string;
  tagValue?: string;
  entityRef: string;
  unknownEntityRef?: string;
  rows: number;
  amount: Exact;
  firstRows: number[];
}

function amountOf(value: Exact): number {
  return microsToAmount(exactToMicros(value));
}

function byAmount<T extends { amount: Exact }>(a: T, b: T): number {
  if (a.amount === b.amount) return 0;
  return a.amount > b.amount ? -1 : 1;
}

/** Where a row's spend went: an entity, or no entity by its tag. */
export type RowDestination =
  | { entityRef: string }
  | {
      entityRef?: undefined;
      tagKey?: string;
      tagValue?: string;
      unknownRef?: string;
      pseudoRef: string;
    };

type UnmappedDestination = Extract<RowDestination, { pseudoRef: string }>;

const OTHER_KEY = '\u0000\u0000other';

function groupKey(destination: UnmappedDestination): string {
  return `${destination.tagKey ?? ''}\u0000${destination.tagValue ?? ''}`;
}

/** The sums and figures of one import. */
export class CostImportTally {
  private readonly sums = new Map<string, RecordSum>();
  private readonly mapped = new Map<string, MappedSum>();
  private readonly unmapped = new Map<string, UnmappedSum>();
  private readonly unknown = new Set<string>();
  private readonly rejectedRows: CostImportRejectedRow[] = [];
  private readonly unmappedRows: UnmappedCostRow[] = [];
  private readonly daySet = new Set<string>();
  private mappedTotal: Exact = 0n;
  private unmappedTotal: Exact = 0n;
  readonly counts = {
    read: 0,
    mapped: 0,
    unmapped: 0,
    rejected: 0,
    skipped: 0,
  };

  constructor(private readonly policy: CostRecordPolicy) {}

  /** Counts a rejected row and lists it while the list has room. */
  reject(row: number, reason: string, column?: string): void {
    this.counts.rejected += 1;
    if (this.rejectedRows.length < MAX_LISTED_ROWS) {
      this.rejectedRows.push({ row, column, reason });
    }
  }

  /**
   * The pseudo entity unmapped spend of a tag value is kept under: its own,
   * or the shared one once MAX_UNMAPPED_GROUPS values are kept apart.
   */
  unmappedRef(destination: UnmappedDestination): string {
    const group = this.unmapped.get(groupKey(destination));
    if (group) return group.entityRef;
    return this.unmapped.size >= MAX_UNMAPPED_GROUPS
      ? OTHER_TAG_VALUES_REF
      : destination.pseudoRef;
  }

  private unmappedGroup(destination: UnmappedDestination): UnmappedSum {
    const key = groupKey(destination);
    const existing = this.unmapped.get(key);
    if (existing) return existing;
    const other = this.unmappedRef(destination) === OTHER_TAG_VALUES_REF;
    const group: UnmappedSum = other
      ? {
          tagValue: '(further tag values)',
          entityRef: OTHER_TAG_VALUES_REF,
          rows: 0,
          amount: 0n,
          firstRows: [],
        }
      : {
          tagKey: destination.tagKey,
          tagValue: destination.tagValue,
          entityRef: destination.pseudoRef,
          unknownEntityRef: destination.unknownRef,
          rows: 0,
          amount: 0n,
          firstRows: [],
        };
    const stored = other ? this.unmapped.get(OTHER_KEY) : undefined;
    if (stored) return stored;
    this.unmapped.set(other ? OTHER_KEY : key, group);
    return group;
  }

  /** Adds the accepted lines of one row, each already split by day. */
  addRow(
    row: number,
    destination: RowDestination,
    lines: Array<{
      category: CostCategory;
      amount: Exact;
      shares: TalliedShare[];
    }>,
  ): void {
    const rowAmount = lines.reduce((sum, line) => sum + line.amount, 0n);
    if (destination.entityRef !== undefined) {
      this.counts.mapped += 1;
      this.mappedTotal += rowAmount;
      for (const line of lines) {
        const key = `${destination.entityRef}\u0000${line.category}`;
        let sum = this.mapped.get(key);
        if (!sum) {
          sum = {
            entityRef: destination.entityRef,
            category: line.category,
            rows: 0,
            amount: 0n,
            inferences: 0,
          };
          this.mapped.set(key, sum);
        }
        sum.rows += 1;
        sum.amount += line.amount;
        for (const share of line.shares)
          sum.inferences += share.inferences ?? 0;
      }
    } else {
      this.counts.unmapped += 1;
      this.unmappedTotal += rowAmount;
      const group = this.unmappedGroup(destination);
      group.rows += 1;
      group.amount += rowAmount;
      if (group.firstRows.length < MAX_FIRST_ROWS) group.firstRows.push(row);
      if (destination.unknownRef) this.unknownRef(destination.unknownRef);
      if (this.unmappedRows.length < MAX_LISTED_ROWS) {
        this.unmappedRows.push({
          line: row,
          tagValue: destination.tagValue,
          amount: amountOf(rowAmount),
        });
      }
    }
    for (const line of lines) {
      for (const share of line.shares) this.addShare(row, share);
    }
  }

  private unknownRef(ref: string): void {
    if (this.unknown.size < MAX_LISTED_ROWS) this.unknown.add(ref);
  }

  private addShare(row: number, share: TalliedShare): void {
    this.daySet.add(share.day);
    const key = [
      share.day,
      share.entityRef,
      share.modelVersion ?? '',
      share.category,
    ].join('\u0000');
    const sum = this.sums.get(key);
    if (!sum) {
      this.sums.set(key, {
        day: share.day,
        entityRef: share.entityRef,
        modelVersion: share.modelVersion,
        category: share.category,
        amount: share.amount,
        original: { ...share.original },
        inferences: share.inferences,
        firstRow: row,
      });
      return;
    }
    sum.amount += share.amount;
    sum.original =
      sum.original?.currency === share.original.currency
        ? {
            currency: share.original.currency,
            amount: sum.original.amount + share.original.amount,
          }
        : undefined;
    if (share.inferences !== undefined) {
      sum.inferences = (sum.inferences ?? 0) + share.inferences;
    }
  }

  /** The days the import covers, in order. */
  days(): string[] {
    return [...this.daySet].sort();
  }

  /**
   * The records to store, under the source's name. A sum beyond the bounds
   * of a record rejects the row that started it.
   */
  records(source: string, amountColumn: string): StoredCostRecord[] {
    const records: StoredCostRecord[] = [];
    for (const sum of this.sums.values()) {
      const micros = exactToMicros(sum.amount);
      const problem = this.policy.amountProblem(micros, sum.category);
      if (problem) {
        this.reject(
          sum.firstRow,
          `the rows from ${sum.firstRow} summed for ${sum.day}, ${sum.entityRef}, ${sum.category}: ${problem}`,
          amountColumn,
        );
        continue;
      }
      const converted = sum.original?.currency !== this.policy.currency;
      records.push({
        source,
        entityRef: sum.entityRef,
        modelVersion: sum.modelVersion,
        day: sum.day,
        category: sum.category,
        amountMicros: micros,
        currency: this.policy.currency,
        originalCurrency: converted ? sum.original?.currency : undefined,
        originalAmountMicros:
          converted && sum.original
            ? exactToMicros(sum.original.amount)
            : undefined,
        usageQuantity: sum.inferences,
        usageUnit:
          sum.inferences === undefined ? undefined : INFERENCE_USAGE_UNIT,
      });
    }
    return records;
  }

  /** The figures of the report; owners come from `ownerOf`. */
  report(
    ownerOf: (entityRef: string) => string | undefined,
  ): Pick<
    CostImportReport,
    | 'rows'
    | 'total'
    | 'mapped'
    | 'unmapped'
    | 'unknownEntities'
    | 'rejected'
    | 'days'
  > {
    const byEntity: CostImportMappedSpend[] = [...this.mapped.values()]
      .sort(byAmount)
      .slice(0, MAX_LISTED_ENTITIES)
      .map(sum => ({
        entityRef: sum.entityRef,
        owner: ownerOf(sum.entityRef),
        category: sum.category,
        rows: sum.rows,
        amount: amountOf(sum.amount),
        inferences: sum.inferences,
      }));
    const byTagValue: CostImportUnmappedSpend[] = [...this.unmapped.values()]
      .sort(byAmount)
      .slice(0, MAX_LISTED_TAG_VALUES)
      .map(group => ({
        tagKey: group.tagKey,
        tagValue: group.tagValue,
        entityRef: group.entityRef,
        unknownEntityRef: group.unknownEntityRef,
        rows: group.rows,
        amount: amountOf(group.amount),
        firstRows: group.firstRows,
      }));
    const days = this.days();
    return {
      rows: { ...this.counts },
      total: amountOf(this.mappedTotal + this.unmappedTotal),
      mapped: {
        total: amountOf(this.mappedTotal),
        count: this.mapped.size,
        byEntity,
      },
      unmapped: {
        total: amountOf(this.unmappedTotal),
        count: this.unmapped.size,
        byTagValue,
        rows: this.unmappedRows,
      },
      unknownEntities: [...this.unknown].sort(),
      rejected: this.rejectedRows,
      days: { count: days.length, from: days[0], to: days[days.length - 1] },
    };
  }
}
