/*
 * routeSamples: for every route of the modelops backend, a valid request (and
 * the state it needs, prepared fresh for each use), who may call it under
 * which permission decision, and the audit event a mutation emits. Routes are
 * discovered from the plugin's router; a discovered route without a sample
 * fails the suites, so a new route cannot go unhardened.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { DatabaseReviewStore } from '../../reviews/DatabaseReviewStore';
import type {
  DiscoveredRoute,
  HardeningBackend,
  PolicyMode,
} from './startHardeningBackend';
import {
  DATASET,
  MODEL,
  OTHER_GROUP,
  OTHER_MODEL,
  OWNER_GROUP,
  OWNER_USER,
  type PrincipalName,
} from './hardeningCatalog';

/** A concrete request for a route. */
export interface SampleRequest {
  /** Values of the route's `:params`. */
  params?: Record<string, string>;
  json?: unknown;
  query?: Record<string, string>;
  raw?: string;
  contentType?: string;
}

/** Expected status of a route per caller and permission decision. */
export type Expectation = (
  principal: PrincipalName,
  mode: PolicyMode,
) => number;

/** The hardening description of one route. */
export interface RouteSample {
  /** Builds a valid request; may create the state it acts on. */
  prepare(ctx: SampleContext): Promise<SampleRequest> | SampleRequest;
  expect: Expectation;
  /** The auditor event id of a mutation. */
  auditEventId?: string;
  /** The entity the audit event names, when the mutation is about one. */
  auditEntityRef?: string;
}

/** What `prepare` gets. */
export interface SampleContext {
  backend: HardeningBackend;
  /** Unique per call, for idempotency keys and names. */
  seq: number;
}

const DAY_MS = 86_400_000;
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);
const CHECK_ID = 'ownership.owner-group';
const AS_OWNER = mockCredentials.user.header(OWNER_USER);

// --- expectations -------------------------------------------------------

/** Any signed-in caller reads; services only where the route takes them. */
export function signedInRead(options: { services: boolean }): Expectation {
  return p => {
    if (p === 'unauthenticated') return 401;
    if (p === 'service') return options.services ? 200 : 403;
    return 200;
  };
}

/**
 * A mutation checked with a resource permission on the sample's entity
 * (owned by the owner's group): CONDITIONAL resolves to "is entity owner".
 */
export function entityMutation(options: {
  ok: number;
  services: boolean;
  /** The shipped policy allows every signed-in user (feedback reports). */
  everyone?: boolean;
}): Expectation {
  return (p, mode) => {
    if (p === 'unauthenticated') return 401;
    if (p === 'service' && !options.services) return 403;
    if (mode === 'SHIPPED') {
      return p === 'nonOwner' && !options.everyone ? 403 : options.ok;
    }
    if (mode === 'DENY') return 403;
    if (mode === 'CONDITIONAL' && p !== 'owner') return 403;
    return options.ok;
  };
}

/** A mutation checked with a basic permission. */
export function basicMutation(options: {
  ok: number;
  /** Whether service tokens are accepted at all. */
  services: boolean;
  /**
   * Who the shipped policy gives the permission: every signed-in user, or
   * the review board (the owner's group in the hardening roles).
   */
  shipped: 'everyone' | 'reviewBoard';
}): Expectation {
  return (p, mode) => {
    if (p === 'unauthenticated') return 401;
    if (p === 'service' && !options.services) return 403;
    if (mode === 'SHIPPED') {
      return p === 'nonOwner' && options.shipped === 'reviewBoard'
        ? 403
        : options.ok;
    }
    return mode === 'DENY' ? 403 : options.ok;
  };
}

/** Reads of one entity's cost: owners and permitted callers only. */
const costEntityRead: Expectation = (p, mode) => {
  if (p === 'unauthenticated') return 401;
  if (p === 'nonOwner') return 403;
  if (mode === 'SHIPPED') return 200;
  if (mode === 'DENY') return 403;
  if (mode === 'CONDITIONAL' && p === 'service') return 403;
  return 200;
};

/**
 * Cost list views: filtered to what the caller may read. Both users own a
 * model (the non-owner's team owns another one), so both get a list; a
 * caller owning nothing gets 403 (covered by the cost router's own tests).
 */
const costListRead: Expectation = p => (p === 'unauthenticated' ? 401 : 200);

/**
 * Billing imports: any caller the policy does not deny modelops.cost.ingest
 * outright may list sources and upload; what an upload may write is decided
 * per entity (see 'POST /cost/imports').
 */
const costImportAccess: Expectation = (p, mode) => {
  if (p === 'unauthenticated') return 401;
  return mode === 'DENY' ? 403 : 200;
};

/** An import is its creator's (the owner prepares it); others get 404. */
const costImportRead: Expectation = (p, mode) => {
  if (p === 'unauthenticated') return 401;
  if (mode === 'DENY') return 403;
  return p === 'owner' ? 200 : 404;
};

function costImportCsv(seq: number) {
  return `date,cost,currency,tags\n${isoDay(
    -3 - (seq % 20),
  )},4.25,USD,"{""modelops.dev/entity"":""${MODEL}""}"\n`;
}

/**
 * Decisions of the review group (modelops.changes.reviewGroup, the owner's
 * group in the hardening config): a basic permission plus membership, so
 * the non-owner, outside the group, is refused whatever the policy.
 */
const reviewGroupDecision: Expectation = (p, mode) => {
  if (p === 'unauthenticated') return 401;
  if (p !== 'owner' || mode === 'DENY') return 403;
  return 200;
};

/**
 * Feedback state changes: owners through modelops.feedback.update on the
 * model (CONDITIONAL resolves it to "is entity owner"), everybody else only
 * through the basic modelops.feedback.admin, which a conditional policy
 * cannot narrow and so allows.
 */
const feedbackDecision: Expectation = (p, mode) => {
  if (p === 'unauthenticated') return 401;
  if (p === 'service' || mode === 'DENY') return 403;
  // The shipped policy gives modelops.feedback.admin to the review board.
  if (mode === 'SHIPPED' && p === 'nonOwner') return 403;
  return 200;
};

// --- state ---------------------------------------------------------------

async function asOwner(
  ctx: SampleContext,
  method: string,
  path: string,
  json: unknown,
) {
  const res = await ctx.backend.request({
    method,
    path,
    json,
    authorization: AS_OWNER,
  });
  if (res.status >= 300) {
    throw new Error(
      `Preparing ${method} ${path} failed: ${res.status} ${res.text}`,
    );
  }
  return res.body;
}

async function createWaiver(ctx: SampleContext, requester: string) {
  // One open waiver per entity and check: close earlier ones first.
  await ctx.backend
    .knex('modelops_scorecard_waivers')
    .where({ entity_ref: MODEL, check_id: CHECK_ID })
    .update({ status: 'rejected' });
  const res = await ctx.backend.request({
    method: 'POST',
    path: '/scorecards/waivers',
    json: waiverBody(),
    authorization: mockCredentials.user.header(requester),
  });
  if (res.status !== 201) throw new Error(`waiver: ${res.status} ${res.text}`);
  return res.body.id as string;
}

function waiverBody() {
  return {
    entityRef: MODEL,
    checkId: CHECK_ID,
    reason: 'Owner group is being reorganised this quarter',
    expiresAt: isoDay(30),
  };
}

/** Records the opening of a new incident on the model; returns its id. */
async function openIncident(ctx: SampleContext) {
  const incidentId = `INC-hardening-${ctx.seq}`;
  await asOwner(ctx, 'POST', '/delivery/events', {
    idempotencyKey: `hardening-incident-${ctx.seq}`,
    entityRef: MODEL,
    type: 'incident-opened',
    at: '2026-11-02T10:00:00Z',
    incidentId,
  });
  return incidentId;
}

async function createCampaign(ctx: SampleContext) {
  const campaign = await asOwner(
    ctx,
    'POST',
    '/scorecards/campaigns',
    campaignBody(ctx.seq),
  );
  return campaign.id as string;
}

function campaignBody(seq: number) {
  return {
    title: `Owner groups everywhere ${seq}`,
    checkIds: [CHECK_ID],
    dueDate: isoDay(60),
    owner: OWNER_GROUP,
  };
}

/** Opens a fresh review cycle holding one item of MODEL; returns its id. */
export async function openReviewItem(
  ctx: SampleContext,
  options: { ownerRef?: string; transferTo?: string } = {},
): Promise<string> {
  const store = DatabaseReviewStore.create({ database: ctx.backend.knex });
  const now = new Date();
  const { cycle } = await store.openCycle(
    {
      cadence: `hardening-${ctx.seq}`,
      kind: 'MLModel',
      lifecycles: ['production'],
      period: {
        label: isoDay(-1),
        start: new Date(Date.now() - DAY_MS).toISOString(),
        end: new Date(Date.now() + 30 * DAY_MS).toISOString(),
        dueAt: new Date(Date.now() + 20 * DAY_MS).toISOString(),
      },
    },
    [
      {
        entityRef: MODEL,
        entityKind: 'MLModel',
        ownerRef: options.ownerRef ?? OWNER_GROUP,
      },
    ],
    now,
  );
  const [item] = await store.listItems({ cycleIds: [cycle.id] }, now);
  if (options.transferTo) {
    await store.recordDecisions(
      [
        {
          itemId: item.id,
          action: 'transfer',
          actor: 'user:default/carol',
          authority: 'member',
          transferTo: options.transferTo,
        },
      ],
      now,
    );
  }
  return item.id;
}

async function createFeedback(ctx: SampleContext) {
  const feedback = await asOwner(
    ctx,
    'POST',
    '/feedback',
    feedbackBody(ctx.seq),
  );
  return feedback.id as string;
}

function feedbackBody(seq: number) {
  return {
    entityRef: MODEL,
    category: 'usability',
    text: `The score explanation is hard to read (${seq})`,
  };
}

function changeBody(seq: number) {
  return {
    entityRef: MODEL,
    kind: 'rollback',
    modelVersion: `2.${seq}`,
    reason: 'Recall dropped after the last promotion',
  };
}

/** A change requested by somebody outside both teams (four eyes). */
async function createChange(ctx: SampleContext) {
  const res = await ctx.backend.request({
    method: 'POST',
    path: '/changes',
    json: changeBody(ctx.seq),
    authorization: mockCredentials.user.header('user:default/carol'),
  });
  if (res.status !== 201) throw new Error(`change: ${res.status} ${res.text}`);
  return res.body.id as string;
}

function evaluationBody(seq: number) {
  return {
    idempotencyKey: `hardening-eval-${seq}`,
    modelRef: MODEL,
    modelVersion: '3',
    datasetRef: DATASET,
    evaluatedAt: '2026-11-01T00:00:00Z',
    metrics: [{ name: 'auc', value: 0.91 }],
  };
}

function snapshotBody(seq: number) {
  return {
    idempotencyKey: `hardening-snap-${seq}`,
    modelRef: MODEL,
    modelVersion: '3',
    windowStart: '2026-11-01T00:00:00Z',
    windowEnd: '2026-11-02T00:00:00Z',
    drift: [{ feature: 'tenure', test: 'psi', statistic: 0.04 }],
    latencyP95Ms: 80,
  };
}

function costBody(seq: number) {
  return {
    source: 'hardening',
    records: [
      {
        entityRef: MODEL,
        day: isoDay(-1 - (seq % 20)),
        category: 'inference',
        amount: 12.5,
        currency: 'USD',
      },
    ],
  };
}

// --- the samples -------------------------------------------------------

/** Samples keyed by `METHOD path` as discovered from the router. */
export const ROUTE_SAMPLES: Record<string, RouteSample> = {
  'POST /evaluations': {
    prepare: ctx => ({ json: evaluationBody(ctx.seq) }),
    expect: entityMutation({ ok: 201, services: true }),
    auditEventId: 'evaluation-create',
    auditEntityRef: MODEL,
  },
  'GET /evaluations': {
    prepare: () => ({ query: { modelRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'POST /monitoring-snapshots': {
    prepare: ctx => ({ json: snapshotBody(ctx.seq) }),
    expect: entityMutation({ ok: 201, services: true }),
    auditEventId: 'monitoring-snapshot-create',
    auditEntityRef: MODEL,
  },
  'GET /monitoring-snapshots': {
    prepare: () => ({ query: { modelRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'POST /cost/records': {
    prepare: ctx => ({ json: costBody(ctx.seq) }),
    expect: entityMutation({ ok: 200, services: true }),
    auditEventId: 'cost-ingest',
  },
  'POST /cost/import/csv': {
    prepare: ctx => ({
      raw: `date,cost,currency,tags\n${isoDay(
        -2 - (ctx.seq % 20),
      )},3.5,USD,"{""modelops.dev/entity"":""${MODEL}""}"\n`,
      contentType: 'text/csv',
    }),
    expect: entityMutation({ ok: 200, services: true }),
    auditEventId: 'cost-import',
  },
  'GET /cost/import-sources': {
    prepare: () => ({}),
    expect: costImportAccess,
  },
  'POST /cost/imports': {
    // A real run: a dry run of the same file would be a 201 writing nothing.
    prepare: ctx => ({
      query: { dryRun: 'false', source: 'modelops-csv' },
      raw: costImportCsv(ctx.seq),
      contentType: 'text/csv',
    }),
    expect: entityMutation({ ok: 201, services: true }),
    auditEventId: 'cost-import',
  },
  'GET /cost/imports/:id': {
    prepare: async ctx => {
      const res = await ctx.backend.request({
        method: 'POST',
        path: '/cost/imports',
        query: { source: 'modelops-csv' },
        raw: costImportCsv(ctx.seq),
        contentType: 'text/csv',
        authorization: AS_OWNER,
      });
      if (res.status !== 201) {
        throw new Error(`cost import: ${res.status} ${res.text}`);
      }
      return { params: { id: res.body.id as string } };
    },
    expect: costImportRead,
  },
  'GET /cost/entity': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: costEntityRead,
  },
  'GET /cost/teams': { prepare: () => ({}), expect: costListRead },
  'GET /cost/models': { prepare: () => ({}), expect: costListRead },
  'GET /cost/idle': { prepare: () => ({}), expect: costListRead },
  'GET /scorecards/checks': {
    prepare: () => ({}),
    expect: signedInRead({ services: true }),
  },
  'GET /scorecards/entity': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'GET /scorecards/summary': {
    prepare: () => ({ query: { groupBy: 'team' } }),
    expect: signedInRead({ services: true }),
  },
  'GET /scorecards/results': {
    prepare: () => ({ query: { pack: 'documentation', state: 'fail' } }),
    expect: signedInRead({ services: true }),
  },
  'GET /scorecards/history': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'POST /scorecards/evaluate': {
    prepare: () => ({ json: { entityRef: MODEL } }),
    expect: basicMutation({ ok: 200, services: true, shipped: 'everyone' }),
    auditEventId: 'scorecard-evaluate',
    auditEntityRef: MODEL,
  },
  'GET /scorecards/waivers': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'GET /scorecards/waivers/:id': {
    prepare: async ctx => ({
      params: { id: await createWaiver(ctx, OWNER_USER) },
    }),
    expect: signedInRead({ services: true }),
  },
  'POST /scorecards/waivers': {
    prepare: async ctx => {
      await ctx.backend
        .knex('modelops_scorecard_waivers')
        .where({ entity_ref: MODEL, check_id: CHECK_ID })
        .update({ status: 'rejected' });
      return { json: waiverBody() };
    },
    expect: entityMutation({ ok: 201, services: false }),
    auditEventId: 'waiver-request',
    auditEntityRef: MODEL,
  },
  'POST /scorecards/waivers/:id/:decision': {
    // Requested by somebody else, so the two-person rule lets both approve.
    prepare: async ctx => ({
      params: {
        id: await createWaiver(ctx, 'user:default/carol'),
        decision: 'approve',
      },
      json: { comment: 'Reorganisation confirmed' },
    }),
    expect: basicMutation({
      ok: 200,
      services: false,
      shipped: 'reviewBoard',
    }),
    auditEventId: 'waiver-approve',
    auditEntityRef: MODEL,
  },
  'POST /scorecards/waivers/:id/withdraw': {
    // Only the requester may withdraw, whatever the policy says.
    prepare: async ctx => ({
      params: { id: await createWaiver(ctx, OWNER_USER) },
      json: { comment: 'Fixed the check instead' },
    }),
    expect: p => {
      if (p === 'unauthenticated') return 401;
      return p === 'owner' ? 200 : 403;
    },
    auditEventId: 'waiver-withdraw',
    auditEntityRef: MODEL,
  },
  'GET /scorecards/campaigns': {
    prepare: () => ({}),
    expect: signedInRead({ services: true }),
  },
  'GET /scorecards/campaigns/:id': {
    prepare: async ctx => ({ params: { id: await createCampaign(ctx) } }),
    expect: signedInRead({ services: true }),
  },
  'GET /scorecards/campaigns/:id/progress': {
    prepare: async ctx => ({ params: { id: await createCampaign(ctx) } }),
    expect: signedInRead({ services: true }),
  },
  'POST /scorecards/campaigns': {
    prepare: ctx => ({ json: campaignBody(ctx.seq) }),
    expect: basicMutation({
      ok: 201,
      services: false,
      shipped: 'reviewBoard',
    }),
    auditEventId: 'campaign-create',
  },
  'PATCH /scorecards/campaigns/:id': {
    prepare: async ctx => ({
      params: { id: await createCampaign(ctx) },
      json: { title: `Renamed campaign ${ctx.seq}` },
    }),
    expect: basicMutation({
      ok: 200,
      services: false,
      shipped: 'reviewBoard',
    }),
    auditEventId: 'campaign-update',
  },
  'DELETE /scorecards/campaigns/:id': {
    prepare: async ctx => ({ params: { id: await createCampaign(ctx) } }),
    expect: basicMutation({
      ok: 204,
      services: false,
      shipped: 'reviewBoard',
    }),
    auditEventId: 'campaign-delete',
  },
  'GET /reviews/cycles': {
    prepare: () => ({}),
    expect: signedInRead({ services: true }),
  },
  'GET /reviews/mine': {
    prepare: () => ({}),
    expect: signedInRead({ services: false }),
  },
  'GET /reviews/entity': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'POST /reviews/items/attest': {
    prepare: async ctx => ({
      json: { itemIds: [await openReviewItem(ctx)], decision: 'keep' },
    }),
    // Members attest with reviewAttestPermission; outsiders need the
    // review admin permission as well.
    expect: entityMutation({ ok: 200, services: false }),
    auditEventId: 'review-attest',
    auditEntityRef: MODEL,
  },
  'POST /reviews/items/:id/attest': {
    prepare: async ctx => ({
      params: { id: await openReviewItem(ctx) },
      json: { decision: 'keep', note: 'Still serving checkout' },
    }),
    expect: entityMutation({ ok: 200, services: false }),
    auditEventId: 'review-attest',
    auditEntityRef: MODEL,
  },
  'POST /reviews/items/:id/accept-transfer': {
    // Offered by the other team to the owner's group.
    prepare: async ctx => ({
      params: {
        id: await openReviewItem(ctx, {
          ownerRef: OTHER_GROUP,
          transferTo: OWNER_GROUP,
        }),
      },
      json: {},
    }),
    expect: entityMutation({ ok: 200, services: false }),
    auditEventId: 'review-accept-transfer',
    auditEntityRef: MODEL,
  },
  'GET /reviews/progress': {
    prepare: () => ({}),
    expect: signedInRead({ services: true }),
  },
  'GET /reviews/findings': {
    prepare: () => ({}),
    expect: signedInRead({ services: true }),
  },
  'GET /reviews/portfolio': {
    prepare: () => ({}),
    expect: signedInRead({ services: true }),
  },
  'GET /reviews/portfolio.csv': {
    prepare: () => ({}),
    expect: signedInRead({ services: true }),
  },
  'POST /feedback': {
    prepare: ctx => ({ json: feedbackBody(ctx.seq) }),
    expect: entityMutation({ ok: 201, services: false, everyone: true }),
    auditEventId: 'feedback-create',
    auditEntityRef: MODEL,
  },
  'GET /feedback': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'POST /feedback/:id/state': {
    prepare: async ctx => ({
      params: { id: await createFeedback(ctx) },
      json: { state: 'acknowledged' },
    }),
    expect: feedbackDecision,
    auditEventId: 'feedback-state-change',
    auditEntityRef: MODEL,
  },
  'PATCH /feedback/:id/state': {
    prepare: async ctx => ({
      params: { id: await createFeedback(ctx) },
      json: { state: 'resolved', comment: 'Explanation rewritten' },
    }),
    expect: feedbackDecision,
    auditEventId: 'feedback-state-change',
    auditEntityRef: MODEL,
  },
};

Object.assign(ROUTE_SAMPLES, {
  'POST /changes': {
    prepare: ctx => ({ json: changeBody(ctx.seq) }),
    expect: entityMutation({ ok: 201, services: false }),
    auditEventId: 'change-request',
    auditEntityRef: MODEL,
  },
  'GET /changes': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'GET /changes/recent': {
    prepare: () => ({ query: { limit: '10' } }),
    expect: signedInRead({ services: true }),
  },
  'POST /changes/:id/approve': {
    prepare: async ctx => ({
      params: { id: await createChange(ctx) },
      json: { comment: 'Rollback plan reviewed' },
    }),
    expect: reviewGroupDecision,
    auditEventId: 'change-approve',
    auditEntityRef: MODEL,
  },
  'POST /changes/:id/reject': {
    prepare: async ctx => ({
      params: { id: await createChange(ctx) },
      json: {},
    }),
    expect: reviewGroupDecision,
    auditEventId: 'change-reject',
    auditEntityRef: MODEL,
  },
  'POST /delivery/events': {
    prepare: ctx => ({
      json: {
        idempotencyKey: `hardening-delivery-${ctx.seq}`,
        entityRef: MODEL,
        type: 'deployment',
        at: '2026-11-01T10:00:00Z',
        modelVersion: '3',
      },
    }),
    expect: entityMutation({ ok: 201, services: true }),
    auditEventId: 'delivery-event-create',
    auditEntityRef: MODEL,
  },
  'GET /delivery/metrics': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'GET /delivery/incidents': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'POST /delivery/incident-assessments': {
    prepare: async ctx => ({
      json: {
        entityRef: MODEL,
        incidentId: await openIncident(ctx),
        serious: true,
        rationale: 'Declines were issued without the human review step',
        reportedAt: '2026-11-03T09:00:00Z',
        authority: 'National market surveillance authority',
      },
    }),
    expect: entityMutation({ ok: 201, services: false }),
    auditEventId: 'incident-assess',
    auditEntityRef: MODEL,
  },
  'POST /risk-assessments': {
    prepare: () => ({
      json: {
        entityRef: MODEL,
        answers: { annexIIIPoints: ['5(b)'], profilesNaturalPersons: true },
      },
    }),
    expect: entityMutation({ ok: 201, services: false }),
    auditEventId: 'risk-assessment-create',
    auditEntityRef: MODEL,
  },
  'GET /risk-assessments': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'GET /compliance/obligations': {
    prepare: () => ({ query: { appliesFrom: '2027-12-02' } }),
    expect: signedInRead({ services: true }),
  },
  'GET /compliance/entity': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'GET /compliance/portfolio': {
    prepare: () => ({ query: { instrument: 'iso-42001' } }),
    expect: signedInRead({ services: true }),
  },
  'GET /compliance/dossier': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'PUT /observations/sources/:source': {
    prepare: () => ({
      params: { source: 'KServeObserver:prod' },
      json: {
        reports: [
          {
            sourceObject: 'prod/risk/credit-risk-scorer',
            entityRef: MODEL,
            notes: [],
            serving: { cluster: 'prod', namespace: 'risk', name: 'scorer' },
          },
        ],
      },
    }),
    expect: basicMutation({ ok: 200, services: true, shipped: 'reviewBoard' }),
    auditEventId: 'observations-replace',
  },
  'GET /observations': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'GET /decisions': {
    prepare: () => ({ query: { entityRef: MODEL } }),
    expect: signedInRead({ services: true }),
  },
  'GET /decisions.csv': {
    prepare: () => ({ query: { team: OWNER_GROUP } }),
    expect: signedInRead({ services: true }),
  },
} satisfies Record<string, RouteSample>);

/** The key of a discovered route in {@link ROUTE_SAMPLES}. */
export function routeKey(route: DiscoveredRoute): string {
  return `${route.method} ${route.path}`;
}

/** Replaces `:params` in a route path. */
export function fillPath(path: string, params: Record<string, string> = {}) {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name) => {
    if (!(name in params)) {
      throw new Error(`No value for :${name} in ${path}`);
    }
    return encodeURIComponent(params[name]);
  });
}

/** Whether a route changes state. */
export function isMutation(route: DiscoveredRoute): boolean {
  return route.method !== 'GET';
}

/** Models both teams own, for cost list consistency checks. */
export const COST_MODELS = [MODEL, OTHER_MODEL];
