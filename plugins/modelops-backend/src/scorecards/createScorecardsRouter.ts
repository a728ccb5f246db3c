import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DEFAULT_WAIVER_TEXT_LIMIT,
  SEVERITY_WEIGHTS,
  campaignCreateRequestSchema,
  campaignManagePermission,
  campaignUpdateRequestSchema,
  checkApplies,
  obligationsApplyingFrom,
  scoreEntity,
  scorecardEvaluatePermission,
  scorecardEvaluateRequestSchema,
  scorecardHistoryQuerySchema,
  scorecardResultsQuerySchema,
  scorecardSummaryQuerySchema,
  waiverApprovePermission,
  waiverCreateRequestSchema,
  waiverDecisionRequestSchema,
  waiverListQuerySchema,
  waiverRequestPermission,
  type CampaignEntityFilter,
  type CheckResultView,
  type EntityScorecard,
  type ScorecardHistory,
  type ScorecardResultPage,
  type ScorecardResultRow,
  type WaiverPage,
} from '@modelops/plugin-modelops-common';
import type { ModelopsCheck } from '@modelops/plugin-modelops-node';
import type { Request, Router } from 'express';
import Router_ from 'express-promise-router';
import { z } from 'zod';
import { CostFactRedactor } from '../cost/CostFactRedactor';
import { auditMutation } from '../service/auditMutation';
import { authorizeBasic } from '../service/authorizeBasic';
import {
  authorizeEntity,
  requireCredentials,
  type CallerCredentials,
} from '../service/authorizeEntity';
import { parseBody } from '../service/parseBody';
import { isSameRef } from '../service/normalizeRef';
import { parseQuery } from '../service/parseQuery';
import {
  requireEntities,
  visibleEntities,
  hiddenEntityRefs,
  visibleEntityRefs,
} from '../service/requireEntities';
import { normalizeEntityRef } from '../service/CatalogMembership';
import { toStoredTime } from '../service/storedTime';
import type { ModelOpsRouterOptions } from '../service/types';
import { campaignProgress } from './campaignProgress';
import type { LevelChangeCheck } from './levelChanges';
import { NO_GROUP } from './summaryUpsertSql';
import type { ScorecardEngine } from './ScorecardEngine';
import type { ScorecardStore } from './types';

/** Waivers are temporary: at most a year, then the check must be fixed or re-waived. */
export const MAX_WAIVER_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the scorecard router needs besides the shared router options. */
export interface ScorecardsRouterServices {
  engine: ScorecardEngine;
  store: ScorecardStore;
  now?: () => Date;
}

const entityQuerySchema = z.strictObject({ entityRef: z.string().min(1) });

function normalizeRef(
  value: string,
  field: string,
  defaultKind?: string,
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, defaultKind ? { defaultKind } : undefined),
    );
  } catch {
    throw new InputError(
      `Invalid ${field}: must be an entity reference such as mlmodel:default/name`,
    );
  }
}

function principalRef(credentials: CallerCredentials): string {
  const p = credentials.principal;
  return p.type === 'user' ? p.userEntityRef : `service:${p.subject}`;
}

/** Failing checks first, then waived ones, then passing ones. */
const STATE_ORDER: Record<CheckResultView['effectiveState'], number> = {
  fail: 0,
  waived: 1,
  pass: 2,
};

function publicCheck({ evaluate: _evaluate, ...check }: ModelopsCheck) {
  return check;
}

/**
 * Why a level moved, in words: the pack's checks that changed with it, by
 * title. A level moves with no check of its pack changing state only when
 * a waiver is decided or expires, or a check begins or stops applying.
 */
function levelChangeCause(
  moved: LevelChangeCheck[],
  checks: Map<string, ModelopsCheck>,
): string {
  if (moved.length === 0) {
    return 'no check of the pack changed state: a waiver was approved or expired, or a check began or stopped applying';
  }
  return moved
    .map(
      m =>
        `${checks.get(m.checkId)?.title ?? m.checkId} started ${
          m.to === 'fail' ? 'failing' : 'passing'
        }`,
    )
    .join('; ');
}

/**
 * Routes under `/scorecards`: entity scorecards, summaries, history,
 * on-demand evaluation, waivers and campaigns. Every route authenticates;
 * mutations go through the permission framework and the auditor.
 */
export function createScorecardsRouter(
  options: ModelOpsRouterOptions,
  services: ScorecardsRouterServices,
): Router {
  const { engine, store } = services;
  const now = services.now ?? (() => new Date());
  const maxTextLength =
    options.config.getOptionalNumber('modelops.waivers.maxTextLength') ??
    DEFAULT_WAIVER_TEXT_LIMIT;
  const assertTextCap = (text: string, field: string) => {
    if (text.length > maxTextLength) {
      throw new InputError(
        `Invalid body: ${field}: must be at most ${maxTextLength} characters (modelops.waivers.maxTextLength), got ${text.length}`,
      );
    }
  };
  const checksById = () => new Map(engine.listChecks().map(c => [c.id, c]));
  const costMessages = CostFactRedactor.fromRouterOptions(options, () =>
    engine.listChecks(),
  );
  const router = Router_();
  const read = (req: Request) =>
    requireCredentials(options, req, { allowService: true });
  // Mutations authenticate before they parse: a caller without a token
  // learns nothing about the body rules (401 before 400); the permission
  // check follows the parse because it needs the entity from the body.
  const authenticateUser = (req: Request) => requireCredentials(options, req);

  router.get('/scorecards/checks', async (req, res) => {
    await read(req);
    res.json({ items: engine.listChecks().map(publicCheck) });
  });

  router.get('/scorecards/entity', async (req, res) => {
    const credentials = await read(req);
    const entityRef = normalizeRef(
      parseQuery(entityQuerySchema, req.query).entityRef,
      'query.entityRef',
    );
    const nowIso = now().toISOString();
    const [entity, catalogEntity, results, waivers, active] = await Promise.all(
      [
        store.getEntity(entityRef),
        // The caller's own view of the entity decides what does not apply.
        options.catalog.getEntityByRef(entityRef, { credentials }),
        store.getResults([entityRef]),
        store.listWaivers({ entityRef }, nowIso).then(page => page.items),
        store.getActiveWaivers([entityRef], nowIso),
      ],
    );
    if (!catalogEntity) {
      // Results of an entity the caller cannot see would reveal it.
      throw new NotFoundError(
        `query.entityRef: ${entityRef} is not in the catalog`,
      );
    }
    const checks = checksById();
    const messageFor = await costMessages.messagesFor(
      credentials,
      catalogEntity ?? undefined,
    );
    const activeForEntity = active.get(entityRef);
    // Waivers are applied here, at read time, so an expired waiver stops
    // counting the moment it expires, without waiting for a run.
    const views: CheckResultView[] = (results.get(entityRef) ?? [])
      .filter(r => checks.has(r.checkId))
      .map(r => {
        const waiverId =
          r.state === 'fail' ? activeForEntity?.get(r.checkId) : undefined;
        return {
          ...r,
          message: messageFor(r.checkId, r.message),
          check: publicCheck(checks.get(r.checkId)!),
          effectiveState: waiverId ? 'waived' : r.state,
          waiverId,
        };
      });
    const score = scoreEntity(views, v => v.effectiveState);
    const bySeverity = (a: CheckResultView, b: CheckResultView) =>
      SEVERITY_WEIGHTS[b.severity] - SEVERITY_WEIGHTS[a.severity] ||
      a.checkId.localeCompare(b.checkId);
    const body: EntityScorecard = {
      entityRef,
      evaluatedAt: entity?.evaluatedAt,
      score: score.score,
      packs: score.packs,
      failing: views.filter(v => v.effectiveState !== 'pass').sort(bySeverity),
      passing: views.filter(v => v.effectiveState === 'pass').length,
      results: [...views].sort(
        (a, b) =>
          a.pack.localeCompare(b.pack) ||
          STATE_ORDER[a.effectiveState] - STATE_ORDER[b.effectiveState] ||
          bySeverity(a, b),
      ),
      notApplicable: catalogEntity
        ? [...checks.values()]
            .filter(
              c =>
                (c.appliesTo.kinds as string[]).includes(catalogEntity.kind) &&
                !checkApplies(c.appliesTo, catalogEntity),
            )
            .map(publicCheck)
            .sort(
              (a, b) =>
                a.pack.localeCompare(b.pack) || a.id.localeCompare(b.id),
            )
        : [],
      waivers,
    };
    res.json(body);
  });

  router.get('/scorecards/summary', async (req, res) => {
    const credentials = await read(req);
    const { groupBy } = parseQuery(scorecardSummaryQuerySchema, req.query);
    // Entities hidden from the caller are not counted, as the drill-down
    // behind each row does not list them.
    const hidden = await hiddenEntityRefs(options, credentials, () =>
      store.scoredEntityRefs(),
    );
    res.json(await store.getSummary(groupBy, now().toISOString(), hidden));
  });

  // The rows behind a summary figure: what a drill-down lists.
  router.get('/scorecards/results', async (req, res) => {
    const credentials = await read(req);
    const query = parseQuery(scorecardResultsQuerySchema, req.query);
    // A summary row's key: a ref, or NO_GROUP for entities without one.
    const groupKey = (
      value: string | undefined,
      field: string,
      kind: string,
    ) => {
      if (value === undefined) return undefined;
      return value === NO_GROUP ? null : normalizeRef(value, field, kind);
    };
    const checks = checksById();
    // A pack or check nobody registered would list nothing: say so.
    if (
      query.pack !== undefined &&
      ![...checks.values()].some(c => c.pack === query.pack)
    ) {
      throw new InputError(
        `Invalid query: pack: no registered check belongs to pack ${query.pack}`,
      );
    }
    if (query.checkId !== undefined && !checks.has(query.checkId)) {
      throw new InputError(
        `Invalid query: checkId: no check with id ${query.checkId}`,
      );
    }
    const nowIso = now().toISOString();
    const rows = await store.listResults(
      {
        pack: query.pack,
        checkId: query.checkId,
        owner: groupKey(query.team, 'query.team', 'group'),
        system: groupKey(query.system, 'query.system', 'system'),
        entityRef: query.entityRef
          ? normalizeRef(query.entityRef, 'query.entityRef')
          : undefined,
      },
      nowIso,
    );
    // Entities hidden from the caller are neither listed nor counted, and
    // the messages of cost checks follow the cost read rule.
    const visible = await visibleEntities(
      options,
      credentials,
      rows.map(r => r.entityRef),
    );
    const messageFor = await costMessages.messagesForEntities(credentials, [
      ...visible.values(),
    ]);
    const matching: ScorecardResultRow[] = rows
      .filter(
        r =>
          visible.has(normalizeEntityRef(r.entityRef)) && checks.has(r.checkId),
      )
      .map(r => ({
        entityRef: r.entityRef,
        kind: r.kind,
        ...(r.owner ? { owner: r.owner } : {}),
        ...(r.system ? { system: r.system } : {}),
        checkId: r.checkId,
        checkTitle: checks.get(r.checkId)!.title,
        pack: r.pack,
        level: r.level,
        severity: r.severity,
        state: r.waived ? ('waived' as const) : r.state,
        ...(r.message
          ? { message: messageFor(r.entityRef, r.checkId, r.message) }
          : {}),
        changedAt: r.changedAt,
      }))
      .filter(r => query.state === undefined || r.state === query.state)
      .sort(
        (a, b) =>
          STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
          a.entityRef.localeCompare(b.entityRef) ||
          a.checkId.localeCompare(b.checkId),
      );
    const count = (state: ScorecardResultRow['state']) =>
      matching.filter(r => r.state === state).length;
    const body: ScorecardResultPage = {
      items: matching.slice(query.offset, query.offset + query.limit),
      total: matching.length,
      counts: {
        passing: count('pass'),
        failing: count('fail'),
        waived: count('waived'),
        entities: new Set(matching.map(r => r.entityRef)).size,
      },
      limit: query.limit,
      offset: query.offset,
    };
    res.json(body);
  });

  router.get('/scorecards/history', async (req, res) => {
    const credentials = await read(req);
    const query = parseQuery(scorecardHistoryQuerySchema, req.query);
    const since = new Date(now().getTime() - query.days * DAY_MS).toISOString();
    const filter = {
      entityRef: query.entityRef,
      team: query.team,
      pack: query.pack,
      since,
    };
    const [changes, levels] = await Promise.all([
      store.getChanges({ ...filter, transitionsOnly: true }),
      store.getLevelChanges(filter),
    ]);
    // Changes of entities hidden from the caller are not listed.
    const visible = new Set(
      await visibleEntityRefs(options, credentials, [
        ...changes.map(c => c.entityRef),
        ...levels.map(l => l.entityRef),
      ]),
    );
    const checks = checksById();
    // Daily points exist per team and per pack; an entity has none.
    let trend: ScorecardHistory['trend'] = [];
    if (query.team) {
      trend = await store.getTrend('team', query.team, since.slice(0, 10));
    } else if (query.pack) {
      trend = await store.getTrend('pack', query.pack, since.slice(0, 10));
    }
    const body: ScorecardHistory = {
      changes: changes.filter(c => visible.has(c.entityRef)),
      levelChanges: levels
        .filter(l => visible.has(l.entityRef))
        .map(({ checks: moved, ...change }) => ({
          ...change,
          cause: levelChangeCause(moved, checks),
        })),
      trend,
    };
    res.json(body);
  });

  router.post('/scorecards/evaluate', async (req, res) => {
    await read(req);
    const body = parseBody(scorecardEvaluateRequestSchema, req.body);
    await authorizeBasic(options, req, scorecardEvaluatePermission, {
      allowService: true,
    });
    const result = await auditMutation(
      options,
      req,
      { eventId: 'scorecard-evaluate', entityRef: body.entityRef },
      () =>
        body.entityRef
          ? engine.evaluateEntity(body.entityRef)
          : engine.evaluateAll(),
    );
    res.json(result);
  });

  router.get('/scorecards/waivers', async (req, res) => {
    const credentials = await read(req);
    const query = parseQuery(waiverListQuerySchema, req.query);
    const entityRef = query.entityRef
      ? normalizeRef(query.entityRef, 'query.entityRef')
      : undefined;
    if (entityRef) {
      await requireEntities(
        options,
        credentials,
        [entityRef],
        'query.entityRef',
      );
    }
    // Without an entity, only waivers of entities the caller can see are
    // listed and counted: a waiver's reason says things about its model.
    const entityRefs = entityRef
      ? undefined
      : await visibleEntityRefs(
          options,
          credentials,
          await store.waiverEntityRefs(),
        );
    const page = await store.listWaivers(
      {
        status: query.status,
        entityRef,
        entityRefs,
        limit: query.limit,
        offset: query.offset,
      },
      now().toISOString(),
    );
    const body: WaiverPage = {
      ...page,
      limit: query.limit,
      offset: query.offset,
    };
    res.json(body);
  });

  router.get('/scorecards/waivers/:id', async (req, res) => {
    const credentials = await read(req);
    const waiver = await store.getWaiver(req.params.id, now().toISOString());
    const visible =
      waiver &&
      (await visibleEntityRefs(options, credentials, [waiver.entityRef]))
        .length > 0;
    // The same answer whether the waiver is missing or its entity hidden.
    if (!waiver || !visible) {
      throw new NotFoundError(`No waiver with id ${req.params.id}`);
    }
    res.json(waiver);
  });

  router.post('/scorecards/waivers', async (req, res) => {
    await authenticateUser(req);
    const body = parseBody(waiverCreateRequestSchema, req.body);
    if (!checksById().has(body.checkId)) {
      throw new InputError(
        `Invalid body: checkId: no check with id ${body.checkId}`,
      );
    }
    const at = now();
    const expires = Date.parse(body.expiresAt);
    if (expires <= at.getTime()) {
      throw new InputError('Invalid body: expiresAt: must be in the future');
    }
    if (expires > at.getTime() + MAX_WAIVER_DAYS * DAY_MS) {
      throw new InputError(
        `Invalid body: expiresAt: must be at most ${MAX_WAIVER_DAYS} days ahead`,
      );
    }
    assertTextCap(body.reason, 'reason');
    const credentials = await authorizeEntity(
      options,
      req,
      waiverRequestPermission,
      body.entityRef,
    );
    await requireEntities(options, credentials, [body.entityRef], 'entityRef');
    const waiver = await auditMutation(
      options,
      req,
      {
        eventId: 'waiver-request',
        severityLevel: 'high',
        entityRef: body.entityRef,
        meta: { checkId: body.checkId },
      },
      () =>
        store.createWaiver(
          {
            entityRef: body.entityRef,
            checkId: body.checkId,
            reason: body.reason,
            requestedBy: principalRef(credentials),
            expiresAt: new Date(expires).toISOString(),
          },
          at.toISOString(),
        ),
    );
    res.status(201).json(waiver);
  });

  // The requester takes back a pending request; nobody else may.
  router.post('/scorecards/waivers/:id/withdraw', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const body = parseBody(waiverDecisionRequestSchema, req.body);
    const nowIso = now().toISOString();
    const waiver = await store.getWaiver(req.params.id, nowIso);
    if (!waiver) throw new NotFoundError(`No waiver with id ${req.params.id}`);
    const userRef = credentials.principal.userEntityRef;
    if (!isSameRef(userRef, waiver.requestedBy)) {
      throw new NotAllowedError(
        `Only the requester (${waiver.requestedBy}) may withdraw waiver ${waiver.id}`,
      );
    }
    const result = await auditMutation(
      options,
      req,
      {
        eventId: 'waiver-withdraw',
        severityLevel: 'high',
        entityRef: waiver.entityRef,
        meta: { waiverId: waiver.id, checkId: waiver.checkId },
      },
      () =>
        store.decideWaiver(
          waiver.id,
          { status: 'withdrawn', decidedBy: userRef, comment: body.comment },
          nowIso,
        ),
    );
    res.json(result);
  });

  router.post('/scorecards/waivers/:id/:decision', async (req, res) => {
    await authenticateUser(req);
    const decision = req.params.decision;
    if (decision !== 'approve' && decision !== 'reject') {
      throw new NotFoundError(
        `Unknown waiver action ${decision}; use approve, reject or withdraw`,
      );
    }
    const body = parseBody(waiverDecisionRequestSchema, req.body);
    const credentials = await authorizeBasic(
      options,
      req,
      waiverApprovePermission,
    );
    const decidedBy = principalRef(credentials);
    const nowIso = now().toISOString();
    const waiver = await store.getWaiver(req.params.id, nowIso);
    if (!waiver) throw new NotFoundError(`No waiver with id ${req.params.id}`);
    const result = await auditMutation(
      options,
      req,
      {
        eventId: `waiver-${decision}`,
        severityLevel: 'high',
        entityRef: waiver.entityRef,
        meta: {
          waiverId: waiver.id,
          checkId: waiver.checkId,
          requestedBy: waiver.requestedBy,
        },
      },
      async () => {
        // Two-person rule: the approver must not be the requester, however
        // either ref is spelled.
        if (
          decision === 'approve' &&
          isSameRef(waiver.requestedBy, decidedBy)
        ) {
          throw new NotAllowedError(
            'A waiver must be approved by someone other than the person who requested it',
          );
        }
        return store.decideWaiver(
          waiver.id,
          {
            status: decision === 'approve' ? 'approved' : 'rejected',
            decidedBy,
            comment: body.comment,
          },
          nowIso,
        );
      },
    );
    res.json(result);
  });

  const normalizeFilter = (filter: CampaignEntityFilter | undefined) =>
    filter && {
      ...filter,
      systems: filter.systems?.map(s =>
        normalizeRef(s, 'body.entityFilter.systems', 'system'),
      ),
    };
  const validateCheckIds = (ids: string[] | undefined) => {
    const checks = checksById();
    const unknown = ids?.filter(id => !checks.has(id)) ?? [];
    if (unknown.length > 0) {
      throw new InputError(
        `Invalid body: checkIds: unknown check(s) ${unknown.join(', ')}`,
      );
    }
  };

  router.get('/scorecards/campaigns', async (req, res) => {
    await read(req);
    res.json({ items: await store.listCampaigns() });
  });

  router.get('/scorecards/campaigns/:id', async (req, res) => {
    await read(req);
    const campaign = await store.getCampaign(req.params.id);
    if (!campaign)
      throw new NotFoundError(`No campaign with id ${req.params.id}`);
    res.json(campaign);
  });

  router.get('/scorecards/campaigns/:id/progress', async (req, res) => {
    const credentials = await read(req);
    const campaign = await store.getCampaign(req.params.id);
    if (!campaign)
      throw new NotFoundError(`No campaign with id ${req.params.id}`);
    const rows = await store.getCampaignResults(campaign, now().toISOString());
    // Progress counts and names only entities the caller can see.
    const visible = new Set(
      await visibleEntityRefs(
        options,
        credentials,
        rows.map(r => r.entityRef),
      ),
    );
    res.json(
      campaignProgress(
        campaign,
        rows.filter(r => visible.has(r.entityRef)),
      ),
    );
  });

  /**
   * The checks of a new campaign: those named, plus every registered check
   * citing an obligation that applies from the given day, in check order.
   * A day no registered check covers is refused, since the campaign would
   * track nothing of it.
   */
  const campaignCheckIds = (body: {
    checkIds?: string[];
    obligationsApplyingFrom?: string;
  }) => {
    validateCheckIds(body.checkIds);
    const ids = new Set(body.checkIds);
    const day = body.obligationsApplyingFrom;
    if (day !== undefined) {
      const dated = new Set(obligationsApplyingFrom(day).map(o => o.id));
      const citing = engine
        .listChecks()
        .filter(c => c.rationale.obligations?.some(id => dated.has(id)));
      if (citing.length === 0) {
        throw new InputError(
          `Invalid body: obligationsApplyingFrom: no check cites an obligation that applies from ${day}`,
        );
      }
      for (const c of citing) ids.add(c.id);
    }
    return [...ids];
  };

  router.post('/scorecards/campaigns', async (req, res) => {
    await authenticateUser(req);
    const { obligationsApplyingFrom: day, ...body } = parseBody(
      campaignCreateRequestSchema,
      req.body,
    );
    const checkIds = campaignCheckIds({
      ...body,
      obligationsApplyingFrom: day,
    });
    const dueDate = toStoredTime(body.dueDate, 'dueDate');
    const credentials = await authorizeBasic(
      options,
      req,
      campaignManagePermission,
    );
    const campaign = await auditMutation(
      options,
      req,
      {
        eventId: 'campaign-create',
        meta: {
          title: body.title,
          checks: checkIds.length,
          ...(day ? { obligationsApplyingFrom: day } : {}),
        },
      },
      () =>
        store.createCampaign(
          {
            ...body,
            checkIds,
            description:
              body.description ??
              (day
                ? `Bring the checks to green before the obligations that apply from ${day} do.`
                : undefined),
            dueDate,
            entityFilter: normalizeFilter(body.entityFilter)!,
            createdBy: principalRef(credentials),
          },
          now().toISOString(),
        ),
    );
    res.status(201).json(campaign);
  });

  router.patch('/scorecards/campaigns/:id', async (req, res) => {
    await authenticateUser(req);
    const body = parseBody(campaignUpdateRequestSchema, req.body);
    validateCheckIds(body.checkIds);
    const dueDate =
      body.dueDate === undefined
        ? undefined
        : toStoredTime(body.dueDate, 'dueDate');
    await authorizeBasic(options, req, campaignManagePermission);
    const campaign = await auditMutation(
      options,
      req,
      { eventId: 'campaign-update', meta: { campaignId: req.params.id } },
      () =>
        store.updateCampaign(req.params.id, {
          ...body,
          dueDate,
          entityFilter: normalizeFilter(body.entityFilter),
        }),
    );
    res.json(campaign);
  });

  router.delete('/scorecards/campaigns/:id', async (req, res) => {
    await authorizeBasic(options, req, campaignManagePermission);
    await auditMutation(
      options,
      req,
      { eventId: 'campaign-delete', meta: { campaignId: req.params.id } },
      () => store.deleteCampaign(req.params.id),
    );
    res.status(204).end();
  });

  return router;
}
