import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { modelopsPermissions } from '@modelops/plugin-modelops-common';
import {
  modelopsChecksExtensionPoint,
  modelopsFactProvidersExtensionPoint,
  ruleCheck,
} from '@modelops/plugin-modelops-node';
import Router from 'express-promise-router';
import { createCostRouter } from './cost/createCostRouter';
import { loadDemoEvidence } from './demo/loadDemoEvidence';
import { createEvidenceRouter } from './evidence/createEvidenceRouter';
import { DatabaseEvidenceStore } from './evidence/DatabaseEvidenceStore';
import {
  ChangeFactProvider,
  createChangesRouter,
  productionChangeApprovedCheck,
} from './changes';
import { createDeliveryRouter, loadDemoDelivery } from './delivery';
import {
  createFeedbackRouter,
  feedbackAnsweredCheck,
  FeedbackFactProvider,
} from './feedback';
import {
  createObservationsRouter,
  DatabaseObservationStore,
  ObservationFactProvider,
} from './observations';
import { createReviewsRouter, registerReviewTasks } from './reviews';
import {
  createScorecards,
  type ScorecardsExtensions,
} from './scorecards/createScorecards';
import { bodyLimits } from './service/bodyLimits';
import { migrateDatabase } from './service/migrateDatabase';
import { InMemoryRateLimiter, readRateLimitConfig } from './service/rateLimit';
import type { ModelOpsRouterOptions } from './service/types';

/**
 * The ModelOps backend plugin: evidence, cost, scorecards and reviews.
 *
 * @public
 */
export const modelopsPlugin = createBackendPlugin({
  pluginId: 'modelops',
  register(env) {
    const scorecardExtensions: ScorecardsExtensions = {
      checks: [],
      factProviders: [],
    };
    env.registerExtensionPoint(modelopsChecksExtensionPoint, {
      addCheck: (...checks) => scorecardExtensions.checks.push(...checks),
    });
    env.registerExtensionPoint(modelopsFactProvidersExtensionPoint, {
      addFactProvider: (...providers) =>
        scorecardExtensions.factProviders.push(...providers),
    });
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({ httpRouter, permissionsRegistry, database, ...deps }) {
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateDatabase(knex);
        }
        permissionsRegistry.addPermissions(modelopsPermissions);

        const options: ModelOpsRouterOptions = { ...deps, database: knex };
        const router = Router();
        // Per-caller limit on mutations, before any body is read (rateLimit).
        const rateLimit = readRateLimitConfig(deps.config);
        if (rateLimit) {
          router.use(
            InMemoryRateLimiter.create({
              ...rateLimit,
              httpAuth: deps.httpAuth,
            }).middleware(),
          );
        }
        // Size cap, content type, NUL and nesting checks (see bodyLimits).
        router.use(bodyLimits());
        // Feature routers are mounted here, one line each.
        router.use(await createCostRouter(options));
        router.use(createEvidenceRouter(options));
        router.use(await createReviewsRouter(options));
        await registerReviewTasks(options);
        router.use(createFeedbackRouter(options));
        router.use(createChangesRouter(options));
        router.use(createDeliveryRouter(options));
        const observations = DatabaseObservationStore.create({ knex });
        router.use(createObservationsRouter(options, { store: observations }));
        scorecardExtensions.factProviders.push(
          ObservationFactProvider.create({ store: observations }),
          FeedbackFactProvider.create(options),
          ChangeFactProvider.create(options),
        );
        scorecardExtensions.checks.push(
          ruleCheck(feedbackAnsweredCheck),
          ruleCheck(productionChangeApprovedCheck),
        );
        router.use(await createScorecards(options, scorecardExtensions));
        await loadDemoEvidence({
          ...options,
          store: DatabaseEvidenceStore.create({ knex }),
        });
        await loadDemoDelivery(options);
        httpRouter.use(router);
      },
    });
  },
});
