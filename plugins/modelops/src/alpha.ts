/**
 * ModelOps for Backstage in the new frontend system.
 *
 * @packageDocumentation
 */

export { default } from './alpha/plugin';
export {
  modelOpsApi,
  costApi,
  scorecardApi,
  reviewApi,
  feedbackApi,
  changeApi,
  deliveryApi,
  observationApi,
  decisionApi,
} from './alpha/apis';
export {
  mlHomePage,
  modelCatalogPage,
  scorecardsPage,
  costPage,
  reviewsPage,
} from './alpha/pages';
export {
  modelCardEntityContent,
  datasheetEntityContent,
  scorecardEntityContent,
  decisionHistoryEntityContent,
} from './alpha/entityContents';
export { modelEntityHeaderLayout } from './alpha/entityHeaders';
export {
  modelOperationsEntityCard,
  scorecardEntityCard,
  costEntityCard,
  reviewEntityCard,
  feedbackEntityCard,
  changeRequestsEntityCard,
  deliveryMetricsEntityCard,
  importNotesEntityCard,
  teamDecisionHistoryEntityCard,
} from './alpha/entityCards';
export { catalogGraphModelOpsModule } from './alpha/catalogGraphModule';
export {
  datasetPickerFormFieldExtension,
  riskQuestionnaireFormFieldExtension,
} from './components/scaffolder/formFieldExtensions';
