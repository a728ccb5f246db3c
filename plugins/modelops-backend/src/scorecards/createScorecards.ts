import type {
  ModelopsCheck,
  ModelopsFactProvider,
} from '@modelops/plugin-modelops-node';
import { ruleCheck } from '@modelops/plugin-modelops-node';
import type { Router as ExpressRouter } from 'express';
import Router from 'express-promise-router';
import { DatabaseChangeStore } from '../changes/DatabaseChangeStore';
import { createComplianceRouter } from '../compliance/createComplianceRouter';
import { DatabaseDeliveryStore } from '../delivery/DatabaseDeliveryStore';
import { DatabaseIncidentStore } from '../delivery/DatabaseIncidentStore';
import { DatabaseReviewStore } from '../reviews/DatabaseReviewStore';
import type { ModelOpsRouterOptions } from '../service/types';
import { DefaultCampaignNotifier } from './CampaignNotifier';
import { createScorecardsRouter } from './createScorecardsRouter';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { loadDemoCampaigns } from './demo/loadDemoCampaigns';
import { DatabaseEvidenceStore } from '../evidence/DatabaseEvidenceStore';
import { ReviewFactProvider } from '../reviews/ReviewFactProvider';
import { CostFactProvider } from './facts/CostFactProvider';
import { EvidenceFactProvider } from './facts/EvidenceFactProvider';
import { LinksFactProvider } from './facts/LinksFactProvider';
import { MonitoringFactProvider } from './facts/MonitoringFactProvider';
import { OwnershipFactProvider } from './facts/OwnershipFactProvider';
import { RecordsFactProvider } from './facts/RecordsFactProvider';
import { ReferencesFactProvider } from './facts/ReferencesFactProvider';
import { shippedChecks } from './packs/shippedChecks';
import { readScorecardsConfig } from './readScorecardsConfig';
import { DefaultScorecardEngine } from './ScorecardEngine';

/** Checks and fact providers that modules added through the extension points. */
export interface ScorecardsExtensions {
  checks: ModelopsCheck[];
  factProviders: ModelopsFactProvider[];
}

/** Id of the scheduled evaluation; the scheduler runs it on one replica at a time. */
export const SCORECARDS_TASK_ID = 'modelops-scorecards-evaluate';
/** Id of the scheduled change scan, also run on one replica at a time. */
export const SCORECARDS_CHANGES_TASK_ID = 'modelops-scorecards-changes';

/**
 * Assembles the scorecards feature: shipped, config and module checks,
 * built-in and module fact providers, the engine, the scheduled evaluation
 * and the router.
 */
export async function createScorecards(
  options: ModelOpsRouterOptions,
  extensions: ScorecardsExtensions,
): Promise<ExpressRouter> {
  const config = readScorecardsConfig(options.config);
  const disabled = new Set(config.disabledChecks);
  const checks = [
    ...shippedChecks(),
    ...config.checks.map(ruleCheck),
    ...extensions.checks,
  ].filter(c => !disabled.has(c.id));
  const store = DatabaseScorecardStore.create(options.database);
  await loadDemoCampaigns({ ...options, store });
  const notifier = DefaultCampaignNotifier.create({
    store,
    notifications: options.notifications,
    logger: options.logger,
  });
  const evidence = DatabaseEvidenceStore.create({ knex: options.database });
  const engine = DefaultScorecardEngine.create({
    store,
    catalog: options.catalog,
    auth: options.auth,
    logger: options.logger,
    checks,
    factProviders: [
      LinksFactProvider.create(),
      RecordsFactProvider.create(),
      OwnershipFactProvider.create({
        catalog: options.catalog,
        auth: options.auth,
      }),
      ReferencesFactProvider.create({
        catalog: options.catalog,
        auth: options.auth,
      }),
      EvidenceFactProvider.create({
        store: evidence,
        maxAgeDays: config.evidenceMaxAgeDays,
      }),
      MonitoringFactProvider.create({
        store: evidence,
        maxAgeDays: config.monitoringMaxAgeDays,
      }),
      CostFactProvider.create({ database: options.database }),
      ReviewFactProvider.create({
        database: options.database,
        catalog: options.catalog,
        auth: options.auth,
      }),
      ...extensions.factProviders,
    ],
    pageSize: config.pageSize,
    backfillDays: config.backfillDays,
    maxChangedEntities: config.changeDetection?.maxEntities,
    onRegressions: (regressions, now) => notifier.notify(regressions, now),
  });

  await options.scheduler.scheduleTask({
    id: SCORECARDS_TASK_ID,
    ...config.schedule,
    scope: 'global',
    fn: async () => {
      const result = await engine.evaluateAll();
      options.logger.info(
        `Scorecards evaluated: ${result.entities} entities, ${result.results} results, ${result.changed} changes in ${result.durationMs} ms`,
      );
    },
  });

  if (config.changeDetection) {
    await options.scheduler.scheduleTask({
      id: SCORECARDS_CHANGES_TASK_ID,
      ...config.changeDetection.schedule,
      scope: 'global',
      fn: async () => {
        const result = await engine.evaluateChanged();
        if (result.entities > 0) {
          options.logger.info(
            `Scorecards of ${result.entities} changed entities evaluated: ${result.changed} changes in ${result.durationMs} ms`,
          );
        }
      },
    });
  }

  const router = Router();
  router.use(createScorecardsRouter(options, { engine, store }));
  // Compliance reads the registered checks and their stored results, so it
  // is mounted with them.
  router.use(
    createComplianceRouter(options, {
      checks: () => engine.listChecks(),
      scorecards: store,
      evidence: DatabaseEvidenceStore.create({ knex: options.database }),
      changes: DatabaseChangeStore.create({ knex: options.database }),
      delivery: DatabaseDeliveryStore.create({ knex: options.database }),
      incidents: DatabaseIncidentStore.create({ knex: options.database }),
      reviews: DatabaseReviewStore.create({ database: options.database }),
    }),
  );
  return router;
}
