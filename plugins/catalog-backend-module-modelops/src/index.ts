/**
 * Catalog module for ModelOps: the MLModel and Dataset kinds (validation and
 * lineage relations), the MLflow and Hugging Face Hub entity providers.
 *
 * @packageDocumentation
 */

export { catalogModuleModelops as default } from './module';
export { ModelOpsEntityProcessor } from './processor/ModelOpsEntityProcessor';
export { MlflowEntityProvider } from './mlflow/MlflowEntityProvider';
export type { MlflowRefreshResult } from './mlflow/MlflowEntityProvider';
export { HuggingFaceEntityProvider } from './huggingface/HuggingFaceEntityProvider';
export type { HuggingFaceRefreshResult } from './huggingface/HuggingFaceEntityProvider';
export type { ObservationsPublisher } from './importNotes/ObservationsPublisher';
