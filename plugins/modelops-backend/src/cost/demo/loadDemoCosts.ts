/*
 * loadDemoCosts: stores the generated demo history at backend start when
 * `modelops.demoData.cost` is true. Idempotent: the records are upserted
 * under the `demo` source, so restarts replace instead of doubling.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { toIsoDay } from '../costCalendar';
import { DatabaseCostStore } from '../DatabaseCostStore';
import { generateDemoCosts } from './generateDemoCosts';

/** Options of {@link loadDemoCosts}. */
export interface LoadDemoCostsOptions {
  database: Knex;
  currency: string;
  logger: LoggerService;
  /** Last day of the history; today by default. */
  endDay?: string;
}

/** Generates and upserts the demo cost history in one transaction. */
export async function loadDemoCosts(
  options: LoadDemoCostsOptions,
): Promise<number> {
  const records = generateDemoCosts({
    endDay: options.endDay ?? toIsoDay(new Date()),
    currency: options.currency,
  });
  const started = Date.now();
  const written = await DatabaseCostStore.create({
    database: options.database,
  }).upsertRecords(records);
  options.logger.info(
    `Loaded ${written} demo cost records in ${Date.now() - started} ms`,
  );
  return written;
}
