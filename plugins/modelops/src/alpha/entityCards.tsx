import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/*
 * Entity cards of ModelOps. Governance that applies to every governed asset
 * (scorecards, cost, ownership reviews) shows on MLModel and Dataset pages;
 * what concerns a served model (feedback, production changes, delivery)
 * shows on MLModel pages only. Apps can change a card's filter in config.
 */
const modelsAndDatasets = { kind: { $in: ['MLModel', 'Dataset'] } };
const models = { kind: 'MLModel' };

/** @alpha */
export const modelOperationsEntityCard = EntityCardBlueprint.make({
  name: 'model-operations',
  params: {
    filter: models,
    loader: () =>
      import('../components/OperationsCard/ModelOperationsCard').then(m => (
        <m.ModelOperationsCard />
      )),
  },
});

/** The scorecard card: level per pack and failing checks. @alpha */
export const scorecardEntityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: modelsAndDatasets,
    loader: () =>
      import('../components/scorecards/EntityScorecardCard').then(m => (
        <m.EntityScorecardCard />
      )),
  },
});

/** The cost card: monthly trend, forecast and budget. @alpha */
export const costEntityCard = EntityCardBlueprint.make({
  name: 'cost',
  params: {
    filter: modelsAndDatasets,
    loader: () =>
      import('../components/cost/EntityCostCard').then(m => (
        <m.EntityCostCard />
      )),
  },
});

/** The ownership review card. @alpha */
export const reviewEntityCard = EntityCardBlueprint.make({
  name: 'review',
  params: {
    filter: modelsAndDatasets,
    type: 'info',
    loader: () =>
      import('../components/reviews/EntityReviewCard').then(m => (
        <m.EntityReviewCard />
      )),
  },
});

/** The user feedback card, with the "Report a problem" button. @alpha */
export const feedbackEntityCard = EntityCardBlueprint.make({
  name: 'feedback',
  params: {
    filter: models,
    loader: () =>
      import('../components/feedback/EntityFeedbackCard').then(m => (
        <m.EntityFeedbackCard />
      )),
  },
});

/** The production change requests card. @alpha */
export const changeRequestsEntityCard = EntityCardBlueprint.make({
  name: 'change-requests',
  params: {
    filter: models,
    loader: () =>
      import('../components/changes/EntityChangeRequestsCard').then(m => (
        <m.EntityChangeRequestsCard />
      )),
  },
});

/** The delivery metrics card. @alpha */
export const deliveryMetricsEntityCard = EntityCardBlueprint.make({
  name: 'delivery-metrics',
  params: {
    filter: models,
    loader: () =>
      import('../components/delivery/EntityDeliveryMetricsCard').then(m => (
        <m.EntityDeliveryMetricsCard />
      )),
  },
});

/** The import notes card: what registries and clusters could not map. @alpha */
export const importNotesEntityCard = EntityCardBlueprint.make({
  name: 'import-notes',
  params: {
    filter: models,
    loader: () =>
      import('../components/importNotes/EntityImportNotesCard').then(m => (
        <m.EntityImportNotesCard />
      )),
  },
});

/**
 * The decision history card of Group pages: the decisions about what the
 * team owns or owned. @alpha
 */
export const teamDecisionHistoryEntityCard = EntityCardBlueprint.make({
  name: 'team-decision-history',
  params: {
    filter: { kind: 'Group' },
    loader: () =>
      import('../components/decisions/EntityDecisionHistoryContent').then(m => (
        <m.EntityDecisionHistoryContent />
      )),
  },
});
