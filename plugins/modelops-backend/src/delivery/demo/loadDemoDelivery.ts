/*
 * loadDemoDelivery: stores the generated demo delivery history at backend
 * start when `modelops.demoData.delivery` is true. The history ends today on
 * first start. Idempotent: when the demo events are already stored (from any
 * earlier start) nothing is written, so restarts neither double the history
 * nor move it.
 */
import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  deliveryEventInputSchema,
  incidentAssessmentInputSchema,
  type DeliveryEventInput,
  type IncidentAssessmentInput,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { DatabaseDeliveryStore } from '../DatabaseDeliveryStore';
import { DatabaseIncidentStore } from '../DatabaseIncidentStore';
import { generateDemoDeliveryEvents } from './generateDemoDeliveryEvents';

/** Config key switching the demo delivery history on. */
export const DEMO_DELIVERY_CONFIG_KEY = 'modelops.demoData.delivery';

/** Options of {@link loadDemoDelivery}. */
export interface LoadDemoDeliveryOptions {
  config: RootConfigService;
  logger: LoggerService;
  database: Knex;
  /** Last day of the history (YYYY-MM-DD); today by default. */
  endDay?: string;
}

/** The demo high-risk models whose incidents carry serious-incident assessments. */
export const DEMO_ASSESSED_MODELS = [
  'mlmodel:default/credit-risk-scorer',
  'mlmodel:default/affordability-assessor',
];
/** Who recorded the demo assessments (the demo review board's chair). */
const DEMO_INCIDENT_ASSESSOR = 'user:default/margaret.osei';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Serious-incident assessments of the demo history: on each high-risk demo
 * model, the first incident was serious and reported nine days after it
 * opened, later ones were not serious, and the latest is still to be
 * assessed, so the Art. 73 check and the dossier show every state.
 */
export function demoIncidentAssessments(
  events: DeliveryEventInput[],
): IncidentAssessmentInput[] {
  return DEMO_ASSESSED_MODELS.flatMap(entityRef => {
    const opened = events.filter(
      e => e.entityRef === entityRef && e.type === 'incident-opened',
    );
    return opened.slice(0, -1).map((e, i) =>
      i === 0
        ? {
            entityRef,
            incidentId: e.incidentId!,
            serious: true,
            rationale:
              'Applications were declined without the underwriter review the instructions for use require; the declines were reversed.',
            reportedAt: new Date(Date.parse(e.at) + 9 * DAY_MS).toISOString(),
            authority: 'National market surveillance authority',
            reportReference: `MSA-${e.incidentId}`,
          }
        : {
            entityRef,
            incidentId: e.incidentId!,
            serious: false,
            rationale:
              'Served by the fallback scorecard while it lasted; no applicant was affected.',
          },
    );
  });
}

/**
 * Loads the demo delivery events when the config asks for them.
 *
 * @returns how many events were written, or undefined when switched off
 */
export async function loadDemoDelivery(
  options: LoadDemoDeliveryOptions,
): Promise<number | undefined> {
  if (!options.config.getOptionalBoolean(DEMO_DELIVERY_CONFIG_KEY)) {
    return undefined;
  }
  const [{ n }] = await options
    .database('modelops_delivery_events')
    .where('idempotency_key', 'like', 'demo-delivery-%')
    .count({ n: '*' });
  if (Number(n) > 0) {
    options.logger.info(
      `Demo delivery history already present (${n} events); nothing loaded`,
    );
    return 0;
  }
  const events = generateDemoDeliveryEvents({
    endDay: options.endDay ?? new Date().toISOString().slice(0, 10),
  });
  // One transaction: a start that dies half-way leaves no partial history
  // that the presence check above would then take for a complete one.
  await options.database.transaction(async tx => {
    const store = DatabaseDeliveryStore.create({ knex: tx });
    for (const event of events) {
      await store.addEvent(deliveryEventInputSchema.parse(event));
    }
    const incidents = DatabaseIncidentStore.create({ knex: tx });
    for (const assessment of demoIncidentAssessments(events)) {
      await incidents.assess(
        incidentAssessmentInputSchema.parse(assessment),
        DEMO_INCIDENT_ASSESSOR,
      );
    }
  });
  options.logger.info(`Loaded ${events.length} demo delivery events`);
  return events.length;
}
