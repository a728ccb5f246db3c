/*
 * CostImportService: runs billing file imports. An upload is streamed to a
 * file in the import directory (hashed and counted on the way, refused past
 * `modelops.cost.imports.maxFileBytes`), so a file of any size costs no
 * memory. Files up to `waitBytes` are imported before the request is
 * answered; larger ones are checked for a known header, answered at once
 * with 202, and imported in the background, a few at a time per instance,
 * their progress (rows, bytes, percent) written to the import row that
 * every instance can read.
 *
 * Every import reads the whole file through the pipeline first. A dry run
 * stops there and reports. A real run writes only when no row was rejected
 * and the caller may write every entity it touches (CostImportAuthorizer),
 * then replaces its source's records of the days the file covers in one
 * transaction: re-importing a file, or importing a newer export of the same
 * days, doubles nothing, and a failure leaves nothing half-written.
 */
import type {
  AuditorServiceEvent,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type {
  CostImportJob,
  CostImportReport,
} from '@modelops/plugin-modelops-common';
import { parse as parseSync } from 'csv-parse/sync';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import type { CallerCredentials } from '../../service/authorizeEntity';
import type { CostSettings } from '../CostConfig';
import { CostEntityResolver } from '../CostEntityResolver';
import { problemsError } from '../CostRecordPolicy';
import type { CostStore } from '../types';
import type {
  CostImportAuthorizer,
  CostImportCaller,
  CostImportScope,
} from './CostImportAuthorizer';
import type {
  CostImportPipeline,
  CostImportReading,
} from './CostImportPipeline';
import type { CostImportSources } from './CostImportSources';
import type { DatabaseCostImportStore } from './DatabaseCostImportStore';

/** Writes of progress at most this often, per import. */
const PROGRESS_INTERVAL_MS = 1_000;
/** Queued imports tell they are alive this often. */
const HEARTBEAT_MS = 30_000;
/** Upload files older than this are left over from a stopped instance. */
const STALE_FILE_MS = 24 * 60 * 60_000;
/** Bytes read to check the header of a file imported in the background. */
const PROBE_BYTES = 1024 * 1024;

/** The query of an import, parsed. */
export interface CostImportParameters {
  source?: string;
  format?: string;
  dryRun: boolean;
  fileName?: string;
  confirms?: string;
}

/** An uploaded file waiting in the import directory. */
interface Upload {
  path: string;
  bytes: number;
  sha256: string;
  gzip: boolean;
}

/** One import from upload to outcome. */
interface ImportRun {
  id: string;
  /** Who imports: asked live, or as taken at upload for the background. */
  caller: CostImportCaller;
  createdBy: string;
  parameters: CostImportParameters;
  upload: Upload;
  audit: AuditorServiceEvent;
}

/** What the service needs. */
export interface CostImportServiceOptions {
  settings: Pick<CostSettings, 'imports' | 'mapping'>;
  pipeline: CostImportPipeline;
  sources: CostImportSources;
  authorizer: CostImportAuthorizer;
  store: CostStore;
  imports: DatabaseCostImportStore;
  logger: LoggerService;
}

/** The creator of an import as its row records it. */
export function principalRef(credentials: CallerCredentials): string {
  const principal = credentials.principal;
  return principal.type === 'user'
    ? principal.userEntityRef.toLocaleLowerCase('en-US')
    : `service:${principal.subject}`;
}

/** Runs imports and answers for them. */
export class CostImportService {
  private readonly directory: string;
  private readonly queue: ImportRun[] = [];
  /** Imports of this instance that are queued or running. */
  private readonly alive = new Set<string>();
  private running = 0;
  private heartbeat?: NodeJS.Timeout;

  private constructor(private readonly options: CostImportServiceOptions) {
    this.directory =
      options.settings.imports.directory ??
      path.join(os.tmpdir(), 'modelops-cost-imports');
  }

  static async create(
    options: CostImportServiceOptions,
  ): Promise<CostImportService> {
    const service = new CostImportService(options);
    await service.prepareDirectory();
    return service;
  }

  // Creates the directory and removes uploads a stopped instance left.
  private async prepareDirectory(): Promise<void> {
    await fs.promises.mkdir(this.directory, { recursive: true });
    const now = Date.now();
    for (const name of await fs.promises.readdir(this.directory)) {
      if (!name.endsWith('.upload')) continue;
      const file = path.join(this.directory, name);
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (stat && now - stat.mtimeMs > STALE_FILE_MS) {
        await fs.promises.rm(file, { force: true });
      }
    }
  }

  /** How far the caller may import; throws 403 when not at all. */
  scope(credentials: CallerCredentials): Promise<CostImportScope> {
    return this.options.authorizer.scope(credentials);
  }

  /**
   * Receives an upload and imports it, before answering when the file is
   * small and in the background otherwise.
   *
   * @returns the import, and whether it has finished
   * @throws InputError for an empty, oversized or unreadable file, a file
   *   with rejected rows (real runs), or an unknown source or format
   * @throws NotAllowedError when the caller may not write what the file holds
   */
  async start(request: {
    body: Readable;
    declaredBytes?: number;
    credentials: CallerCredentials;
    scope: CostImportScope;
    parameters: CostImportParameters;
    audit: AuditorServiceEvent;
    /** Import before answering, whatever the size (the CSV route). */
    wait?: boolean;
  }): Promise<{ job: CostImportJob; finished: boolean }> {
    const { parameters, credentials } = request;
    this.options.sources.check(parameters.source);
    if (parameters.format) this.options.pipeline.format(parameters.format);
    const id = randomUUID();
    const upload = await this.receive(id, request.body, request.declaredBytes);
    const wait =
      request.wait || upload.bytes <= this.options.settings.imports.waitBytes;
    const { authorizer } = this.options;
    const base = {
      id,
      createdBy: principalRef(credentials),
      dryRun: parameters.dryRun,
      fileName: parameters.fileName,
      fileBytes: upload.bytes,
      sha256: upload.sha256,
    };
    let run: ImportRun | undefined;
    try {
      run = {
        id,
        caller: wait
          ? authorizer.live(credentials, request.scope)
          : await authorizer.snapshot(credentials, request.scope),
        createdBy: base.createdBy,
        parameters,
        upload,
        audit: request.audit,
      };
      if (parameters.confirms) await this.checkConfirms(run);
      if (wait) {
        const outcome = await this.execute(run);
        await this.options.imports.create(
          { ...base, source: outcome.source, status: 'succeeded' },
          {
            status: 'succeeded',
            source: outcome.source,
            format: outcome.format,
            report: outcome.report,
            rows: outcome.report.rows.read,
            bytes: upload.bytes,
          },
        );
        await request.audit.success();
        await this.remove(upload);
        return { job: (await this.find(id))!.job, finished: true };
      }
      await this.probe(run);
      await this.options.imports.create({
        ...base,
        source: parameters.source,
        status: 'queued',
      });
    } catch (error) {
      await this.remove(upload);
      await request.audit.fail({ error: error as Error });
      throw error;
    }
    // Answered as queued, whatever the queue does next.
    const queued = (await this.find(id))!.job;
    this.enqueue(run!);
    return { job: queued, finished: false };
  }

  /** An import and its creator, when it exists. */
  async find(
    id: string,
  ): Promise<{ job: CostImportJob; createdBy: string } | undefined> {
    const stored = await this.options.imports.get(id);
    if (!stored) return undefined;
    const { createdBy, format: _, ...job } = stored;
    return { job, createdBy };
  }

  // Streams the body to the import directory, hashing and counting it.
  private async receive(
    id: string,
    body: Readable,
    declaredBytes: number | undefined,
  ): Promise<Upload> {
    const max = this.options.settings.imports.maxFileBytes;
    const tooLarge = () =>
      new InputError(
        `body: the file is larger than ${max} bytes (modelops.cost.imports.maxFileBytes)`,
      );
    if (declaredBytes !== undefined && declaredBytes > max) {
      throw tooLarge();
    }
    const file = path.join(this.directory, `${id}.upload`);
    const hash = createHash('sha256');
    let bytes = 0;
    let head = Buffer.alloc(0);
    const upload: Upload = { path: file, bytes: 0, sha256: '', gzip: false };
    try {
      await pipeline(
        body,
        async function* measure(chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            bytes += chunk.length;
            if (bytes > max) throw tooLarge();
            if (head.length < 2) head = Buffer.concat([head, chunk]);
            hash.update(chunk);
            yield chunk;
          }
        },
        fs.createWriteStream(file),
      );
    } catch (error) {
      await this.remove(upload);
      throw error;
    }
    if (bytes === 0) {
      await this.remove(upload);
      throw new InputError(
        'body: expected a billing export file (text/csv, plain or gzip), got an empty body',
      );
    }
    return {
      path: file,
      bytes,
      sha256: hash.digest('hex'),
      gzip: head[0] === 0x1f && head[1] === 0x8b,
    };
  }

  private async remove(upload: Upload): Promise<void> {
    await fs.promises.rm(upload.path, { force: true });
  }

  // The dry run an import confirms must be the caller's, of the same file.
  private async checkConfirms(run: ImportRun): Promise<void> {
    const id = run.parameters.confirms!;
    const dryRun = await this.options.imports.get(id);
    if (!dryRun || dryRun.createdBy !== run.createdBy || !dryRun.dryRun) {
      throw new NotFoundError(`confirms: no dry run ${id} of yours`);
    }
    if (dryRun.status !== 'succeeded') {
      throw new ConflictError(
        `confirms: dry run ${id} has not read its file to the end (${dryRun.status})`,
      );
    }
    if (dryRun.sha256 !== run.upload.sha256) {
      throw new ConflictError(
        `confirms: the file differs from the one dry run ${id} read (SHA-256 ${dryRun.sha256})`,
      );
    }
  }

  // Reads the header row of a large file before it is queued, so that a
  // file of no known format is refused at once.
  private async probe(run: ImportRun): Promise<void> {
    const handle = await fs.promises.open(run.upload.path, 'r');
    let head: Buffer;
    try {
      const buffer = Buffer.alloc(PROBE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, PROBE_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    let text: string;
    try {
      // A sync flush yields what the first megabyte holds, without
      // failing on the stream it cuts short.
      text = (
        run.upload.gzip
          ? gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH })
          : head
      ).toString('utf8');
    } catch (error) {
      throw new InputError(
        `body: not a readable gzip file: ${(error as Error).message}`,
      );
    }
    const end = text.indexOf('\n');
    let header: string[] = [];
    try {
      [header = []] = parseSync(end === -1 ? text : text.slice(0, end + 1), {
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
      });
    } catch (error) {
      throw new InputError(
        `body: not a valid CSV file: ${(error as Error).message}`,
      );
    }
    const format = this.formatFor(run);
    const chosen = format
      ? this.options.pipeline.format(format)
      : this.options.pipeline.detect(header.map(cell => cell.trim()));
    if (!chosen) {
      throw new InputError(
        `body: the header row fits none of the billing export formats; it starts with ${header
          .slice(0, 12)
          .join(', ')}`,
      );
    }
  }

  private formatFor(run: ImportRun): string | undefined {
    return (
      run.parameters.format ??
      this.options.sources.formatOf(run.parameters.source)
    );
  }

  private enqueue(run: ImportRun): void {
    this.queue.push(run);
    this.alive.add(run.id);
    // Queued imports, and running ones in phases without progress (the
    // final write), tell every instance they are alive.
    this.heartbeat ??= setInterval(() => {
      const ids = [...this.alive];
      if (ids.length === 0) return;
      this.options.imports
        .touch(ids)
        .catch(error =>
          this.options.logger.warn(`Cost import heartbeat failed: ${error}`),
        );
    }, HEARTBEAT_MS);
    this.heartbeat.unref?.();
    this.next();
  }

  private next(): void {
    while (
      this.running < this.options.settings.imports.concurrency &&
      this.queue.length > 0
    ) {
      const run = this.queue.shift()!;
      this.running += 1;
      this.background(run).finally(() => {
        this.alive.delete(run.id);
        this.running -= 1;
        if (this.queue.length === 0 && this.running === 0 && this.heartbeat) {
          clearInterval(this.heartbeat);
          this.heartbeat = undefined;
        }
        this.next();
      });
    }
  }

  private async background(run: ImportRun): Promise<void> {
    const { imports, logger } = this.options;
    let last = 0;
    let rows = 0;
    let bytes = 0;
    try {
      await imports.progress(run.id, 0, 0);
      const outcome = await this.execute(run, progress => {
        rows = progress.rows;
        bytes = progress.bytes;
        const now = Date.now();
        if (now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        imports
          .progress(run.id, rows, bytes)
          .catch(error =>
            logger.warn(`Cost import ${run.id} progress not written: ${error}`),
          );
      });
      await imports.finish(run.id, {
        status: 'succeeded',
        source: outcome.source,
        format: outcome.format,
        report: outcome.report,
        rows: outcome.report.rows.read,
        bytes: run.upload.bytes,
      });
      await run.audit.success();
      logger.info(
        `Cost import ${run.id} of ${outcome.source} finished: ${
          outcome.report.rows.read
        } rows, ${outcome.report.records} records${
          run.parameters.dryRun ? ' (dry run)' : ''
        }`,
      );
    } catch (error) {
      const clientError =
        error instanceof InputError ||
        error instanceof NotAllowedError ||
        error instanceof NotFoundError;
      // Problems of the file or the caller are the answer; others belong
      // in the log with their cause, and the import says only that.
      const message = clientError
        ? (error as Error).message
        : `the import failed on the server (see the backend log for cost import ${run.id})`;
      if (!clientError) {
        logger.error(`Cost import ${run.id} failed`, error as Error);
      }
      await imports
        .finish(run.id, {
          status: 'failed',
          error: message,
          rows,
          bytes,
        })
        .catch(finishError =>
          logger.error(`Cost import ${run.id} not marked failed`, finishError),
        );
      await run.audit.fail({ error: error as Error });
    } finally {
      await this.remove(run.upload);
    }
  }

  // Reads the file to its end and, unless a dry run, writes its records.
  private async execute(
    run: ImportRun,
    onProgress?: (progress: { rows: number; bytes: number }) => void,
  ): Promise<{ source: string; format: string; report: CostImportReport }> {
    const { pipeline: importPipeline, sources, store, imports } = this.options;
    const entities = await run.caller.entities();
    const resolver = CostEntityResolver.create({
      entities,
      rules: this.options.settings.mapping.entityTags,
    });
    const reading = await importPipeline.read(
      {
        stream: fs.createReadStream(run.upload.path),
        gzip: run.upload.gzip,
      },
      {
        format: this.formatFor(run),
        source: format => sources.resolve(run.parameters.source, format),
        resolver,
        onProgress,
      },
    );
    const existing = await store.sourceDays(reading.source.name, reading.days);
    const refusal =
      reading.report.rows.rejected > 0
        ? `${reading.report.rows.rejected} rejected row(s); nothing is imported while any row is rejected`
        : await run.caller.refusal({
            written: [
              ...new Set(reading.records.map(record => record.entityRef)),
            ],
            replaced: existing.entityRefs,
            inCatalog: ref => resolver.entity(ref) !== undefined,
          });
    const report: CostImportReport = {
      ...reading.report,
      dryRun: run.parameters.dryRun,
      replacedRecords: existing.records,
      previousImport: await imports.previous(run.upload.sha256, run.id),
      commit: run.parameters.dryRun
        ? { allowed: refusal === undefined, reason: refusal }
        : undefined,
    };
    if (!run.parameters.dryRun) {
      await this.write(reading, refusal);
    }
    return { source: reading.source.name, format: report.format.id, report };
  }

  private async write(
    reading: CostImportReading,
    refusal: string | undefined,
  ): Promise<void> {
    const { report } = reading;
    if (report.rows.rejected > 0) {
      throw problemsError(
        'body: nothing imported',
        report.rejected.map(
          rejected =>
            `row ${rejected.row}${
              rejected.column ? ` ${rejected.column}` : ''
            }: ${rejected.reason}`,
        ),
        { total: report.rows.rejected },
      );
    }
    if (refusal) throw new NotAllowedError(refusal);
    await this.options.store.replaceSourceDays(
      reading.source.name,
      reading.days,
      reading.records,
    );
  }
}
