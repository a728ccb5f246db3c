/**
 * Catalog module for ModelOps: the MLModel and Dataset kinds (validation,
 * lineage and serving relations), the MLflow, Kubeflow Model Registry and
 * Hugging Face Hub entity providers and the KServe observer.
 *
 * @packageDocumentation
 */

export { catalogModuleModelops as default } from './module';
export { ModelOpsEntityProcessor } from './processor/ModelOpsEntityProcessor';
export { MlflowEntityProvider } from './mlflow/MlflowEntityProvider';
export type { MlflowRefreshResult } from './mlflow/MlflowEntityProvider';
export type { RegistryRefreshResult } from './registries/refreshRegistry';
export { HuggingFaceEntityProvider } from './huggingface/HuggingFaceEntityProvider';
export type { HuggingFaceRefreshResult } from './huggingface/HuggingFaceEntityProvider';
export { KubeflowEntityProvider } from './kubeflow/KubeflowEntityProvider';
export type { KubeflowRefreshResult } from './kubeflow/KubeflowEntityProvider';
export type { ObservationsPublisher } from './importNotes/ObservationsPublisher';
