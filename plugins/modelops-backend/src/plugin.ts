import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { modelopsPermissions } from '@modelops/plugin-modelops-common';
import {
  type CostExportFormat,
  modelopsChecksExtensionPoint,
  modelopsCostFormatsExtensionPoint,
  modelopsFactProvidersExtensionPoint,
  ruleCheck,
} from '@modelops/plugin-modelops-node';
import { registerModelOpsActions } from './actions';
import { createCostRouter } from './cost/createCostRouter';
import { loadDemoEvidence } from './demo/loadDemoEvidence';
import { loadDemoRiskAssessments } from './demo/loadDemoRiskAssessments';
import { createEvidenceRouter } from './evidence/createEvidenceRouter';
import { DatabaseEvidenceStore } from './evidence/DatabaseEvidenceStore';
import {
  ChangeFactProvider,
  createChangesRouter,
  productionChangeApprovedCheck,
} from './changes';
import { createDecisionsRouter } from './decisions';
import {
  createDeliveryRouter,
  IncidentFactProvider,
  loadDemoDelivery,
} from './delivery';
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
  createRiskAssessmentsRouter,
  DatabaseRiskAssessmentStore,
  RiskAssessmentFactProvider,
} from './risk';
import {
  createScorecards,
  type ScorecardsExtensions,
} from './scorecards/createScorecards';
import { createOpenApiRouter } from './schema/openapi';
import { bodyLimits } from './service/bodyLimits';
import { internalErrorBodies } from './service/internalErrorBodies';
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
    const costFormats: CostExportFormat[] = [];
    env.registerExtensionPoint(modelopsCostFormatsExtensionPoint, {
      addFormat: (...formats) => costFormats.push(...formats),
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
        discovery: coreServices.discovery,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        httpRouter,
        permissionsRegistry,
        database,
        discovery,
        actionsRegistry,
        ...deps
      }) {
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateDatabase(knex);
        }
        permissionsRegistry.addPermissions(modelopsPermissions);

        const options: ModelOpsRouterOptions = { ...deps, database: knex };
        // Per-caller limit on mutations, before any body is read (rateLimit),
        // then the size cap, content type, NUL and nesting checks (bodyLimits).
        const rateLimit = readRateLimitConfig(deps.config);
        const router = await createOpenApiRouter({
          middleware: [
            ...(rateLimit
              ? [
                  InMemoryRateLimiter.create({
                    ...rateLimit,
                    httpAuth: deps.httpAuth,
                  }).middleware(),
                ]
              : []),
            ...bodyLimits(),
          ],
          // Requests are validated by each handler's zod schema, whose
          // messages name every failing field and rule (`metrics.0.value:
          // expected number`); the spec tests keep spec and zod in step.
          validatorOptions: { validateRequests: false },
        });
        // Feature routers are mounted here, one line each.
        router.use(await createCostRouter(options, { formats: costFormats }));
        router.use(createEvidenceRouter(options));
        router.use(await createReviewsRouter(options));
        await registerReviewTasks(options);
        router.use(createFeedbackRouter(options));
        router.use(createChangesRouter(options));
        router.use(createDeliveryRouter(options));
        router.use(createDecisionsRouter(options));
        const observations = DatabaseObservationStore.create({ knex });
        router.use(createObservationsRouter(options, { store: observations }));
        const riskAssessments = DatabaseRiskAssessmentStore.create({ knex });
        router.use(createRiskAssessmentsRouter(options, riskAssessments));
        scorecardExtensions.factProviders.push(
          RiskAssessmentFactProvider.create({ store: riskAssessments }),
          ObservationFactProvider.create({ store: observations }),
          FeedbackFactProvider.create(options),
          ChangeFactProvider.create(options),
          IncidentFactProvider.create(options),
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
        await loadDemoRiskAssessments({ ...options, store: riskAssessments });
        await loadDemoDelivery(options);
        // Last: internal errors answer with a log id, never SQL or stacks.
        router.use(internalErrorBodies(deps.logger));
        httpRouter.use(router);
        registerModelOpsActions({ ...deps, actionsRegistry, discovery });
      },
    });
  },
});
