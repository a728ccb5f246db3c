/*
 * createReviewsRouter: the `/reviews` routes of the ModelOps backend.
 * Reads need a user or service token; decisions need a user who belongs to
 * the deciding group or holds the review admin permission (see
 * authorizeReviewDecision). Every decision is one audited transaction.
 */
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  reviewAcceptTransferRequestSchema,
  reviewAttestRequestSchema,
  reviewBulkAttestRequestSchema,
  reviewCycleQuerySchema,
  reviewEntityQuerySchema,
  type ReviewDecision,
  type ReviewItem,
  type ReviewTeamProgress,
} from '@modelops/plugin-modelops-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import Router from 'express-promise-router';
import type { Request } from 'express';
import { z } from 'zod';
import { auditMutation } from '../service/auditMutation';
import { requireCredentials } from '../service/authorizeEntity';
import { parseBody } from '../service/parseBody';
import { parseQuery } from '../service/parseQuery';
import type { ModelOpsRouterOptions } from '../service/types';
import { zodIssuesToInputError } from '../service/zodIssuesToInputError';
import { authorizeReviewDecision } from './authorizeReviewDecision';
import { buildPortfolio } from './buildPortfolio';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { findReviewFindings } from './findReviewFindings';
import { portfolioCsv } from './portfolioCsv';
import { notifyTransfer } from './notifyTransfer';
import { CostAccess } from '../cost/CostAccess';
import { readCostSettings } from '../cost/CostConfig';
import { normalizeEntityRef } from '../service/CatalogMembership';
import { ReviewCatalog } from './ReviewCatalog';
import type { NewReviewDecision } from './types';

const itemParamsSchema = z.object({
  id: z.string().regex(/^[1-9]\d{0,15}$/, 'expected an item id'),
});

function itemIdOf(req: Request): string {
  const result = itemParamsSchema.safeParse(req.params);
  if (!result.success) {
    throw zodIssuesToInputError(result.error, 'path');
  }
  return result.data.id;
}

function toGroupRef(ref: string): string {
  return normalizeEntityRef(
    stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ),
  );
}

/** Rolls items up by owning team. */
export function progressByTeam(items: ReviewItem[]): ReviewTeamProgress[] {
  const teams = new Map<string, ReviewTeamProgress>();
  for (const item of items) {
    const team = teams.get(item.ownerRef) ?? {
      team: item.ownerRef,
      total: 0,
      pending: 0,
      kept: 0,
      transferPending: 0,
      transferred: 0,
      retired: 0,
      overdue: 0,
      percentDone: 0,
    };
    team.total += 1;
    if (item.state === 'pending') team.pending += 1;
    if (item.state === 'kept') team.kept += 1;
    if (item.state === 'transfer-pending') team.transferPending += 1;
    if (item.state === 'transferred') team.transferred += 1;
    if (item.state === 'retired') team.retired += 1;
    if (item.overdue) team.overdue += 1;
    teams.set(item.ownerRef, team);
  }
  return [...teams.values()]
    .map(t => ({
      ...t,
      percentDone: Math.round(
        ((t.kept + t.transferred + t.retired) / t.total) * 100,
      ),
    }))
    .sort(
      (a, b) =>
        a.percentDone - b.percentDone || a.team.localeCompare(b.team, 'en'),
    );
}

/** Options of {@link createReviewsRouter} beyond the shared router options. */
export interface ReviewsRouterOptions {
  /** The current time; tests pass a fixed clock. */
  clock?: () => Date;
}

/** Builds the review routes. */
export async function createReviewsRouter(
  options: ModelOpsRouterOptions,
  routerOptions: ReviewsRouterOptions = {},
) {
  const clock = routerOptions.clock ?? (() => new Date());
  const store = DatabaseReviewStore.create({ database: options.database });
  const reviewCatalog = ReviewCatalog.create({
    catalog: options.catalog,
    auth: options.auth,
  });
  const costAccess = CostAccess.create({
    auth: options.auth,
    permissions: options.permissions,
    catalog: options.catalog,
    financeGroup: readCostSettings(options.config).financeGroup,
  });
  const router = Router();

  async function checkTransferTarget(ownerRef: string, transferTo: string) {
    if (transferTo === ownerRef) {
      throw new InputError(
        `Invalid body: transferTo: must differ from the current owner ${ownerRef}`,
      );
    }
    const found = await reviewCatalog.getByRefs([transferTo]);
    if (!found.has(transferTo)) {
      throw new InputError(
        `Invalid body: transferTo: ${transferTo} does not exist in the catalog`,
      );
    }
  }

  async function decide(
    req: Request,
    itemIds: string[],
    body: { decision: ReviewDecision; note?: string; transferTo?: string },
  ) {
    const now = clock();
    const items = await store.getItems(itemIds, now);
    const missing = itemIds.find(id => !items.some(i => i.id === id));
    if (missing) {
      throw new NotFoundError(`Review item ${missing} not found`);
    }
    const transferTo = body.transferTo
      ? toGroupRef(body.transferTo)
      : undefined;
    const decider = await authorizeReviewDecision(
      options,
      reviewCatalog,
      req,
      items.map(i => ({ entityRef: i.entityRef, groupRef: i.ownerRef })),
    );
    if (transferTo) {
      for (const item of items) {
        await checkTransferTarget(item.ownerRef, transferTo);
      }
    }
    const decisions: NewReviewDecision[] = items.map(item => ({
      itemId: item.id,
      action: body.decision,
      actor: decider.userRef,
      authority: decider.authority,
      note: body.note || undefined,
      transferTo,
    }));
    const decided = await auditMutation(
      options,
      req,
      {
        eventId: 'review-attest',
        // Keeping is routine; transfers and retirements change who answers
        // for a model, or whether it runs at all.
        severityLevel: body.decision === 'keep' ? 'medium' : 'high',
        entityRef: items.length === 1 ? items[0].entityRef : undefined,
        meta: {
          itemIds,
          decision: body.decision,
          authority: decider.authority,
          ...(transferTo ? { transferTo } : {}),
        },
      },
      () => store.recordDecisions(decisions, now),
    );
    if (body.decision === 'transfer') {
      await notifyTransfer(options, 'offered', decided, decider.userRef);
    }
    return decided;
  }

  router.get('/reviews/cycles', async (req, res) => {
    await requireCredentials(options, req, { allowService: true });
    res.json({ items: await store.listCycles(clock()) });
  });

  router.get('/reviews/mine', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const userRef = credentials.principal.userEntityRef;
    const groups = await reviewCatalog.ownershipRefsOf(userRef);
    const now = clock();
    const [items, incomingTransfers] = await Promise.all([
      store.listItems({ ownerRefs: groups, openCyclesOnly: true }, now),
      store.listItems({ transferTo: groups, openCyclesOnly: true }, now),
    ]);
    res.json({ userRef, groups, items, incomingTransfers });
  });

  router.get('/reviews/entity', async (req, res) => {
    await requireCredentials(options, req, { allowService: true });
    const { entityRef } = parseQuery(reviewEntityQuerySchema, req.query);
    const ref = normalizeEntityRef(entityRef);
    const [items, decisions] = await Promise.all([
      store.listItems({ entityRefs: [ref], openCyclesOnly: true }, clock()),
      store.listDecisions(ref),
    ]);
    res.json({ entityRef: ref, items, decisions });
  });

  router.post('/reviews/items/attest', async (req, res) => {
    await requireCredentials(options, req);
    const body = parseBody(reviewBulkAttestRequestSchema, req.body);
    const itemIds = [...new Set(body.itemIds)];
    res.json({ items: await decide(req, itemIds, body) });
  });

  router.post('/reviews/items/:id/attest', async (req, res) => {
    await requireCredentials(options, req);
    const id = itemIdOf(req);
    const body = parseBody(reviewAttestRequestSchema, req.body);
    const [item] = await decide(req, [id], body);
    res.json(item);
  });

  router.post('/reviews/items/:id/accept-transfer', async (req, res) => {
    await requireCredentials(options, req);
    const id = itemIdOf(req);
    const body = parseBody(reviewAcceptTransferRequestSchema, req.body);
    const now = clock();
    const [item] = await store.getItems([id], now);
    if (!item) {
      throw new NotFoundError(`Review item ${id} not found`);
    }
    if (item.state !== 'transfer-pending' || !item.transferTo) {
      // Without a pending transfer there is no receiving group to check
      // membership of; the store checks the state again in its transaction.
      throw new ConflictError(
        `Review item ${id} has no transfer waiting for acceptance (state ${item.state})`,
      );
    }
    const decider = await authorizeReviewDecision(options, reviewCatalog, req, [
      { entityRef: item.entityRef, groupRef: item.transferTo },
    ]);
    const [accepted] = await auditMutation(
      options,
      req,
      {
        eventId: 'review-accept-transfer',
        severityLevel: 'high',
        entityRef: item.entityRef,
        meta: {
          itemId: id,
          authority: decider.authority,
          transferTo: item.transferTo,
        },
      },
      () =>
        store.recordDecisions(
          [
            {
              itemId: id,
              action: 'accept-transfer',
              actor: decider.userRef,
              authority: decider.authority,
              note: body.note || undefined,
              transferTo: item.transferTo,
            },
          ],
          now,
        ),
    );
    await notifyTransfer(options, 'accepted', [accepted], decider.userRef);
    res.json(accepted);
  });

  router.get('/reviews/progress', async (req, res) => {
    await requireCredentials(options, req, { allowService: true });
    const { cycleId } = parseQuery(reviewCycleQuerySchema, req.query);
    const now = clock();
    const all = await store.listCycles(now);
    const cycles = cycleId
      ? all.filter(c => c.id === cycleId)
      : all.filter(c => c.status === 'open');
    if (cycleId && cycles.length === 0) {
      throw new NotFoundError(`Review cycle ${cycleId} not found`);
    }
    const items =
      cycles.length > 0
        ? await store.listItems({ cycleIds: cycles.map(c => c.id) }, now)
        : [];
    res.json({ cycles, teams: progressByTeam(items) });
  });

  router.get('/reviews/findings', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const { cycleId } = parseQuery(reviewCycleQuerySchema, req.query);
    res.json(
      await findReviewFindings({
        reviewCatalog,
        store,
        credentials,
        cycleId,
        now: clock(),
      }),
    );
  });

  async function portfolio(req: Request) {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    return buildPortfolio({
      database: options.database,
      reviewCatalog,
      store,
      credentials,
      now: clock(),
      // The cost read rule of the cost routes: owners and the finance group,
      // then costReadPermission per entity.
      costReadable: models => costAccess.readableEntities(credentials, models),
    });
  }

  router.get('/reviews/portfolio', async (req, res) => {
    res.json(await portfolio(req));
  });

  router.get('/reviews/portfolio.csv', async (req, res) => {
    const review = await portfolio(req);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(`modelops-portfolio-${review.generatedAt.slice(0, 10)}.csv`)
      .send(portfolioCsv(review.rows));
  });

  return router;
}
