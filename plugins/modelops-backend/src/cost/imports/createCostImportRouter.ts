/*
 * createCostImportRouter: the billing file routes.
 *
 * - `GET /cost/import-sources`: the formats and sources an uploader can
 *   choose from, and how far the caller's ingest permission reaches; 403
 *   for callers the policy denies `modelops.cost.ingest` (the upload page
 *   hides itself for them).
 * - `POST /cost/imports`: the file as the body (`text/csv`, plain or gzip),
 *   a dry run unless `dryRun=false`; 201 with the finished import for small
 *   files, 202 with a queued one for large files.
 * - `GET /cost/imports/{id}`: progress and report, for the import's creator.
 * - `POST /cost/import/csv`: the earlier route, a CSV (or JSON `{csv}`) of up
 *   to 20 MB imported before answering, with the same pipeline and rules.
 */
import { InputError, NotFoundError } from '@backstage/errors';
import {
  costImportQuerySchema,
  type CostCsvImportResponse,
  type CostImportSourcesResponse,
} from '@modelops/plugin-modelops-common';
import express, { type Request, type Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { requireCredentials } from '../../service/authorizeEntity';
import { parseBody } from '../../service/parseBody';
import { parseQuery } from '../../service/parseQuery';
import type { ModelOpsRouterOptions } from '../../service/types';
import type { CostSettings } from '../CostConfig';
import {
  type CostImportParameters,
  type CostImportService,
  principalRef,
} from './CostImportService';
import type { CostImportSources } from './CostImportSources';

const CSV_BODY_LIMIT = '20mb';
const FILE_TYPES = ['text/csv', 'text/plain'];

const csvJsonBody = z.object({
  csv: z.string().min(1, 'must hold the CSV text'),
});
const importId = z.uuid({ error: 'expected the id of an import (a UUID)' });

function parameters(
  req: Request,
  dryRunByDefault: boolean,
): CostImportParameters {
  const query = parseQuery(costImportQuerySchema, req.query);
  return {
    ...query,
    dryRun:
      query.dryRun === undefined ? dryRunByDefault : query.dryRun === 'true',
  };
}

function declaredBytes(req: Request): number | undefined {
  const length = Number(req.headers['content-length']);
  return Number.isSafeInteger(length) ? length : undefined;
}

/** Builds the billing import routes. */
export function createCostImportRouter(deps: {
  options: ModelOpsRouterOptions;
  settings: CostSettings;
  sources: CostImportSources;
  service: CostImportService;
}): Router {
  const { options, settings, sources, service } = deps;
  const router = PromiseRouter();

  const audit = (req: Request, params: CostImportParameters) =>
    options.auditor.createEvent({
      eventId: 'cost-import',
      severityLevel: 'medium',
      request: req,
      meta: {
        dryRun: params.dryRun,
        ...(params.source ? { source: params.source } : {}),
        ...(params.fileName ? { fileName: params.fileName } : {}),
      },
    });

  router.get('/cost/import-sources', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const response: CostImportSourcesResponse = {
      currency: settings.currency,
      scope: await service.scope(credentials),
      maxFileBytes: settings.imports.maxFileBytes,
      ...sources.describe(),
    };
    res.json(response);
  });

  router.post('/cost/imports', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const params = parameters(req, true);
    if (req.is(['application/json', '+json'])) {
      throw new InputError(
        'body: send the file itself as text/csv (plain or gzip), not JSON',
      );
    }
    if (
      declaredBytes(req) !== 0 &&
      req.headers['content-type'] &&
      !req.is(FILE_TYPES)
    ) {
      throw new InputError(
        `Invalid content type ${req.headers['content-type']}: send the file as text/csv (plain or gzip)`,
      );
    }
    const encoding = req.headers['content-encoding'];
    if (encoding && !['identity', 'gzip'].includes(encoding.toLowerCase())) {
      throw new InputError(
        `Content-Encoding: ${encoding} is not read; send the file as it is, plain or gzip`,
      );
    }
    const scope = await service.scope(credentials);
    const bytes = declaredBytes(req);
    if (bytes !== undefined && bytes > settings.imports.maxFileBytes) {
      // Refused before reading: close rather than drain what is still coming.
      res.setHeader('Connection', 'close');
    }
    const { job, finished } = await service.start({
      body: req,
      declaredBytes: bytes,
      credentials,
      scope,
      parameters: params,
      audit: await audit(req, params),
    });
    res.status(finished ? 201 : 202).json(job);
  });

  router.get('/cost/imports/:id', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const parsed = importId.safeParse(req.params.id);
    if (!parsed.success) {
      throw new InputError(`id: ${parsed.error.issues[0].message}`);
    }
    await service.scope(credentials);
    const found = await service.find(parsed.data);
    // Another caller's import answers as one that does not exist.
    if (!found || found.createdBy !== principalRef(credentials)) {
      throw new NotFoundError(`No cost import with id ${parsed.data}`);
    }
    res.json(found.job);
  });

  router.post(
    '/cost/import/csv',
    express.text({ type: FILE_TYPES, limit: CSV_BODY_LIMIT }),
    async (req, res) => {
      const credentials = await requireCredentials(options, req, {
        allowService: true,
      });
      const params = parameters(req, false);
      const csv =
        typeof req.body === 'string'
          ? req.body
          : parseBody(csvJsonBody, req.body).csv;
      const scope = await service.scope(credentials);
      const { job } = await service.start({
        body: Readable.from([Buffer.from(csv)]),
        credentials,
        scope,
        parameters: params,
        audit: await audit(req, params),
        wait: true,
      });
      const report = job.report!;
      const response: CostCsvImportResponse = {
        source: report.source,
        rows: report.rows.read,
        mappedRows: report.rows.mapped,
        upserted: report.dryRun ? 0 : report.records,
        unmapped: {
          rowCount: report.rows.unmapped,
          rows: report.unmapped.rows,
          total: report.unmapped.total,
          currency: report.currency,
        },
        report,
      };
      res.json(response);
    },
  );

  return router;
}
