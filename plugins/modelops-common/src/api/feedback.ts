/*
 * Feedback API: problems that users of a model report (a wrong prediction, a
 * bias concern, a usability issue, an outage) and the state the owning team
 * moves them through. Validated by the backend router with these schemas and
 * read by the model page's feedback card.
 */
import { z } from 'zod';
import { entityRefOfKind } from './evidence';

/** What a user can report about a model. @public */
export const FEEDBACK_CATEGORIES = [
  'wrong-prediction',
  'bias-concern',
  'usability',
  'outage',
] as const;

/** @public */
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];

/**
 * States of a feedback item: `open` when reported, `acknowledged` when the
 * owners have seen it, `resolved` when dealt with, `withdrawn` when the
 * reporter took it back (final; only the reporter sets it).
 *
 * @public
 */
export const FEEDBACK_STATES = [
  'open',
  'acknowledged',
  'resolved',
  'withdrawn',
] as const;

/** @public */
export type FeedbackState = (typeof FEEDBACK_STATES)[number];

/** Longest feedback text, in characters. @public */
export const MAX_FEEDBACK_TEXT = 4000;

/** Default and largest page sizes of `GET /feedback`. @public */
export const FEEDBACK_LIST_LIMITS = { default: 100, max: 500 } as const;

/**
 * Body of `POST /feedback`.
 *
 * @public
 */
export const feedbackCreateRequestSchema = z.strictObject({
  entityRef: entityRefOfKind('mlmodel'),
  category: z.enum(FEEDBACK_CATEGORIES),
  text: z.string().trim().min(1).max(MAX_FEEDBACK_TEXT),
});

/** A feedback report as a user sends it. @public */
export type FeedbackCreateRequest = z.input<typeof feedbackCreateRequestSchema>;

/**
 * Body of `POST /feedback/:id/state` (also accepted as `PATCH`).
 *
 * @public
 */
export const feedbackStateRequestSchema = z.strictObject({
  state: z.enum(FEEDBACK_STATES),
  comment: z.string().trim().min(1).max(MAX_FEEDBACK_TEXT).optional(),
});

/** A state change as an owner sends it. @public */
export type FeedbackStateRequest = z.input<typeof feedbackStateRequestSchema>;

/**
 * Query of `GET /feedback`. The model is required: feedback is shown where the
 * model is, and the caller must be able to see that model.
 *
 * @public
 */
export const feedbackListQuerySchema = z.strictObject({
  entityRef: entityRefOfKind('mlmodel'),
  state: z.enum(FEEDBACK_STATES).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(FEEDBACK_LIST_LIMITS.max)
    .default(FEEDBACK_LIST_LIMITS.default),
});

/** Query of `GET /feedback` as a client sends it. @public */
export interface FeedbackListQuery {
  entityRef: string;
  state?: FeedbackState;
  limit?: number;
}

/** A stored feedback report. @public */
export interface Feedback {
  id: string;
  /** The model, as a lower-case entity ref. */
  entityRef: string;
  category: FeedbackCategory;
  text: string;
  state: FeedbackState;
  /** The user who reported it. */
  reporterRef: string;
  /** ISO 8601 date-time of the report. */
  createdAt: string;
  /** ISO 8601 date-time of the last state change; the report time until then. */
  updatedAt: string;
  /** Who made the last state change. */
  updatedBy?: string;
  /** The comment of the last state change. */
  comment?: string;
}

/** Answer of `GET /feedback`, newest first. @public */
export interface FeedbackList {
  items: Feedback[];
}
