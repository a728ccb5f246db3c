/*
 * Decision history: every governance decision about a model or dataset
 * (waiver requests and their approval, rejection or withdrawal, production
 * change requests and their approval or rejection, ownership review
 * attestations, transfers and retirements) in one shape, newest first, for
 * people and for an auditor's CSV export.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { entityRefOfKind } from './evidence';

/** The features whose records hold decisions. @public */
export const DECISION_SOURCES = ['waiver', 'change', 'review'] as const;

/** @public */
export type DecisionSourceName = (typeof DECISION_SOURCES)[number];

/** Every kind of decision the history lists. @public */
export const DECISION_ACTIONS = [
  'waiver-requested',
  'waiver-approved',
  'waiver-rejected',
  'waiver-withdrawn',
  'change-requested',
  'change-approved',
  'change-rejected',
  'review-kept',
  'review-transfer-offered',
  'review-transfer-accepted',
  'review-retired',
] as const;

/** @public */
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** Default and largest page sizes of `GET /decisions`. @public */
export const DECISION_LIST_LIMITS = { default: 50, max: 200 } as const;

/** Most rows one `GET /decisions.csv` export holds. @public */
export const DECISION_EXPORT_MAX_ROWS = 20_000;

// Any kind: waivers and reviews concern datasets as well as models.
const anyEntityRef = z
  .string()
  .max(255)
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value.trim(), { defaultNamespace: 'default' }),
      ).toLocaleLowerCase('en-US');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'expected an entity ref such as mlmodel:default/name',
      });
      return z.NEVER;
    }
  });

const scope = {
  entityRef: anyEntityRef.optional(),
  team: entityRefOfKind('group').optional(),
};

function exactlyOneScope(value: { entityRef?: string; team?: string }) {
  return (value.entityRef === undefined) !== (value.team === undefined);
}

const oneScope = {
  path: ['entityRef'],
  message: 'give exactly one of entityRef and team',
};

/**
 * Query of `GET /decisions`: the decisions about one entity (`entityRef`) or
 * about the entities one team owns or owned (`team`), a page at a time.
 *
 * @public
 */
export const decisionListQuerySchema = z
  .strictObject({
    ...scope,
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(DECISION_LIST_LIMITS.max)
      .default(DECISION_LIST_LIMITS.default),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .refine(exactlyOneScope, oneScope);

/** Query of `GET /decisions.csv`: the same scopes, every decision. @public */
export const decisionExportQuerySchema = z
  .strictObject(scope)
  .refine(exactlyOneScope, oneScope);

/** Query of `GET /decisions` as a client sends it. @public */
export type DecisionListQuery =
  | { entityRef: string; team?: undefined; limit?: number; offset?: number }
  | { team: string; entityRef?: undefined; limit?: number; offset?: number };

/**
 * One decision: who (a ref; the UI shows the person's name), when, what and
 * why.
 *
 * @public
 */
export interface DecisionRecord {
  /** Unique across the history, e.g. `waiver:<id>:approved`. */
  id: string;
  source: DecisionSourceName;
  /** The waiver, change request or review item the decision belongs to. */
  recordId: string;
  action: DecisionAction;
  /** The entity decided about, as a lower-case ref. */
  entityRef: string;
  /** ISO 8601 date-time of the decision. */
  at: string;
  /** Who decided, as an entity ref (`user:default/jane`). */
  actorRef: string;
  /** What was decided, in words: "Waive ownership.owner-group until 2027-03-01". */
  what: string;
  /** Why: the reason, comment or note given with the decision. */
  why?: string;
  /** Reviews: whether the actor decided as owner (`member`) or review admin. */
  authority?: 'member' | 'admin';
}

/** `GET /decisions` response. @public */
export interface DecisionPage {
  items: DecisionRecord[];
  /** Decisions in the scope, on every page. */
  total: number;
  limit: number;
  offset: number;
}
