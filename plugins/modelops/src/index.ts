/**
 * ModelOps for Backstage: model catalog, model cards, datasheets, scorecards,
 * cost, ownership reviews, feedback, change approvals and delivery metrics
 * (legacy frontend system; the new system is in `./alpha`).
 *
 * @packageDocumentation
 */

export {
  modelopsPlugin,
  MlHomePage,
  ModelCatalogPage,
  ScorecardsPage,
  CostPage,
  ReviewsPage,
  EntityModelCardContent,
  EntityDatasheetContent,
  EntityModelOperationsCard,
  EntityScorecardCard,
  EntityCostCard,
  EntityReviewCard,
  EntityFeedbackCard,
  EntityReportProblemButton,
  EntityChangeRequestsCard,
  EntityDeliveryMetricsCard,
  CompliancePage,
  EntityComplianceContent,
  EntityImportNotesCard,
  EntityDecisionHistoryContent,
} from './plugin';
export type { CostPageProps } from './components/cost/CostPage';
export type { EntityCostCardProps } from './components/cost/EntityCostCard';
export type { ReportProblemButtonProps } from './components/feedback/ReportProblemButton';
export type { MlHomePageProps } from './components/home/MlHomePage';
export {
  rootRouteRef as modelCatalogRouteRef,
  scorecardsRouteRef,
  costRouteRef,
  reviewsRouteRef,
  mlHomeRouteRef,
  complianceRouteRef,
} from './routes';
export * from './api';
export {
  DatasetPickerFieldExtension,
  RiskQuestionnaireFieldExtension,
} from './components/scaffolder/scaffolderFieldExtensions';
export { costApiRef } from './components/cost/costApiRef';
export { scorecardApiRef } from './components/scorecards/scorecardApiRef';
export { reviewApiRef } from './components/reviews/reviewApiRef';
export { feedbackApiRef } from './components/feedback/feedbackApiRef';
export { changeApiRef } from './components/changes/changeApiRef';
export { deliveryApiRef } from './components/delivery/deliveryApiRef';
export { complianceApiRef } from './components/compliance/complianceApiRef';
export { observationApiRef } from './components/importNotes/observationApiRef';
export { decisionApiRef } from './components/decisions/decisionApiRef';
