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
export { costApiRef } from './api/costApiRef';
export { scorecardApiRef } from './api/scorecardApiRef';
export { reviewApiRef } from './api/reviewApiRef';
export { feedbackApiRef } from './api/feedbackApiRef';
export { changeApiRef } from './api/changeApiRef';
export { deliveryApiRef } from './api/deliveryApiRef';
export { complianceApiRef } from './api/complianceApiRef';
export { observationApiRef } from './api/observationApiRef';
export { decisionApiRef } from './api/decisionApiRef';
