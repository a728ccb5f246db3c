/*
 * DatabaseCostImportStore: the rows of `modelops_cost_imports`, one per
 * billing file import or dry run. The instance running an import writes
 * its progress every second or so; `updatedAt` is therefore a heartbeat,
 * and an import whose heartbeat stopped (its instance went away) reads as
 * failed instead of running for ever.
 */
import type {
  CostImportJob,
  CostImportReport,
  CostImportStatus,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';

const TABLE = 'modelops_cost_imports';

/** A running import whose heartbeat is older than this has stopped. */
export const STALE_IMPORT_MS = 2 * 60_000;

/** An import as stored, with its creator. */
export interface StoredCostImport extends CostImportJob {
  createdBy: string;
  format?: string;
}

/** What a new import row holds. */
export interface NewCostImport {
  id: string;
  createdBy: string;
  dryRun: boolean;
  source?: string;
  fileName?: string;
  fileBytes: number;
  sha256: string;
  status: CostImportStatus;
}

/** How an import ended. */
export interface CostImportOutcome {
  status: 'succeeded' | 'failed';
  source?: string;
  format?: string;
  report?: CostImportReport;
  error?: string;
  rows: number;
  bytes: number;
}

function percent(bytes: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.floor((bytes / total) * 1000) / 10);
}

/** Import rows in the plugin's database. */
export class DatabaseCostImportStore {
  private constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
  ) {}

  static create(options: {
    database: Knex;
    now?: () => Date;
  }): DatabaseCostImportStore {
    return new DatabaseCostImportStore(
      options.database,
      options.now ?? (() => new Date()),
    );
  }

  /** Inserts an import, finished already when `outcome` is given. */
  async create(job: NewCostImport, outcome?: CostImportOutcome): Promise<void> {
    const now = this.now().toISOString();
    await this.db(TABLE).insert({
      id: job.id,
      created_by: job.createdBy,
      source: outcome?.source ?? job.source ?? null,
      format: outcome?.format ?? null,
      file_name: job.fileName ?? null,
      file_bytes: job.fileBytes,
      file_sha256: job.sha256,
      dry_run: job.dryRun,
      status: outcome?.status ?? job.status,
      rows_read: outcome?.rows ?? 0,
      bytes_read: outcome?.bytes ?? 0,
      report: outcome?.report ? JSON.stringify(outcome.report) : null,
      error: outcome?.error ?? null,
      created_at: now,
      updated_at: now,
      finished_at: outcome ? now : null,
    });
  }

  /**
   * Records progress of a running import; it is its heartbeat too. A late
   * write after the import finished changes nothing.
   */
  async progress(id: string, rows: number, bytes: number): Promise<void> {
    await this.db(TABLE)
      .where({ id })
      .whereIn('status', ['queued', 'running'])
      .update({
        status: 'running',
        rows_read: rows,
        bytes_read: bytes,
        updated_at: this.now().toISOString(),
      });
  }

  /** Tells that queued or running imports are alive. */
  async touch(ids: string[]): Promise<void> {
    await this.db(TABLE)
      .whereIn('id', ids)
      .whereIn('status', ['queued', 'running'])
      .update({ updated_at: this.now().toISOString() });
  }

  /** Marks an import finished. */
  async finish(id: string, outcome: CostImportOutcome): Promise<void> {
    const now = this.now().toISOString();
    await this.db(TABLE)
      .where({ id })
      .update({
        status: outcome.status,
        source: outcome.source ?? null,
        format: outcome.format ?? null,
        rows_read: outcome.rows,
        bytes_read: outcome.bytes,
        report: outcome.report ? JSON.stringify(outcome.report) : null,
        error: outcome.error ?? null,
        updated_at: now,
        finished_at: now,
      });
  }

  /** One import, or undefined. */
  async get(id: string): Promise<StoredCostImport | undefined> {
    const row = await this.db(TABLE).where({ id }).first();
    return row && this.toJob(row);
  }

  /**
   * The latest earlier import (or dry run) of the same file that read it
   * to its end, when there is one.
   */
  async previous(
    sha256: string,
    exceptId: string,
  ): Promise<{ id: string; at: string; dryRun: boolean } | undefined> {
    const row = await this.db(TABLE)
      .select('id', 'created_at', 'dry_run')
      .where({ file_sha256: sha256, status: 'succeeded' })
      .whereNot({ id: exceptId })
      .orderBy([
        { column: 'dry_run', order: 'asc' },
        { column: 'created_at', order: 'desc' },
      ])
      .first();
    return (
      row && {
        id: String(row.id),
        at: String(row.created_at),
        dryRun: Boolean(row.dry_run),
      }
    );
  }

  private toJob(row: Record<string, any>): StoredCostImport {
    const totalBytes = Number(row.file_bytes);
    const bytes = Number(row.bytes_read);
    let status = row.status as CostImportStatus;
    let error: string | undefined = row.error ?? undefined;
    const running = status === 'running' || status === 'queued';
    if (
      running &&
      this.now().getTime() - Date.parse(row.updated_at) > STALE_IMPORT_MS
    ) {
      status = 'failed';
      error =
        'interrupted: the backend instance running the import stopped; nothing of it was written, upload the file again';
    }
    return {
      id: String(row.id),
      createdBy: String(row.created_by),
      status,
      dryRun: Boolean(row.dry_run),
      source: row.source ?? undefined,
      format: row.format ?? undefined,
      fileName: row.file_name ?? undefined,
      sha256: String(row.file_sha256),
      progress: {
        rows: Number(row.rows_read),
        bytes,
        totalBytes,
        percent: status === 'succeeded' ? 100 : percent(bytes, totalBytes),
      },
      createdAt: String(row.created_at),
      updatedAt: String(row.updated_at),
      finishedAt: row.finished_at ?? undefined,
      report: row.report ? JSON.parse(row.report) : undefined,
      error,
    };
  }
}
