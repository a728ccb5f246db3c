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
import { deliveryEventInputSchema } from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { DatabaseDeliveryStore } from '../DatabaseDeliveryStore';
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
  });
  options.logger.info(`Loaded ${events.length} demo delivery events`);
  return events.length;
}
