/*
 * Delivery metrics: deployments and incidents that CI/CD and incident tools
 * report per model, and the measures computed from them over a window
 * (deployment frequency, change failure rate, mean time to recover) with a
 * weekly series for charts.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { entityRefOfKind } from './evidence';
import { isoDateTimeSchema } from './isoDate';

/** Kinds of delivery events. @public */
export const DELIVERY_EVENT_TYPES = [
  'deployment',
  'incident-opened',
  'incident-resolved',
] as const;

/** @public */
export type DeliveryEventType = (typeof DELIVERY_EVENT_TYPES)[number];

/** Default and largest metric windows, in days. @public */
export const DELIVERY_WINDOW_DAYS = { default: 90, max: 730 } as const;

const label = z.string().trim().min(1).max(200);

/**
 * Body of `POST /delivery/events`. Incident events name their incident so
 * that an opening and its resolution pair up; `failed` marks a deployment
 * that caused a failure in production, and only deployments carry it.
 *
 * @public
 */
export const deliveryEventInputSchema = z
  .strictObject({
    idempotencyKey: label.optional(),
    entityRef: entityRefOfKind('mlmodel'),
    type: z.enum(DELIVERY_EVENT_TYPES),
    at: isoDateTimeSchema(),
    modelVersion: label.optional(),
    incidentId: label.optional(),
    failed: z.boolean().optional(),
  })
  .refine(v => v.type === 'deployment' || v.incidentId !== undefined, {
    path: ['incidentId'],
    message: 'required for incident events',
  })
  .refine(v => v.type === 'deployment' || v.failed === undefined, {
    path: ['failed'],
    message: 'only deployments can be marked failed',
  });

/** A delivery event as a pipeline sends it. @public */
export type DeliveryEventInput = z.input<typeof deliveryEventInputSchema>;
/** A delivery event after validation and normalisation. @public */
export type DeliveryEventData = z.output<typeof deliveryEventInputSchema>;

/** A stored delivery event. @public */
export interface DeliveryEvent {
  id: string;
  idempotencyKey?: string;
  entityRef: string;
  type: DeliveryEventType;
  /** ISO 8601 date-time the event happened. */
  at: string;
  modelVersion?: string;
  incidentId?: string;
  /** Set on deployments: whether the deployment caused a failure. */
  failed?: boolean;
  /** When the backend stored the event. */
  createdAt: string;
}

const groupRef = z
  .string()
  .max(255)
  .transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') === 'group') {
        return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
      }
    } catch {
      // reported below with the expected shape
    }
    ctx.addIssue({
      code: 'custom',
      message: 'expected a group entity ref such as group:default/name',
    });
    return z.NEVER;
  });

/**
 * Query of `GET /delivery/metrics`: one model (`entityRef`) or every model a
 * team owns (`team`), over the last `days` days.
 *
 * @public
 */
export const deliveryMetricsQuerySchema = z
  .strictObject({
    entityRef: entityRefOfKind('mlmodel').optional(),
    team: groupRef.optional(),
    days: z.coerce
      .number()
      .int()
      .min(7)
      .max(DELIVERY_WINDOW_DAYS.max)
      .default(DELIVERY_WINDOW_DAYS.default),
  })
  .refine(v => (v.entityRef === undefined) !== (v.team === undefined), {
    path: ['entityRef'],
    message: 'give exactly one of entityRef and team',
  });

/** Query of `GET /delivery/metrics` as a client sends it. @public */
export type DeliveryMetricsQuery =
  | { entityRef: string; team?: undefined; days?: number }
  | { team: string; entityRef?: undefined; days?: number };

/** One week of the metric series (weeks start on Monday, UTC). @public */
export interface DeliveryWeek {
  /** ISO date (YYYY-MM-DD) of the week's Monday. */
  weekStart: string;
  deployments: number;
  failedDeployments: number;
  /** Incidents resolved in the week. */
  incidentsResolved: number;
  /** Mean hours from opening to resolution of the week's resolved incidents. */
  meanTimeToRecoverHours?: number;
}

/** Answer of `GET /delivery/metrics`. @public */
export interface DeliveryMetrics {
  /** The model, or the team whose models were measured. */
  scope: { entityRef: string } | { team: string };
  /** The models measured, lower-case refs. */
  entityRefs: string[];
  /** Window start (inclusive) and end (exclusive), ISO 8601 date-times. */
  from: string;
  to: string;
  days: number;
  deployments: number;
  failedDeployments: number;
  /** Deployments per 7 days over the window. */
  deploymentsPerWeek: number;
  /** Failed share of deployments, 0..1; undefined without deployments. */
  changeFailureRate?: number;
  /** Incidents resolved in the window. */
  incidentsResolved: number;
  /** Incidents opened and not resolved by the end of the window. */
  incidentsOpen: number;
  /** Mean hours from opening to resolution; undefined without resolved incidents. */
  meanTimeToRecoverHours?: number;
  weeks: DeliveryWeek[];
}

/**
 * Body of `POST /delivery/incident-assessments`: whether an incident the
 * delivery feature recorded on a model is a serious incident (EU AI Act
 * Art. 3(49): death or serious harm to health, serious and irreversible
 * disruption of critical infrastructure, infringement of fundamental rights
 * obligations, serious harm to property or the environment) and, when it
 * is, the report made to the market surveillance authority (Art. 73). A
 * later assessment of the same incident replaces the earlier one, for
 * example to record the report once it is made.
 *
 * @public
 */
export const incidentAssessmentInputSchema = z
  .strictObject({
    entityRef: entityRefOfKind('mlmodel'),
    incidentId: label,
    /** Whether the incident is serious in the sense of Art. 3(49). */
    serious: z.boolean(),
    /** Why the incident is, or is not, serious. */
    rationale: z.string().trim().min(1).max(2000),
    /** When the serious incident was reported to the market surveillance authority. */
    reportedAt: isoDateTimeSchema().optional(),
    /** The market surveillance authority reported to. */
    authority: label.optional(),
    /** The reference the authority gave the report. */
    reportReference: label.optional(),
  })
  .refine(v => v.serious || v.reportedAt === undefined, {
    path: ['reportedAt'],
    message: 'only a serious incident is reported',
  })
  .refine(v => v.reportedAt !== undefined || v.reportReference === undefined, {
    path: ['reportReference'],
    message: 'needs reportedAt',
  });

/** An incident assessment as a client sends it. @public */
export type IncidentAssessmentInput = z.input<
  typeof incidentAssessmentInputSchema
>;
/** An incident assessment after validation and normalisation. @public */
export type IncidentAssessmentData = z.output<
  typeof incidentAssessmentInputSchema
>;

/** A stored serious-incident assessment. @public */
export interface IncidentAssessment {
  entityRef: string;
  incidentId: string;
  /** When the incident was first recorded as opened (ISO 8601). */
  openedAt: string;
  serious: boolean;
  rationale: string;
  reportedAt?: string;
  authority?: string;
  reportReference?: string;
  /** Who recorded the assessment, an entity ref. */
  assessedBy: string;
  /** When the assessment was last recorded (ISO 8601). */
  assessedAt: string;
}

/** Query of `GET /delivery/incidents`. @public */
export const incidentListQuerySchema = z.strictObject({
  entityRef: entityRefOfKind('mlmodel'),
});

/** An incident recorded on a model, with its assessment when there is one. @public */
export interface RecordedIncident {
  incidentId: string;
  /** When the incident was first recorded as opened (ISO 8601). */
  openedAt: string;
  /** When it was last recorded as resolved, if it was. */
  resolvedAt?: string;
  modelVersion?: string;
  assessment?: IncidentAssessment;
}

/** `GET /delivery/incidents` response: every incident recorded on the model, oldest first. @public */
export interface RecordedIncidentList {
  entityRef: string;
  items: RecordedIncident[];
}
