/*
 * createCostRouter: the cost feature of the ModelOps backend. Ingestion
 * (API batches, billing file imports: see imports/), the scheduled OpenCost
 * pull, the optional demo history, the daily check of the monthly totals,
 * and the read views behind the cost pages.
 *
 * Access: ingestion takes costIngestPermission on every target entity (a
 * service token within its modelops.ingest.services scope), and the
 * entities must exist. Reads take the members of the owning group or of the
 * finance group (`modelops.cost.financeGroup`), and costReadPermission must
 * not be denied; anybody else gets 403, never an empty answer.
 */
import {
  costIngestPermission,
  costIngestRequestSchema,
  UNMAPPED_COST_KIND,
  type CostIngestResponse,
} from '@modelops/plugin-modelops-common';
import type { CostExportFormat } from '@modelops/plugin-modelops-node';
import type { Request, Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { z } from 'zod';
import { auditMutation } from '../service/auditMutation';
import { requireCredentials } from '../service/authorizeEntity';
import { authorizeIngest, readIngestScopes } from '../service/authorizeIngest';
import { parseBody } from '../service/parseBody';
import { parseQuery } from '../service/parseQuery';
import type { ModelOpsRouterOptions } from '../service/types';
import { CostAccess } from './CostAccess';
import { CostCatalog } from './CostCatalog';
import { readCostSettings } from './CostConfig';
import { CostCategorizer } from './CostMapping';
import { CostRecordPolicy } from './CostRecordPolicy';
import { CostViews } from './CostViews';
import { DatabaseCostStore } from './DatabaseCostStore';
import { loadDemoCosts } from './demo/loadDemoCosts';
import { CostImportAuthorizer } from './imports/CostImportAuthorizer';
import { CostImportPipeline } from './imports/CostImportPipeline';
import { CostImportService } from './imports/CostImportService';
import { CostImportSources } from './imports/CostImportSources';
import { createCostImportRouter } from './imports/createCostImportRouter';
import { DatabaseCostImportStore } from './imports/DatabaseCostImportStore';
import { shippedCostFormats } from './imports/shippedCostFormats';
import { exactFromNumber } from './money';
import { OpenCostSource } from './OpenCostSource';
import { scheduleMonthlyTotalsCheck } from './scheduleMonthlyTotalsCheck';

const entityQuery = z.object({
  entityRef: z
    .string({ error: 'is required' })
    .regex(
      /^[^:/\s]+:[^:/\s]+\/[^:/\s]+$/,
      'expected a full entity ref kind:namespace/name',
    ),
  months: z.coerce.number().int().min(1).max(36).default(12),
});
const teamsQuery = z.object({
  months: z.coerce.number().int().min(3).max(36).default(12),
});
const modelsQuery = teamsQuery.extend({
  team: z.string().min(1).optional(),
});
const idleQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
});

// A rule zod cannot express per row: one record per natural key within a
// batch. Reported with row paths like zod's own issues.
function duplicateProblems(
  records: z.infer<typeof costIngestRequestSchema>['records'],
): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const key = [
      record.day,
      record.entityRef.toLocaleLowerCase('en-US'),
      record.modelVersion ?? '',
      record.category,
    ].join('|');
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
    } else {
      problems.push(
        `records.${index}: repeats records.${first} (same day, entityRef, modelVersion and category)`,
      );
    }
  });
  return problems;
}

/** What backend modules add to the cost feature. */
export interface CostExtensions {
  /** Billing export formats beside the shipped ones. */
  formats?: CostExportFormat[];
}

/** Builds the cost router; schedules sources and loads demo data first. */
export async function createCostRouter(
  options: ModelOpsRouterOptions,
  extensions: CostExtensions = {},
): Promise<Router> {
  const settings = readCostSettings(options.config);
  const store = DatabaseCostStore.create({ database: options.database });
  const catalog = CostCatalog.create({ catalog: options.catalog });
  const access = CostAccess.create({
    auth: options.auth,
    permissions: options.permissions,
    catalog: options.catalog,
    financeGroup: settings.financeGroup,
  });
  const views = CostViews.create({
    store,
    catalog,
    access,
    currency: settings.currency,
  });
  const policy = CostRecordPolicy.fromSettings(settings);
  const sources = CostImportSources.create(settings, [
    ...shippedCostFormats(settings.csv),
    ...(extensions.formats ?? []),
  ]);
  const imports = await CostImportService.create({
    settings,
    pipeline: CostImportPipeline.create({
      formats: sources.formats,
      categorizer: CostCategorizer.create(settings.mapping),
      policy,
      versionTag: settings.mapping.versionTag,
      maxSpreadDays: settings.imports.maxSpreadDays,
    }),
    sources,
    authorizer: CostImportAuthorizer.create(
      options,
      catalog,
      readIngestScopes(options.config),
    ),
    store,
    imports: DatabaseCostImportStore.create({ database: options.database }),
    logger: options.logger,
  });

  if (settings.opencost) {
    await OpenCostSource.create({
      settings: settings.opencost,
      entityTags: settings.mapping.entityTags,
      policy,
      store,
      catalog,
      auth: options.auth,
      logger: options.logger,
    }).schedule(options.scheduler);
  }
  await scheduleMonthlyTotalsCheck({
    store,
    logger: options.logger,
    scheduler: options.scheduler,
  });
  if (settings.demoData) {
    await loadDemoCosts({
      database: options.database,
      currency: settings.currency,
      logger: options.logger,
    });
  }

  // Ingestion: costIngestPermission on every target entity, which must
  // exist; service tokens within their modelops.ingest.services scope.
  // Spend under the `unmapped` pseudo kind names no catalog entity; only the
  // finance group reads it.
  const scopes = readIngestScopes(options.config);
  const authorizeEntities = (
    req: Request,
    entityRefs: string[],
    field: string,
  ) =>
    authorizeIngest(
      options,
      scopes,
      req,
      costIngestPermission,
      entityRefs.filter(
        ref => !ref.toLowerCase().startsWith(`${UNMAPPED_COST_KIND}:`),
      ),
      field,
    );

  async function reader(req: Request) {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    return access.reader(credentials);
  }

  const router = PromiseRouter();

  router.post('/cost/records', async (req, res) => {
    await requireCredentials(options, req, { allowService: true });
    const body = parseBody(costIngestRequestSchema, req.body);
    const records = policy.checkAll(
      'Invalid body',
      body.records.map((record, index) => ({
        path: `records.${index}.`,
        draft: {
          ...record,
          source: body.source,
          amount: exactFromNumber(record.amount)!,
        },
      })),
      duplicateProblems(body.records),
    );
    await authorizeEntities(
      req,
      body.records.map(record => record.entityRef),
      'records.entityRef',
    );
    const response: CostIngestResponse = await auditMutation(
      options,
      req,
      {
        eventId: 'cost-ingest',
        meta: { source: body.source, records: body.records.length },
      },
      async () => ({
        source: body.source,
        upserted: await store.upsertRecords(records),
      }),
    );
    res.json(response);
  });

  router.use(
    createCostImportRouter({ options, settings, sources, service: imports }),
  );

  router.get('/cost/entity', async (req, res) => {
    const query = parseQuery(entityQuery, req.query);
    res.json(
      await views.entity(await reader(req), query.entityRef, query.months),
    );
  });

  router.get('/cost/teams', async (req, res) => {
    const query = parseQuery(teamsQuery, req.query);
    res.json(await views.teams(await reader(req), query.months));
  });

  router.get('/cost/models', async (req, res) => {
    const query = parseQuery(modelsQuery, req.query);
    res.json(await views.models(await reader(req), query.months, query.team));
  });

  router.get('/cost/idle', async (req, res) => {
    const query = parseQuery(idleQuery, req.query);
    res.json(await views.idle(await reader(req), query.days));
  });

  return router;
}
