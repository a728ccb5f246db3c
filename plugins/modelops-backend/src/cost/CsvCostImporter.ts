/*
 * CsvCostImporter: turns a cloud billing export (CSV) into cost records.
 * Line items are summed per day, entity and category, so re-importing the
 * same export replaces the stored days instead of adding to them. Rows whose
 * tags name no entity are kept under `unmapped:` pseudo entities and listed
 * in the report, never dropped.
 */
import { InputError } from '@backstage/errors';
import {
  COST_CATEGORIES,
  type CostCategory,
  type CostCsvImportResponse,
  type UnmappedCostRow,
} from '@modelops/plugin-modelops-common';
import { parse } from 'csv-parse/sync';
import type { CsvCostMapping } from './CostConfig';
import {
  type CostEntityResolver,
  parseTags,
  unmappedEntityRef,
} from './CostEntityResolver';
import type { StoredCostRecord } from './types';

const MAX_REPORTED_ERRORS = 20;
const MAX_REPORTED_UNMAPPED = 100;

/** Result of reading an export: records to store and the report to answer with. */
export interface CsvCostImport {
  records: StoredCostRecord[];
  report: Omit<CostCsvImportResponse, 'upserted'>;
}

function readDay(value: string | undefined): string | undefined {
  // Exports carry days (2026-10-01) or timestamps (2026-10-01T00:00:00Z,
  // "2026-10-01 00:00:00 UTC"); the first ten characters are the day.
  const day = value?.trim().slice(0, 10);
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === day
    ? day
    : undefined;
}

function readNumber(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/** Reads billing exports with a configured column mapping. */
export class CsvCostImporter {
  private constructor(
    private readonly mapping: CsvCostMapping,
    private readonly currency: string,
  ) {}

  static create(options: {
    mapping: CsvCostMapping;
    currency: string;
  }): CsvCostImporter {
    return new CsvCostImporter(options.mapping, options.currency);
  }

  /**
   * Parses and maps an export.
   *
   * @throws InputError naming lines, columns and rules when any row is bad;
   *   then nothing of the export is stored
   */
  read(csv: string, resolver: CostEntityResolver): CsvCostImport {
    const m = this.mapping;
    let rows: Array<Record<string, string>>;
    try {
      rows = parse(csv, {
        columns: true,
        skip_empty_lines: true,
        trim: true,
        bom: true,
      });
    } catch (error) {
      throw new InputError(
        `csv: not a valid CSV document: ${(error as Error).message}`,
      );
    }
    if (rows.length === 0) {
      throw new InputError('csv: expected a header line and at least one row');
    }
    const header = Object.keys(rows[0]);
    const missing = [m.dateColumn, m.amountColumn, m.tagsColumn].filter(
      column => !header.includes(column),
    );
    if (missing.length) {
      throw new InputError(
        `csv: missing column(s) ${missing.join(
          ', ',
        )} (modelops.cost.csv maps them); found ${header.join(', ')}`,
      );
    }

    const errors: string[] = [];
    const sums = new Map<string, StoredCostRecord>();
    const unmappedRows: UnmappedCostRow[] = [];
    let unmappedTotal = 0;
    let unmappedCount = 0;
    rows.forEach((row, index) => {
      const line = index + 2;
      const day = readDay(row[m.dateColumn]);
      const amount = readNumber(row[m.amountColumn]);
      const currency =
        (m.currencyColumn && row[m.currencyColumn]?.toUpperCase()) ||
        this.currency;
      const usage = m.usageColumn ? readNumber(row[m.usageColumn]) : undefined;
      const rowErrors: string[] = [];
      if (!day) {
        rowErrors.push(
          `${m.dateColumn}: expected a day YYYY-MM-DD, got '${
            row[m.dateColumn] ?? ''
          }'`,
        );
      }
      if (amount === undefined) {
        rowErrors.push(
          `${m.amountColumn}: expected a number, got '${
            row[m.amountColumn] ?? ''
          }'`,
        );
      }
      if (currency !== this.currency) {
        rowErrors.push(
          `${m.currencyColumn}: expected ${this.currency} (modelops.cost.currency), got '${currency}'`,
        );
      }
      if (m.usageColumn && row[m.usageColumn]?.trim() && usage === undefined) {
        rowErrors.push(
          `${m.usageColumn}: expected a number, got '${row[m.usageColumn]}'`,
        );
      }
      if (rowErrors.length) {
        errors.push(...rowErrors.map(e => `line ${line} ${e}`));
        return;
      }
      const tags = parseTags(row[m.tagsColumn]);
      let entityRef = resolver.resolve(tags);
      if (!entityRef) {
        const tagValue = tags[m.tagKey] || undefined;
        entityRef = unmappedEntityRef(tagValue);
        unmappedCount += 1;
        unmappedTotal += amount!;
        if (unmappedRows.length < MAX_REPORTED_UNMAPPED) {
          unmappedRows.push({ line, tagValue, amount: amount! });
        }
      }
      const category = this.category(row);
      const key = `${day}|${entityRef}|${category}`;
      const sum = sums.get(key);
      if (sum) {
        sum.amount += amount!;
        if (usage !== undefined) {
          sum.usageQuantity = (sum.usageQuantity ?? 0) + usage;
          sum.usageUnit = m.usageUnit;
        }
      } else {
        sums.set(key, {
          source: m.source,
          entityRef,
          day: day!,
          category,
          amount: amount!,
          currency,
          usageQuantity: usage,
          usageUnit: usage === undefined ? undefined : m.usageUnit,
        });
      }
    });
    if (errors.length) {
      const shown = errors.slice(0, MAX_REPORTED_ERRORS).join('; ');
      const more =
        errors.length > MAX_REPORTED_ERRORS
          ? ` (and ${errors.length - MAX_REPORTED_ERRORS} more)`
          : '';
      throw new InputError(`csv: nothing imported, ${shown}${more}`);
    }
    return {
      records: [...sums.values()],
      report: {
        source: m.source,
        rows: rows.length,
        mappedRows: rows.length - unmappedCount,
        unmapped: {
          rowCount: unmappedCount,
          rows: unmappedRows,
          total: Math.round(unmappedTotal * 100) / 100,
          currency: this.currency,
        },
      },
    };
  }

  private category(row: Record<string, string>): CostCategory {
    const value = this.mapping.categoryColumn
      ? row[this.mapping.categoryColumn]?.trim().toLocaleLowerCase('en-US')
      : undefined;
    return value && (COST_CATEGORIES as readonly string[]).includes(value)
      ? (value as CostCategory)
      : this.mapping.defaultCategory;
  }
}
