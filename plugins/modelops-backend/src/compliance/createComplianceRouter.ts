import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  dossierQuerySchema,
  entityComplianceQuerySchema,
  obligationListQuerySchema,
  obligationsApplyingFrom,
  portfolioComplianceQuerySchema,
  type CheckMetadata,
  type CheckRule,
  type EntityComplianceResponse,
  type ObligationListResponse,
  type ObligationStatus,
  type PortfolioComplianceResponse,
  type PortfolioObligation,
} from '@modelops/plugin-modelops-common';
import type { Request, Router } from 'express';
import Router_ from 'express-promise-router';
import type { z } from 'zod';
import type { ChangeStore } from '../changes/types';
import { CostFactRedactor, type MessageFilter } from '../cost/CostFactRedactor';
import type { DeliveryStore, IncidentStore } from '../delivery/types';
import type { EvidenceStore } from '../evidence/types';
import type { ReviewStore } from '../reviews/types';
import type { ScorecardStore } from '../scorecards/types';
import { chunks } from '../service/chunks';
import { requireCredentials } from '../service/authorizeEntity';
import { parseQuery } from '../service/parseQuery';
import { queryAllEntities } from '../service/queryAllEntities';
import { requireModel } from '../service/requireModel';
import type { ModelOpsRouterOptions } from '../service/types';
import {
  assessCompliance,
  obligationRows,
  type CheckOutcome,
} from './assessCompliance';
import { buildDossier } from './buildDossier';
import { renderDossierMarkdown } from './renderDossierMarkdown';
import { renderDossierPdf } from './renderDossierPdf';

/** What the compliance routes read. */
export interface ComplianceServices {
  /**
   * The registered checks (shipped, config and module) with their rules,
   * read on each request.
   */
  checks: () => Array<CheckMetadata & { rule?: CheckRule }>;
  scorecards: ScorecardStore;
  evidence: EvidenceStore;
  changes: ChangeStore;
  delivery: DeliveryStore;
  incidents: IncidentStore;
  reviews: Pick<ReviewStore, 'listDecisions'>;
  now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Records the dossier reads per kind; enough for a year of weekly evidence. */
const DOSSIER_LIMIT = 200;

/**
 * Stored check outcomes of models, with waivers applied at read time and,
 * where given, messages as the caller may read them (cost).
 */
async function outcomesOf(
  store: ScorecardStore,
  refs: string[],
  now: string,
  messageFor: MessageFilter = (_id, message) => message,
): Promise<Map<string, Map<string, CheckOutcome>>> {
  const out = new Map<string, Map<string, CheckOutcome>>();
  for (const page of chunks(refs, 500)) {
    const [results, waivers] = await Promise.all([
      store.getResults(page),
      store.getActiveWaivers(page, now),
    ]);
    for (const ref of page) {
      const waived = waivers.get(ref);
      out.set(
        ref,
        new Map(
          (results.get(ref) ?? []).map(r => [
            r.checkId,
            {
              state:
                r.state === 'fail' && waived?.has(r.checkId)
                  ? 'waived'
                  : r.state,
              ...(r.message
                ? { message: messageFor(r.checkId, r.message) }
                : {}),
            },
          ]),
        ),
      );
    }
  }
  return out;
}

function fileName(entity: Entity, version: string, extension: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${safe(entity.metadata.name)}-${safe(version)}-annex-iv.${extension}`;
}

/**
 * Routes of the compliance feature: the obligations table with the checks
 * citing each, one model's obligations with their dates and outcomes, the
 * portfolio per obligation, and the Annex IV dossier of a model version.
 * Every route reads; the catalog is read with the caller's credentials, so a
 * caller sees only the models they may see.
 */
export function createComplianceRouter(
  options: ModelOpsRouterOptions,
  services: ComplianceServices,
): Router {
  const now = services.now ?? (() => new Date());
  const costMessages = CostFactRedactor.fromRouterOptions(
    options,
    services.checks,
  );
  const router = Router_();

  router.get('/compliance/obligations', async (req, res) => {
    await requireCredentials(options, req, { allowService: true });
    const query = parseQuery(obligationListQuerySchema, req.query);
    const dated = query.appliesFrom
      ? new Set(obligationsApplyingFrom(query.appliesFrom).map(o => o.id))
      : undefined;
    const items = obligationRows(services.checks(), query.instrument).filter(
      row => !dated || dated.has(row.obligation.id),
    );
    const body: ObligationListResponse = { items };
    res.json(body);
  });

  /**
   * What both per-model routes start with: the caller, the parsed query and
   * the MLModel it names, as the caller may see it in the catalog.
   */
  async function readModel<T extends z.ZodType<{ entityRef: string }>>(
    req: Request,
    schema: T,
  ) {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const query = parseQuery(schema, req.query);
    const entity = await requireModel(
      options,
      credentials,
      query.entityRef,
      'query.entityRef',
    );
    const entityRef = stringifyEntityRef(entity).toLowerCase();
    return { credentials, query, entity, entityRef };
  }

  router.get('/compliance/entity', async (req, res) => {
    const { credentials, query, entity, entityRef } = await readModel(
      req,
      entityComplianceQuerySchema,
    );
    const today = now();
    const outcomes = await outcomesOf(
      services.scorecards,
      [entityRef],
      today.toISOString(),
      await costMessages.messagesFor(credentials, entity),
    );
    const body: EntityComplianceResponse = {
      entityRef,
      asOf: today.toISOString().slice(0, 10),
      obligations: assessCompliance({
        entity,
        checks: services.checks(),
        outcomes: outcomes.get(entityRef) ?? new Map(),
        today,
        instrument: query.instrument,
      }),
    };
    res.json(body);
  });

  router.get('/compliance/portfolio', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const query = parseQuery(portfolioComplianceQuerySchema, req.query);
    const today = now();
    const models = await queryAllEntities(
      options.catalog,
      { filter: { kind: 'MLModel' } },
      credentials,
    );
    const refs = models.map(m => stringifyEntityRef(m).toLowerCase());
    const outcomes = await outcomesOf(
      services.scorecards,
      refs,
      today.toISOString(),
    );
    const checks = services.checks();
    const rows = new Map<string, PortfolioObligation>(
      obligationRows(checks, query.instrument).map(row => [
        row.obligation.id,
        {
          ...row,
          models: {
            met: 0,
            failing: 0,
            'not-evidenced': 0,
            'not-applicable': 0,
          },
          failingModels: [],
          ...(row.obligation.appliesFrom
            ? {
                daysLeft: Math.max(
                  0,
                  Math.ceil(
                    (Date.parse(`${row.obligation.appliesFrom}T00:00:00Z`) -
                      today.getTime()) /
                      DAY_MS,
                  ),
                ),
              }
            : {}),
        },
      ]),
    );
    models.forEach((entity, i) => {
      const assessed = assessCompliance({
        entity,
        checks,
        outcomes: outcomes.get(refs[i]) ?? new Map(),
        today,
        instrument: query.instrument,
      });
      const seen = new Set<string>();
      for (const a of assessed) {
        const row = rows.get(a.obligation.id)!;
        row.models[a.status] += 1;
        if (a.status === 'failing') row.failingModels.push(refs[i]);
        seen.add(a.obligation.id);
      }
      // Frameworks listed only where a check applies count as not applicable elsewhere.
      for (const [id, row] of rows) {
        if (!seen.has(id))
          row.models['not-applicable' as ObligationStatus] += 1;
      }
    });
    const body: PortfolioComplianceResponse = {
      asOf: today.toISOString().slice(0, 10),
      modelCount: models.length,
      obligations: [...rows.values()],
    };
    res.json(body);
  });

  router.get('/compliance/dossier', async (req, res) => {
    const { credentials, query, entity, entityRef } = await readModel(
      req,
      dossierQuerySchema,
    );
    const today = now();
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    const datasetRefs = [
      ...new Set(
        [spec.trainedOn, spec.evaluatedOn]
          .flatMap(v => (Array.isArray(v) ? v : []))
          .filter((v): v is string => typeof v === 'string'),
      ),
    ];
    const [
      datasets,
      evaluations,
      snapshots,
      changes,
      deliveryEvents,
      incidents,
      waivers,
      reviewDecisions,
      outcomes,
    ] = await Promise.all([
      datasetRefs.length === 0
        ? Promise.resolve({ items: [] as Array<Entity | undefined> })
        : options.catalog.getEntitiesByRefs(
            { entityRefs: datasetRefs },
            { credentials },
          ),
      services.evidence.listEvaluations({
        modelRef: entityRef,
        limit: DOSSIER_LIMIT,
      }),
      services.evidence.listMonitoringSnapshots({
        modelRef: entityRef,
        limit: DOSSIER_LIMIT,
      }),
      services.changes.listChanges({ entityRef, limit: DOSSIER_LIMIT }),
      services.delivery.listEventsForWindow(
        [entityRef],
        new Date(today.getTime() - 365 * DAY_MS).toISOString(),
        today.toISOString(),
      ),
      services.incidents
        .listIncidents([entityRef])
        .then(byModel => byModel.get(entityRef) ?? []),
      services.scorecards
        .listWaivers({ entityRef, limit: 500 }, today.toISOString())
        .then(page => page.items),
      services.reviews.listDecisions(entityRef),
      costMessages
        .messagesFor(credentials, entity)
        .then(messageFor =>
          outcomesOf(
            services.scorecards,
            [entityRef],
            today.toISOString(),
            messageFor,
          ),
        ),
    ]);
    const dossier = buildDossier({
      entity,
      datasets: datasets.items.filter(
        (d): d is Entity => d !== undefined && d !== null,
      ),
      evaluations,
      snapshots,
      changes,
      deliveryEvents,
      incidents,
      waivers,
      reviewDecisions,
      compliance: assessCompliance({
        entity,
        checks: services.checks(),
        outcomes: outcomes.get(entityRef) ?? new Map(),
        today,
      }),
      generatedAt: today.toISOString(),
    });
    if (query.format === 'pdf') {
      res
        .type('application/pdf')
        .attachment(fileName(entity, dossier.version, 'pdf'))
        .send(await renderDossierPdf(dossier));
      return;
    }
    res
      .type('text/markdown; charset=utf-8')
      .attachment(fileName(entity, dossier.version, 'md'))
      .send(renderDossierMarkdown(dossier));
  });

  return router;
}
