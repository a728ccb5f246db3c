/*
 * CostImportPipeline: the one way a billing file becomes cost records,
 * whatever its format. The file streams through gzip (when compressed) and
 * csv-parse, a row at a time, so memory follows the distinct days, entities
 * and tag values of the file, never its size. The header row picks the
 * format (or the source names one); the format's reader turns each row into
 * line items; every line then obeys the rules of the records API
 * (CostRecordPolicy: finite, bounded, negative only as a credit, a known
 * currency converted by the rate table), is mapped to an entity by its tags
 * and to a category by the mapping rules, spread over the days its charge
 * period covers and summed exactly per day, entity, version and category.
 *
 * A rejected row is reported with its row number and reason and the rest is
 * read on; whether anything is written is the caller's decision (an import
 * with rejected rows writes nothing).
 */
import { InputError } from '@backstage/errors';
import type {
  CostCategory,
  CostImportReport,
} from '@modelops/plugin-modelops-common';
import type {
  CostExportFormat,
  CostExportReader,
  CostLineItem,
} from '@modelops/plugin-modelops-node';
import { parse } from 'csv-parse';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { CostSourceSettings } from '../CostConfig';
import {
  type CostEntityResolver,
  tagValueOf,
  unmappedEntityRef,
} from '../CostEntityResolver';
import type { CostCategorizer } from '../CostMapping';
import type { CostRecordPolicy } from '../CostRecordPolicy';
import { exactToMicros, parseExact } from '../money';
import type { StoredCostRecord } from '../types';
import { parseChargeTime, spreadOverDays } from './chargePeriod';
import {
  CostImportTally,
  type RowDestination,
  type TalliedShare,
} from './CostImportTally';

/** Longest record csv-parse reads, in characters: bounds a broken quote. */
const MAX_RECORD_CHARS = 1_000_000;
/** Rows between two progress reports. */
const PROGRESS_ROWS = 5_000;
const CURRENCY = /^[A-Z]{3}$/;

/** Bytes of an import's file. */
export interface CostImportInput {
  stream: Readable;
  /** Whether the bytes are gzip-compressed (the file starts 1f 8b). */
  gzip: boolean;
}

/** How one import reads its file. */
export interface CostImportReadOptions {
  /** A format id; detected from the header when absent. */
  format?: string;
  /** The source of the records, given the format of the file. */
  source(format: CostExportFormat): CostSourceSettings;
  resolver: CostEntityResolver;
  /** Called every few thousand rows and at the end. */
  onProgress?(progress: { rows: number; bytes: number }): void;
}

/** What an import read: its records and its report so far. */
export interface CostImportReading {
  source: CostSourceSettings;
  records: StoredCostRecord[];
  days: string[];
  report: Omit<
    CostImportReport,
    'dryRun' | 'replacedRecords' | 'previousImport'
  >;
}

function rowKey(cells: readonly string[]): string {
  return cells.map(cell => cell.trim()).join('\u0000');
}

/** Reads billing files into cost records with one set of rules. */
export class CostImportPipeline {
  private constructor(
    private readonly formats: CostExportFormat[],
    private readonly categorizer: CostCategorizer,
    private readonly policy: CostRecordPolicy,
    private readonly options: { versionTag?: string; maxSpreadDays: number },
  ) {}

  static create(options: {
    formats: CostExportFormat[];
    categorizer: CostCategorizer;
    policy: CostRecordPolicy;
    versionTag?: string;
    maxSpreadDays: number;
  }): CostImportPipeline {
    return new CostImportPipeline(
      options.formats,
      options.categorizer,
      options.policy,
      options,
    );
  }

  /** The format a header is in: the one that fits it best. */
  detect(header: readonly string[]): CostExportFormat | undefined {
    let best: { format: CostExportFormat; score: number } | undefined;
    for (const format of this.formats) {
      const score = format.match(header);
      if (score > 0 && (!best || score > best.score)) best = { format, score };
    }
    return best?.format;
  }

  /** The format of an id, or an InputError naming the known ones. */
  format(id: string): CostExportFormat {
    const format = this.formats.find(candidate => candidate.id === id);
    if (!format) {
      throw new InputError(
        `format: unknown format '${id}'; use one of ${this.formats
          .map(candidate => candidate.id)
          .join(', ')}`,
      );
    }
    return format;
  }

  /**
   * Reads a file to its end.
   *
   * @throws InputError when the file is not CSV, has no data rows, or its
   *   header fits no format (or lacks columns of the one named)
   */
  async read(
    input: CostImportInput,
    options: CostImportReadOptions,
  ): Promise<CostImportReading> {
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback(null, chunk);
      },
    });
    const parser = parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARS,
    });
    // A text CSV holds no NUL byte; a UTF-16 or binary file holds many, and
    // PostgreSQL could not store one in a text column.
    const textOnly = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        callback(
          chunk.indexOf(0) === -1
            ? null
            : new InputError(
                'body: the file holds NUL bytes; expected a UTF-8 text CSV file (plain or gzip)',
              ),
          chunk,
        );
      },
    });
    const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream> = [
      input.stream,
      counter,
      ...(input.gzip ? [createGunzip()] : []),
      textOnly,
      parser,
    ];
    // The stages run while the rows are read; their failure (a corrupt gzip
    // stream, a broken quote) ends the loop below with the error.
    const piping = pipeline(stages as any).catch(error => {
      parser.destroy(error);
    });

    let header: string[] | undefined;
    let headerKey = '';
    let reader: CostExportReader | undefined;
    let format: CostExportFormat | undefined;
    let source: CostSourceSettings | undefined;
    let tally: CostImportTally | undefined;
    let row = 1;
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        if (!header) {
          header = cells.map(cell => cell.trim());
          headerKey = rowKey(header);
          format = options.format
            ? this.format(options.format)
            : this.detect(header);
          if (!format) throw this.unknownFormat(header);
          source = options.source(format);
          reader = this.reader(format, header, source);
          tally = new CostImportTally(this.policy);
          continue;
        }
        row += 1;
        tally!.counts.read += 1;
        // Parts of an export joined with `cat` repeat their header.
        if (cells[0]?.trim() === header[0] && rowKey(cells) === headerKey) {
          tally!.counts.skipped += 1;
          continue;
        }
        // More cells than the header means a quote or separator went
        // astray, and every value after it is in the wrong column.
        if (cells.length > header.length) {
          tally!.reject(
            row,
            `has ${cells.length} cells, the header row ${header.length}: a field holding a comma or a quote is not quoted`,
          );
          continue;
        }
        this.readRow(row, cells, reader!, source!, options.resolver, tally!);
        if (row % PROGRESS_ROWS === 0) {
          options.onProgress?.({ rows: tally!.counts.read, bytes });
        }
      }
    } catch (error) {
      input.stream.destroy();
      throw this.readError(error, row);
    }
    await piping;
    if (!header || !tally || !reader || !format || !source) {
      throw new InputError('body: expected a CSV file with a header row');
    }
    if (tally.counts.read === 0) {
      throw new InputError('body: the file has a header row but no data rows');
    }
    options.onProgress?.({ rows: tally.counts.read, bytes });
    // Sums first: a sum beyond the record bounds rejects rows too.
    const records = tally.records(source.name, reader.amount.column);
    return {
      source,
      records,
      days: tally.days(),
      report: {
        source: source.name,
        format: { id: format.id, title: format.title, version: reader.version },
        amount: reader.amount,
        currency: this.policy.currency,
        ...tally.report(ref => options.resolver.entity(ref)?.owner),
        records: records.length,
      },
    };
  }

  private reader(
    format: CostExportFormat,
    header: string[],
    source: CostSourceSettings,
  ): CostExportReader {
    try {
      return format.createReader(header, { amount: source.amount });
    } catch (error) {
      throw new InputError(`body: ${(error as Error).message}`);
    }
  }

  private unknownFormat(header: string[]): InputError {
    const shown = header.slice(0, 12).join(', ');
    return new InputError(
      `body: the header row fits none of the billing export formats (${this.formats
        .map(format => format.title)
        .join(', ')}); it starts with ${shown}${
        header.length > 12 ? ', ...' : ''
      }. Name the format with the query parameter format or in modelops.cost.sources`,
    );
  }

  private readError(error: unknown, row: number): Error {
    if (error instanceof InputError) return error;
    const message = (error as Error)?.message ?? String(error);
    if ((error as { code?: string })?.code?.startsWith('Z_')) {
      return new InputError(`body: not a readable gzip file: ${message}`);
    }
    if ((error as { code?: string })?.code?.startsWith('CSV_')) {
      return new InputError(
        `body: not a valid CSV file after row ${row}: ${message}`,
      );
    }
    return error as Error;
  }

  /** Reads one data row into the tally, or rejects it. */
  private readRow(
    row: number,
    cells: readonly string[],
    reader: CostExportReader,
    source: CostSourceSettings,
    resolver: CostEntityResolver,
    tally: CostImportTally,
  ): void {
    let items: CostLineItem[];
    try {
      items = reader.read(cells);
    } catch (error) {
      tally.reject(row, (error as Error).message);
      return;
    }
    if (items.length === 0) {
      tally.counts.skipped += 1;
      return;
    }
    // Every line of a row shares its tags, and so its entity.
    const match = resolver.resolve(items[0].tags);
    const destination: RowDestination =
      match.entityRef !== undefined
        ? { entityRef: match.entityRef }
        : {
            tagKey: match.tagKey,
            tagValue: match.tagValue,
            unknownRef: match.unknownRef,
            pseudoRef: unmappedEntityRef(match.tagValue),
          };
    const entityRef = destination.entityRef ?? tally.unmappedRef(destination);
    const modelVersion = this.options.versionTag
      ? tagValueOf(items[0].tags, this.options.versionTag) || undefined
      : undefined;

    const lines: Array<{
      category: CostCategory;
      amount: bigint;
      shares: TalliedShare[];
    }> = [];
    for (const item of items) {
      const line = this.readLine(item, reader, source, entityRef, modelVersion);
      if ('problem' in line) {
        tally.reject(row, line.problem, line.column);
        return;
      }
      lines.push(line);
    }
    tally.addRow(row, destination, lines);
  }

  /** Checks one line item and splits it by day. */
  private readLine(
    item: CostLineItem,
    reader: CostExportReader,
    source: CostSourceSettings,
    entityRef: string,
    modelVersion: string | undefined,
  ):
    | { category: CostCategory; amount: bigint; shares: TalliedShare[] }
    | { problem: string; column?: string } {
    const column = (field: Parameters<CostExportReader['columnOf']>[0]) =>
      reader.columnOf(field) ?? field;
    const start = parseChargeTime(item.start);
    if (start === undefined) {
      return {
        column: column('start'),
        problem: `expected an ISO 8601 date or date-time, got '${item.start}'`,
      };
    }
    const end = item.end === undefined ? undefined : parseChargeTime(item.end);
    if (item.end !== undefined && (end === undefined || end < start)) {
      return {
        column: column('end'),
        problem:
          end === undefined
            ? `expected an ISO 8601 date or date-time, got '${item.end}'`
            : `ends before the period starts (${item.start})`,
      };
    }
    const amount = parseExact(item.amount);
    if (amount === undefined) {
      return {
        column: column('amount'),
        problem: `expected a number, got '${item.amount}'`,
      };
    }
    const currency = item.currency?.toUpperCase() ?? this.policy.currency;
    if (!CURRENCY.test(currency)) {
      return {
        column: column('currency'),
        problem: `expected an ISO 4217 code such as USD, got '${item.currency}'`,
      };
    }
    const currencyProblem = this.policy.currencyProblem(currency);
    if (currencyProblem) {
      return { column: column('currency'), problem: currencyProblem };
    }
    const reporting = this.policy.toReportingCurrency(amount, currency)!;
    const { category, inferences } = this.categorizer.classify(
      item,
      source.defaultCategory,
    );
    const amountProblem = this.policy.amountProblem(
      exactToMicros(reporting),
      category,
    );
    if (amountProblem) {
      return { column: column('amount'), problem: amountProblem };
    }
    let quantity: number | undefined;
    if (inferences && item.usageQuantity !== undefined) {
      quantity = Number(item.usageQuantity);
      if (!Number.isFinite(quantity) || quantity < 0) {
        return {
          column: column('usageQuantity'),
          problem: `expected a number of zero or more, got '${item.usageQuantity}'`,
        };
      }
    }
    const shares = spreadOverDays(
      start,
      end,
      reporting,
      this.options.maxSpreadDays,
    );
    // The original amount is spread with the same fractions of the period.
    const originals =
      currency === this.policy.currency
        ? shares
        : spreadOverDays(start, end, amount, this.options.maxSpreadDays);
    return {
      category,
      amount: reporting,
      shares: shares.map((share, index) => ({
        day: share.day,
        entityRef,
        modelVersion,
        category,
        amount: share.amount,
        original: { currency, amount: originals[index].amount },
        inferences:
          quantity === undefined ? undefined : quantity * share.fraction,
      })),
    };
  }
}
