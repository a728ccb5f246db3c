/*
 * Cost export formats: how one kind of billing export (FOCUS, an AWS Cost
 * and Usage Report, a Google Cloud or Azure cost export...) is read. The
 * backend streams every file through one pipeline (CSV parsing, the money
 * rules of the records API, mapping tags to catalog entities, exact sums per
 * day); a format only says which columns hold what. Shipped formats and the
 * ones backend modules add through `modelopsCostFormatsExtensionPoint` are
 * alike: most are a `columnMappedCostFormat` definition.
 */
/**
 * One billing line as a format reads it: the text of its cells, before the
 * backend parses amounts and dates, checks them and maps the line to an
 * entity. Empty cells are left out.
 *
 * @public
 */
export interface CostLineItem {
  /** Start of the charge period: an ISO 8601 date-time or day. */
  start: string;
  /** Exclusive end of the charge period, when the export has one. */
  end?: string;
  /** The amount that counts, as decimal text (`0.0000004167`, `1.2E-7`). */
  amount: string;
  /** ISO 4217 code; the reporting currency when absent. */
  currency?: string;
  /**
   * True for credits, refunds and discounts: the one kind of line whose
   * amount may be negative, stored in the `credit` category.
   */
  credit?: boolean;
  /**
   * A category the export states itself (the simple CSV format), as
   * written; the backend uses it when it names one of the cost categories.
   */
  category?: string;
  /** The export's charge type (FOCUS ChargeCategory, CUR line item type...). */
  chargeType?: string;
  /** Service name or code (`Amazon SageMaker`, `Vertex AI`). */
  service?: string;
  /** SKU id or description. */
  sku?: string;
  /** Usage type or meter (`USE1-Host:ml.m5.large`, `Online Prediction`). */
  usageType?: string;
  /** Usage quantity as decimal text. */
  usageQuantity?: string;
  usageUnit?: string;
  resourceId?: string;
  /** Resource tags or labels, by key as the export writes it. */
  tags: Readonly<Record<string, string>>;
}

/**
 * Fields of {@link CostLineItem} that come from one column, named in
 * messages about a row.
 *
 * @public
 */
export type CostLineItemField =
  | 'start'
  | 'end'
  | 'amount'
  | 'currency'
  | 'usageQuantity'
  | 'category';

/**
 * A format bound to the header of one file.
 *
 * @public
 */
export interface CostExportReader {
  /** For example `FOCUS 1.2`; the format's title when it has no versions. */
  version: string;
  /** The cost measure that counts (`effective`) and where it comes from. */
  amount: { measure: string; column: string };
  /**
   * The line items of one data row, its cells in header order: usually one,
   * more when a row carries credits beside its cost, none for a row that
   * holds no charge.
   */
  read(cells: readonly string[]): CostLineItem[];
  /** The header column a field is read from, for messages naming it. */
  columnOf(field: CostLineItemField): string | undefined;
}

/**
 * A billing export format.
 *
 * @public
 */
export interface CostExportFormat {
  /** Lower-case letters, digits and dashes, for example `focus`. */
  id: string;
  title: string;
  /**
   * The cost measures the format offers (`billed`, `effective`...), each
   * with a description of the column or rule behind it.
   */
  amounts: Readonly<Record<string, string>>;
  /** The measure used unless a source configures another. */
  defaultAmount: string;
  /** How well a header fits: 0 for not at all; the highest fit is detected. */
  match(header: readonly string[]): number;
  /**
   * Binds the format to a header.
   *
   * @throws Error naming the missing columns, or the measure when unknown
   */
  createReader(
    header: readonly string[],
    options?: { amount?: string },
  ): CostExportReader;
}

/**
 * Lets backend modules add billing export formats to the cost imports.
 *
 * @public
 */
export interface ModelopsCostFormatsExtensionPoint {
  /** Adds formats; an id that is already taken fails the backend start. */
  addFormat(...formats: CostExportFormat[]): void;
}

/**
 * One column by name, or alternatives of which the first in the header is
 * read (`['BillingCurrencyCode', 'billingCurrency']`). Names compare
 * without regard to case.
 *
 * @public
 */
export type CostColumn = string | readonly string[];

/**
 * One data row of a column-mapped format.
 *
 * @public
 */
export interface CostRow {
  /** The trimmed cell of a column, undefined when absent from the header or empty. */
  get(column: CostColumn): string | undefined;
}

/**
 * One cost measure of a column-mapped format: a column, or a rule over
 * several (the amortised cost of a Cost and Usage Report depends on the
 * line item type).
 *
 * @public
 */
export type ColumnMappedCostAmount =
  | { description: string; column: CostColumn }
  | {
      description: string;
      /** Columns the rule needs; a header without them cannot use the measure. */
      columns: readonly CostColumn[];
      /** The amount as decimal text; undefined when the row has none. */
      value(row: CostRow): string | undefined;
    };

/**
 * Where a column-mapped format finds tags: a column of JSON (an object, an
 * array of `{key, value}`, Azure's object without braces) or of `key=value`
 * pairs, or one column per tag whose name starts with a prefix
 * (`resourceTags/` in a Cost and Usage Report).
 *
 * @public
 */
export type ColumnMappedCostTags = { column: CostColumn } | { prefix: string };

/**
 * A billing export format described by its columns.
 *
 * @public
 */
export interface ColumnMappedCostFormatDefinition {
  id: string;
  title: string;
  /** Columns every file of the format has; a header lacking one does not match. */
  required: readonly CostColumn[];
  /**
   * Columns that tell this format from others with the same required
   * columns; each one present raises the match.
   */
  distinctive?: readonly CostColumn[];
  /**
   * Versions told apart by columns they introduced, newest first: the first
   * whose columns appear names the version; otherwise the last entry's.
   */
  versions?: ReadonlyArray<{ version: string; anyOf: readonly string[] }>;
  fields: {
    start: CostColumn;
    end?: CostColumn;
    currency?: CostColumn;
    chargeType?: CostColumn;
    service?: CostColumn;
    sku?: CostColumn;
    usageType?: CostColumn;
    usageQuantity?: CostColumn;
    usageUnit?: CostColumn;
    resourceId?: CostColumn;
    category?: CostColumn;
  };
  amounts: Readonly<Record<string, ColumnMappedCostAmount>>;
  defaultAmount: string;
  tags: readonly ColumnMappedCostTags[];
  /** Whether a line is a credit, refund or discount, given its amount text. */
  credit?(row: CostRow, amount: string): boolean;
  /**
   * A column holding a JSON array of credits applied to the row, each with
   * an `amount` (Google Cloud's `credits`): each becomes a credit line.
   */
  creditsColumn?: CostColumn;
  /** Dates written month first (`10/01/2026`), as US-locale Azure exports do. */
  monthFirstDates?: boolean;
  /** The usage unit of rows that name none (the simple CSV format). */
  defaultUsageUnit?: string;
  /** Lines to leave out: rows that are no charge at all. */
  skip?(row: CostRow): boolean;
}

function alternatives(column: CostColumn): readonly string[] {
  return typeof column === 'string' ? [column] : column;
}

function describe(column: CostColumn): string {
  return alternatives(column).join(' or ');
}

// Parsed tag cells by their text: a file repeats the same few tag sets on
// most of its rows, and parsing JSON is the dearest step of reading a row.
// The cache is cleared when full, which bounds it whatever the file.
const TAG_CACHE_LIMIT = 20_000;
const tagCache = new Map<string, Readonly<Record<string, string>>>();
const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

function parseJsonTags(text: string): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const tags: Record<string, string> = {};
  if (Array.isArray(parsed)) {
    // Google Cloud: [{"key": "team", "value": "ml"}]
    for (const item of parsed) {
      if (item && typeof item === 'object' && typeof item.key === 'string') {
        tags[item.key] = item.value === null ? '' : String(item.value ?? '');
      }
    }
    return tags;
  }
  if (parsed && typeof parsed === 'object') {
    for (const [key, value] of Object.entries(parsed)) {
      if (value !== null && typeof value !== 'object') {
        tags[key] = String(value);
      }
    }
    return tags;
  }
  return undefined;
}

/**
 * Reads a tags cell of a billing export: a JSON object (FOCUS `Tags`, CUR
 * 2.0 `resource_tags`), a JSON array of `{key, value}` (Google Cloud
 * `labels`), Azure's object written without its braces
 * (`"env": "prod","team": "ml"`), or `key=value` pairs separated by `;` or
 * `,`. A cell that is none of these yields no tags.
 *
 * @public
 */
export function parseCostTags(
  cell: string | undefined,
): Readonly<Record<string, string>> {
  const text = cell?.trim();
  if (!text) return NO_TAGS;
  const cached = tagCache.get(text);
  if (cached) return cached;
  let tags: Record<string, string> | undefined;
  if (text.startsWith('{') || text.startsWith('[')) {
    tags = parseJsonTags(text);
  } else if (text.startsWith('"')) {
    tags = parseJsonTags(`{${text}}`);
  }
  if (!tags) {
    // key=value pairs; keys may hold '/' and '.', values full entity refs,
    // so only the first '=' of a pair splits it.
    tags = {};
    for (const pair of text.split(/[;,]/)) {
      const match = /^\s*([^=]+?)\s*=\s*(.*?)\s*$/.exec(pair);
      if (match) tags[match[1]] = match[2];
    }
  }
  const frozen = Object.freeze(tags);
  if (tagCache.size >= TAG_CACHE_LIMIT) tagCache.clear();
  tagCache.set(text, frozen);
  return frozen;
}

const MONTH_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](.*))?$/;

function monthFirstToIso(text: string): string {
  const match = MONTH_FIRST.exec(text);
  if (!match) return text;
  const [, month, day, year, time] = match;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return time ? `${iso}T${time}` : iso;
}

// Decimal numbers of the `amount` members of a JSON array, as written, so
// that no credit goes through a binary float.
const CREDIT_AMOUNT = /"amount"\s*:\s*"?(-?[0-9.]+(?:[eE][+-]?\d+)?)"?/g;

function creditAmounts(cell: string): string[] {
  return [...cell.matchAll(CREDIT_AMOUNT)].map(match => match[1]);
}

/**
 * Builds a format from a description of its columns: header detection,
 * versions, cost measures, tags in a column or one column per tag, credits
 * beside the cost, month-first dates.
 *
 * @public
 */
export function columnMappedCostFormat(
  definition: ColumnMappedCostFormatDefinition,
): CostExportFormat {
  const amounts = Object.fromEntries(
    Object.entries(definition.amounts).map(([measure, amount]) => [
      measure,
      amount.description,
    ]),
  );

  function indexOf(header: readonly string[]) {
    const index = new Map<string, number>();
    header.forEach((name, i) => {
      const key = name.trim().toLowerCase();
      if (!index.has(key)) index.set(key, i);
    });
    return (column: CostColumn): number | undefined => {
      for (const name of alternatives(column)) {
        const found = index.get(name.toLowerCase());
        if (found !== undefined) return found;
      }
      return undefined;
    };
  }

  function match(header: readonly string[]): number {
    const find = indexOf(header);
    if (definition.required.some(column => find(column) === undefined)) {
      return 0;
    }
    const distinctive = (definition.distinctive ?? []).filter(
      column => find(column) !== undefined,
    ).length;
    return definition.required.length + 2 * distinctive;
  }

  function createReader(
    header: readonly string[],
    options: { amount?: string } = {},
  ): CostExportReader {
    const find = indexOf(header);
    const measure = options.amount ?? definition.defaultAmount;
    const amount = definition.amounts[measure];
    if (!amount) {
      throw new Error(
        `amount: ${
          definition.title
        } has no cost measure '${measure}'; use one of ${Object.keys(
          definition.amounts,
        ).join(', ')}`,
      );
    }
    const needed = [
      ...definition.required,
      definition.fields.start,
      ...('column' in amount ? [amount.column] : amount.columns),
    ];
    const missing = needed.filter(column => find(column) === undefined);
    if (missing.length > 0) {
      throw new Error(
        `${definition.title} needs the column(s) ${[
          ...new Set(missing.map(describe)),
        ].join(', ')}; the header has ${header.join(', ')}`,
      );
    }

    const columnNames = new Map<CostColumn, string>();
    const cache = new Map<CostColumn, number | undefined>();
    const position = (column: CostColumn) => {
      if (!cache.has(column)) {
        const found = find(column);
        cache.set(column, found);
        if (found !== undefined) columnNames.set(column, header[found].trim());
      }
      return cache.get(column);
    };
    const fields = definition.fields;
    const fieldIndex = Object.fromEntries(
      Object.entries(fields).map(([field, column]) => [
        field,
        column === undefined ? undefined : position(column),
      ]),
    ) as Record<keyof typeof fields, number | undefined>;
    // A rule over several columns is named by its measure in messages.
    const amountColumn =
      'column' in amount ? header[position(amount.column)!].trim() : measure;
    const amountIndex = 'column' in amount ? position(amount.column) : -1;

    // Tag columns: whole-cell readers and per-tag columns by prefix.
    const tagCells: number[] = [];
    const tagColumns: Array<[string, number]> = [];
    for (const source of definition.tags) {
      if ('column' in source) {
        const found = position(source.column);
        if (found !== undefined) tagCells.push(found);
      } else {
        const prefix = source.prefix.toLowerCase();
        header.forEach((name, i) => {
          if (name.toLowerCase().startsWith(prefix)) {
            tagColumns.push([name.slice(prefix.length).trim(), i]);
          }
        });
      }
    }
    const creditsIndex =
      definition.creditsColumn === undefined
        ? undefined
        : position(definition.creditsColumn);

    const version =
      definition.versions?.find(candidate =>
        candidate.anyOf.some(column => find(column) !== undefined),
      )?.version ??
      definition.versions?.[definition.versions.length - 1]?.version ??
      definition.title;

    const dates = definition.monthFirstDates
      ? monthFirstToIso
      : (text: string) => text;

    return {
      version,
      amount: { measure, column: amountColumn },
      columnOf(field) {
        if (field === 'amount') return amountColumn;
        const index = fieldIndex[field];
        return index === undefined ? undefined : header[index].trim();
      },
      read(cells) {
        const cell = (index: number | undefined): string | undefined => {
          if (index === undefined) return undefined;
          const value = cells[index]?.trim();
          return value ? value : undefined;
        };
        const row: CostRow = { get: column => cell(position(column)) };
        if (definition.skip?.(row)) return [];

        let tags: Readonly<Record<string, string>> = NO_TAGS;
        for (const index of tagCells) {
          const parsed = parseCostTags(cells[index]);
          if (parsed !== NO_TAGS) {
            tags = tags === NO_TAGS ? parsed : { ...tags, ...parsed };
          }
        }
        if (tagColumns.length > 0) {
          const own: Record<string, string> = { ...tags };
          for (const [key, index] of tagColumns) {
            const value = cell(index);
            if (value !== undefined) own[key] = value;
          }
          tags = own;
        }

        const amountText =
          ('column' in amount ? cell(amountIndex) : amount.value(row)) ?? '';
        const start = cell(fieldIndex.start);
        const end = cell(fieldIndex.end);
        const usageQuantity = cell(fieldIndex.usageQuantity);
        const item: CostLineItem = {
          start: start === undefined ? '' : dates(start),
          end: end === undefined ? undefined : dates(end),
          amount: amountText,
          currency: cell(fieldIndex.currency),
          credit: definition.credit?.(row, amountText) || undefined,
          category: cell(fieldIndex.category),
          chargeType: cell(fieldIndex.chargeType),
          service: cell(fieldIndex.service),
          sku: cell(fieldIndex.sku),
          usageType: cell(fieldIndex.usageType),
          usageQuantity,
          usageUnit:
            cell(fieldIndex.usageUnit) ??
            (usageQuantity === undefined
              ? undefined
              : definition.defaultUsageUnit),
          resourceId: cell(fieldIndex.resourceId),
          tags,
        };
        const credits = cell(creditsIndex);
        if (!credits) return [item];
        return [
          item,
          ...creditAmounts(credits).map(credit => ({
            ...item,
            amount: credit,
            credit: true,
            category: undefined,
            usageQuantity: undefined,
            usageUnit: undefined,
          })),
        ];
      },
    };
  }

  return {
    id: definition.id,
    title: definition.title,
    amounts,
    defaultAmount: definition.defaultAmount,
    match,
    createReader,
  };
}
