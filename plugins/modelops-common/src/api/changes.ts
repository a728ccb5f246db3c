/*
 * Change approvals: a request to promote a model version to production or to
 * roll production back, with links to the evidence that justifies it, and
 * the decision of a reviewer who is not the requester (four eyes).
 */
import { z } from 'zod';
import { entityRefOfKind } from './evidence';

/** What a change request asks for. @public */
export const CHANGE_KINDS = ['promote', 'rollback'] as const;

/** @public */
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Where a change request stands. @public */
export const CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const;

/** @public */
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** Most evidence links of one change request. @public */
export const MAX_CHANGE_EVIDENCE_LINKS = 20;

/** Longest reason or decision comment, in characters. @public */
export const MAX_CHANGE_TEXT = 4000;

/** Default and largest page sizes of `GET /changes`. @public */
export const CHANGE_LIST_LIMITS = { default: 50, max: 500 } as const;

const evidenceLink = z.url({
  protocol: /^https?$/,
  error: 'expected an http(s) URL',
});

/**
 * Body of `POST /changes`. A promotion must link at least one piece of
 * evidence (evaluation, model card, test run): reviewers approve what they can
 * check. A rollback may be urgent and need none.
 *
 * @public
 */
export const changeRequestCreateSchema = z
  .strictObject({
    entityRef: entityRefOfKind('mlmodel'),
    kind: z.enum(CHANGE_KINDS),
    modelVersion: z.string().trim().min(1).max(200),
    evidenceLinks: z
      .array(evidenceLink)
      .max(MAX_CHANGE_EVIDENCE_LINKS)
      .default([]),
    reason: z.string().trim().min(1).max(MAX_CHANGE_TEXT),
  })
  .refine(v => v.kind !== 'promote' || v.evidenceLinks.length > 0, {
    path: ['evidenceLinks'],
    message: 'a promotion needs at least one evidence link',
  });

/** A change request as a user sends it. @public */
export type ChangeRequestCreate = z.input<typeof changeRequestCreateSchema>;

/**
 * Body of `POST /changes/:id/approve` and `POST /changes/:id/reject`.
 *
 * @public
 */
export const changeDecisionSchema = z.strictObject({
  comment: z.string().trim().min(1).max(MAX_CHANGE_TEXT).optional(),
});

/** A decision as a reviewer sends it. @public */
export type ChangeDecision = z.input<typeof changeDecisionSchema>;

/**
 * Query of `GET /changes`.
 *
 * @public
 */
export const changeListQuerySchema = z.strictObject({
  entityRef: entityRefOfKind('mlmodel'),
  status: z.enum(CHANGE_STATUSES).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(CHANGE_LIST_LIMITS.max)
    .default(CHANGE_LIST_LIMITS.default),
});

/**
 * Query of `GET /changes/recent`: the latest requested or decided changes of
 * any model the caller can see, for the home page.
 *
 * @public
 */
export const recentChangesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** Query of `GET /changes` as a client sends it. @public */
export interface ChangeListQuery {
  entityRef: string;
  status?: ChangeStatus;
  limit?: number;
}

/** A stored change request. @public */
export interface ChangeRequest {
  id: string;
  /** The model, as a lower-case entity ref. */
  entityRef: string;
  kind: ChangeKind;
  modelVersion: string;
  evidenceLinks: string[];
  reason: string;
  status: ChangeStatus;
  requesterRef: string;
  /** ISO 8601 date-time of the request. */
  createdAt: string;
  /** The reviewer who approved or rejected it. */
  decidedBy?: string;
  /** ISO 8601 date-time of the decision. */
  decidedAt?: string;
  decisionComment?: string;
}

/**
 * Answer of `GET /changes`, newest first, with the group whose members decide
 * so that the UI can say who to ask.
 *
 * @public
 */
export interface ChangeRequestList {
  items: ChangeRequest[];
  reviewGroup: string;
}
