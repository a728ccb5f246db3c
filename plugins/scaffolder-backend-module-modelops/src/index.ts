/**
 * Scaffolder actions that start governed model and dataset projects:
 * risk classification, risk assessments, model cards, catalog validation and
 * a local export for portals without a Git host.
 *
 * @packageDocumentation
 */

export { scaffolderModuleModelops as default } from './module';
export { createRiskClassifyAction } from './actions/risk/createRiskClassifyAction';
export {
  createRiskAssessmentWriteAction,
  type RiskAssessmentWriteActionOptions,
} from './actions/risk/createRiskAssessmentWriteAction';
export { createModelCardAction } from './actions/modelCard/createModelCardAction';
export { createCatalogValidateAction } from './actions/catalog/createCatalogValidateAction';
export { createWorkspaceExportAction } from './actions/workspace/createWorkspaceExportAction';
export type { ModelCardContent } from './types';
