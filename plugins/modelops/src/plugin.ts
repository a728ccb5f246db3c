import type { JSX } from 'react';
import type { CostPageProps } from './components/cost/CostPage';
import type { EntityCostCardProps } from './components/cost/EntityCostCard';
import type { ReportProblemButtonProps } from './components/feedback/ReportProblemButton';
import type { MlHomePageProps } from './components/home/MlHomePage';
import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { modelOpsApiFactories } from './api/modelOpsApiFactories';
import {
  complianceRouteRef,
  costRouteRef,
  mlHomeRouteRef,
  reviewsRouteRef,
  rootRouteRef,
  scorecardsRouteRef,
} from './routes';

/**
 * The ModelOps plugin for the legacy frontend system. It registers the
 * clients of every feature, so an app needs no API factories of its own.
 *
 * @public
 */
export const modelopsPlugin = createPlugin({
  id: 'modelops',
  apis: [...modelOpsApiFactories],
  routes: {
    root: rootRouteRef,
    scorecards: scorecardsRouteRef,
    cost: costRouteRef,
    reviews: reviewsRouteRef,
    home: mlHomeRouteRef,
    compliance: complianceRouteRef,
  },
});

/**
 * The ML home page (playbooks, the team's models and levels, campaigns and
 * reviews, failing checks, recent changes, postmortems); mount it at
 * `/ml-home` or make it the portal's home page at `/`.
 *
 * @public
 */
export const MlHomePage: (props: MlHomePageProps) => JSX.Element =
  modelopsPlugin.provide(
    createRoutableExtension({
      name: 'MlHomePage',
      component: () =>
        import('./components/home/MlHomePage').then(m => m.MlHomePage),
      mountPoint: mlHomeRouteRef,
    }),
  );

/**
 * The model catalog page; mount it at `/ml-models`.
 *
 * @public
 */
export const ModelCatalogPage: () => JSX.Element = modelopsPlugin.provide(
  createRoutableExtension({
    name: 'ModelCatalogPage',
    component: () =>
      import('./components/ModelCatalogPage/ModelCatalogPage').then(
        m => m.ModelCatalogPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The scorecards section (scorecards, campaigns, waiver approvals as tabs);
 * mount it at `/scorecards`.
 *
 * @public
 */
export const ScorecardsPage: () => JSX.Element = modelopsPlugin.provide(
  createRoutableExtension({
    name: 'ScorecardsPage',
    component: () =>
      import('./components/sections/ScorecardsSectionPage').then(
        m => m.ScorecardsSectionPage,
      ),
    mountPoint: scorecardsRouteRef,
  }),
);

/**
 * The cost page (spend by team and model, idle models); mount it at
 * `/ml-cost`.
 *
 * @public
 */
export const CostPage: (props: CostPageProps) => JSX.Element =
  modelopsPlugin.provide(
    createRoutableExtension({
      name: 'CostPage',
      component: () =>
        import('./components/cost/CostPage').then(m => m.CostPage),
      mountPoint: costRouteRef,
    }),
  );

/**
 * The ownership review section (my team, progress by team, portfolio and
 * my team's decision history as tabs); mount it at `/ml-reviews`.
 *
 * @public
 */
export const ReviewsPage: () => JSX.Element = modelopsPlugin.provide(
  createRoutableExtension({
    name: 'ReviewsPage',
    component: () =>
      import('./components/sections/ReviewsSectionPage').then(
        m => m.ReviewsSectionPage,
      ),
    mountPoint: reviewsRouteRef,
  }),
);

/**
 * The model card tab of MLModel entity pages.
 *
 * @public
 */
export const EntityModelCardContent: () => JSX.Element = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelCardContent',
    component: {
      lazy: () =>
        import('./components/ModelCard/ModelCardContent').then(
          m => m.ModelCardContent,
        ),
    },
  }),
);

/**
 * The datasheet tab of Dataset entity pages.
 *
 * @public
 */
export const EntityDatasheetContent: () => JSX.Element = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasheetContent',
    component: {
      lazy: () =>
        import('./components/Datasheet/DatasheetContent').then(
          m => m.DatasheetContent,
        ),
    },
  }),
);

/**
 * The portfolio compliance page: what applies when, and coverage per EU AI
 * Act obligation, ISO/IEC 42001 Annex A control and NIST AI RMF subcategory.
 *
 * @public
 */
export const CompliancePage: () => JSX.Element = modelopsPlugin.provide(
  createRoutableExtension({
    name: 'CompliancePage',
    component: () =>
      import('./components/compliance/CompliancePage').then(
        m => m.CompliancePage,
      ),
    mountPoint: complianceRouteRef,
  }),
);

/**
 * The compliance tab of MLModel pages: obligations with their dates and
 * status, and the Annex IV dossier download for high-risk models.
 *
 * @public
 */
export const EntityComplianceContent: () => JSX.Element =
  modelopsPlugin.provide(
    createComponentExtension({
      name: 'EntityComplianceContent',
      component: {
        lazy: () =>
          import('./components/compliance/EntityComplianceContent').then(
            m => m.EntityComplianceContent,
          ),
      },
    }),
  );

/**
 * The operations card (runbooks, on-call, SLOs, fallback, monitoring) of
 * MLModel entity overview pages.
 *
 * @public
 */
export const EntityModelOperationsCard: () => JSX.Element =
  modelopsPlugin.provide(
    createComponentExtension({
      name: 'EntityModelOperationsCard',
      component: {
        lazy: () =>
          import('./components/OperationsCard/ModelOperationsCard').then(
            m => m.ModelOperationsCard,
          ),
      },
    }),
  );

/**
 * The scorecard card (level per pack, failing checks, waivers) of MLModel
 * and Dataset entity pages.
 *
 * @public
 */
export const EntityScorecardCard: () => JSX.Element | null =
  modelopsPlugin.provide(
    createComponentExtension({
      name: 'EntityScorecardCard',
      component: {
        lazy: () =>
          import('./components/scorecards/EntityScorecardCard').then(
            m => m.EntityScorecardCard,
          ),
      },
    }),
  );

/**
 * The cost card (monthly trend, forecast against budget, cost per 1,000
 * inferences) of MLModel and Dataset entity pages.
 *
 * @public
 */
export const EntityCostCard: (
  props: EntityCostCardProps,
) => JSX.Element | null = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityCostCard',
    component: {
      lazy: () =>
        import('./components/cost/EntityCostCard').then(m => m.EntityCostCard),
    },
  }),
);

/**
 * The ownership review card (state of the entity in the open review cycle)
 * of MLModel and Dataset entity pages.
 *
 * @public
 */
export const EntityReviewCard: () => JSX.Element = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityReviewCard',
    component: {
      lazy: () =>
        import('./components/reviews/EntityReviewCard').then(
          m => m.EntityReviewCard,
        ),
    },
  }),
);

/**
 * The user feedback card (reports of wrong predictions, bias, usability
 * and outages) of MLModel entity pages.
 *
 * @public
 */
export const EntityFeedbackCard: () => JSX.Element = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityFeedbackCard',
    component: {
      lazy: () =>
        import('./components/feedback/EntityFeedbackCard').then(
          m => m.EntityFeedbackCard,
        ),
    },
  }),
);

/**
 * The "Report a problem" button of MLModel entity pages, for any user of a
 * model.
 *
 * @public
 */
export const EntityReportProblemButton: (
  props: ReportProblemButtonProps,
) => JSX.Element = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityReportProblemButton',
    component: {
      lazy: () =>
        import('./components/feedback/ReportProblemButton').then(
          m => m.ReportProblemButton,
        ),
    },
  }),
);

/**
 * The production change card (promotion and rollback requests and their
 * approval) of MLModel entity pages.
 *
 * @public
 */
export const EntityChangeRequestsCard: () => JSX.Element =
  modelopsPlugin.provide(
    createComponentExtension({
      name: 'EntityChangeRequestsCard',
      component: {
        lazy: () =>
          import('./components/changes/EntityChangeRequestsCard').then(
            m => m.EntityChangeRequestsCard,
          ),
      },
    }),
  );

/**
 * The delivery metrics card (deployment frequency, change failure rate,
 * time to recover) of MLModel entity pages.
 *
 * @public
 */
export const EntityDeliveryMetricsCard: () => JSX.Element =
  modelopsPlugin.provide(
    createComponentExtension({
      name: 'EntityDeliveryMetricsCard',
      component: {
        lazy: () =>
          import('./components/delivery/EntityDeliveryMetricsCard').then(
            m => m.EntityDeliveryMetricsCard,
          ),
      },
    }),
  );

/**
 * The import notes card: what registries and clusters could not map for
 * the model in context, and where its YAML and the cluster disagree.
 *
 * @public
 */
export const EntityImportNotesCard: () => JSX.Element = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityImportNotesCard',
    component: {
      lazy: () =>
        import('./components/importNotes/EntityImportNotesCard').then(
          m => m.EntityImportNotesCard,
        ),
    },
  }),
);

/**
 * The decision history of the entity in context (every waiver, production
 * change and ownership decision with who, when, what and why): a tab of
 * MLModel and Dataset pages, or a card of Group pages for what the team
 * owns.
 *
 * @public
 */
export const EntityDecisionHistoryContent: () => JSX.Element =
  modelopsPlugin.provide(
    createComponentExtension({
      name: 'EntityDecisionHistoryContent',
      component: {
        lazy: () =>
          import('./components/decisions/EntityDecisionHistoryContent').then(
            m => m.EntityDecisionHistoryContent,
          ),
      },
    }),
  );
