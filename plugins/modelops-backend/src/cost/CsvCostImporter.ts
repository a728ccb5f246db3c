/*
 * CsvCostImporter: turns a cloud billing export (CSV) into cost records.
 * Line items are summed exactly per day, entity and category, so re-importing the
 * same export replaces the stored days instead of adding to them. Rows whose
 * tags name no entity are kept under `unmapped:` pseudo entities and listed
 * in the report, never dropped.
 */
import { InputError } from '@backstage/errors';
import {
  COST_CATEGORIES,
  costRecordInputSchema,
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
import { type CostRecordPolicy, problemsError } from './CostRecordPolicy';
import { type Exact, exactToMicros, microsToAmount, parseExact } from './money';
import type { StoredCostRecord } from './types';

const MAX_REPORTED_UNMAPPED = 100;

/** Result of reading an export: records to store and the report to answer with. */
export interface CsvCostImport {
  records: StoredCostRecord[];
  report: Omit<CostCsvImportResponse, 'upserted'>;
}

/** The line items of one record, summed exactly. */
interface RecordSum {
  record: Omit<StoredCostRecord, 'amountMicros'>;
  /** In the reporting currency. */
  amount: Exact;
  /** In the currency the lines were billed in, while they share one. */
  original?: { currency: string; amount: Exact };
  firstLine: number;
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

/** Reads billing exports with a configured column mapping. */
export class CsvCostImporter {
  private constructor(
    private readonly mapping: CsvCostMapping,
    private readonly policy: CostRecordPolicy,
  ) {}

  static create(options: {
    mapping: CsvCostMapping;
    policy: CostRecordPolicy;
  }): CsvCostImporter {
    return new CsvCostImporter(options.mapping, options.policy);
  }

  /**
   * Parses and maps an export. Every line item passes the rules of the
   * records API (costRecordInputSchema and CostRecordPolicy), and so does
   * every summed record.
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
    // Field names of the records API, as the columns that fill them.
    const columnOf: Record<string, string> = {
      day: m.dateColumn,
      amount: m.amountColumn,
      currency: m.currencyColumn ?? 'currency',
      usageQuantity: m.usageColumn ?? 'usage',
      category: m.categoryColumn ?? 'category',
    };

    const errors: string[] = [];
    const sums = new Map<string, RecordSum>();
    const unmappedRows: UnmappedCostRow[] = [];
    let unmappedTotal: Exact = 0n;
    let unmappedCount = 0;
    rows.forEach((row, index) => {
      const line = index + 2;
      const amountText = row[m.amountColumn] ?? '';
      const amount = parseExact(amountText);
      const usageText = m.usageColumn ? row[m.usageColumn]?.trim() : undefined;
      const tags = parseTags(row[m.tagsColumn]);
      const mapped = resolver.resolve(tags);
      const tagValue = tags[m.tagKey] || undefined;
      const input = {
        entityRef: mapped ?? unmappedEntityRef(tagValue),
        day: readDay(row[m.dateColumn]) ?? row[m.dateColumn] ?? '',
        category: this.category(row),
        amount: amount === undefined ? Number.NaN : Number(amountText),
        currency:
          (m.currencyColumn && row[m.currencyColumn]?.toUpperCase()) ||
          this.policy.currency,
        usageQuantity: usageText ? Number(usageText) : undefined,
        usageUnit: usageText ? m.usageUnit : undefined,
      };
      // The first rule each field broke, by the field of the records API.
      const broken = new Map<string, string>();
      if (!readDay(row[m.dateColumn])) {
        broken.set('day', `expected a day YYYY-MM-DD, got '${input.day}'`);
      }
      if (amount === undefined) {
        broken.set('amount', `expected a number, got '${amountText}'`);
      }
      const currencyProblem = this.policy.currencyProblem(input.currency);
      if (currencyProblem) broken.set('currency', currencyProblem);
      if (usageText && !Number.isFinite(input.usageQuantity)) {
        broken.set('usageQuantity', `expected a number, got '${usageText}'`);
      }
      const parsed = costRecordInputSchema.safeParse(input);
      for (const issue of parsed.error?.issues ?? []) {
        const field = String(issue.path[0]);
        if (!broken.has(field)) {
          broken.set(
            field,
            `${issue.message}, got '${input[field as keyof typeof input]}'`,
          );
        }
      }
      const reporting =
        broken.size === 0
          ? this.policy.toReportingCurrency(amount!, input.currency)!
          : undefined;
      const amountProblem =
        reporting === undefined
          ? undefined
          : this.policy.amountProblem(exactToMicros(reporting), input.category);
      if (amountProblem) broken.set('amount', amountProblem);
      if (reporting === undefined || amountProblem) {
        for (const [field, problem] of broken) {
          errors.push(`line ${line} ${columnOf[field] ?? field}: ${problem}`);
        }
        return;
      }
      if (!mapped) {
        unmappedCount += 1;
        unmappedTotal += reporting;
        if (unmappedRows.length < MAX_REPORTED_UNMAPPED) {
          unmappedRows.push({
            line,
            tagValue,
            amount: microsToAmount(exactToMicros(reporting)),
          });
        }
      }
      const key = `${input.day}|${input.entityRef}|${input.category}`;
      const sum = sums.get(key);
      if (!sum) {
        sums.set(key, {
          record: {
            source: m.source,
            entityRef: input.entityRef,
            day: input.day,
            category: input.category,
            currency: this.policy.currency,
            usageQuantity: input.usageQuantity,
            usageUnit: input.usageUnit,
          },
          amount: reporting,
          original: { currency: input.currency, amount: amount! },
          firstLine: line,
        });
        return;
      }
      sum.amount += reporting;
      sum.original =
        sum.original?.currency === input.currency
          ? { currency: input.currency, amount: sum.original.amount + amount! }
          : undefined;
      if (input.usageQuantity !== undefined) {
        sum.record.usageQuantity =
          (sum.record.usageQuantity ?? 0) + input.usageQuantity;
        sum.record.usageUnit = m.usageUnit;
      }
    });

    const records: StoredCostRecord[] = [];
    for (const sum of sums.values()) {
      const micros = exactToMicros(sum.amount);
      const problem = this.policy.amountProblem(micros, sum.record.category);
      if (problem) {
        errors.push(
          `lines from ${sum.firstLine} summed for ${sum.record.day}, ${sum.record.entityRef}, ${sum.record.category}: ${m.amountColumn}: ${problem}`,
        );
        continue;
      }
      const converted = sum.original?.currency !== this.policy.currency;
      records.push({
        ...sum.record,
        amountMicros: micros,
        originalCurrency: converted ? sum.original?.currency : undefined,
        originalAmountMicros:
          converted && sum.original
            ? exactToMicros(sum.original.amount)
            : undefined,
      });
    }
    if (errors.length) {
      throw problemsError('csv: nothing imported', errors);
    }
    return {
      records,
      report: {
        source: m.source,
        rows: rows.length,
        mappedRows: rows.length - unmappedCount,
        unmapped: {
          rowCount: unmappedCount,
          rows: unmappedRows,
          total: microsToAmount(exactToMicros(unmappedTotal)),
          currency: this.policy.currency,
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
