import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Router } from 'express';
import type { Knex } from 'knex';

/**
 * What every feature router of the ModelOps backend receives from the plugin.
 * The database is already migrated when a router factory is called.
 */
export interface ModelOpsRouterOptions {
  logger: LoggerService;
  config: RootConfigService;
  database: Knex;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  scheduler: SchedulerService;
  notifications: NotificationService;
}

/**
 * Builds the express router of one feature (evidence, cost, scorecards...).
 * plugin.ts mounts each on the plugin's router, after JSON body parsing.
 */
export type ModelOpsFeatureRouterFactory = (
  options: ModelOpsRouterOptions,
) => Promise<Router> | Router;

/** Options of the `create()` of the database stores. */
export interface DatabaseStoreOptions {
  /** A knex client whose database is already migrated. */
  knex: Knex;
  /** Clock for the times the store records; replaceable in tests. */
  now?: () => Date;
}
