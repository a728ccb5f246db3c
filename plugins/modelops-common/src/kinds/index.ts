export * from './constants';
export * from './enums';
export * from './relations';
export { modelOpsMetadataSchema } from './metadataSchema';
export { mlModelSpecSchema, mlModelEntitySchema } from './mlModelEntitySchema';
export {
  MAX_REGISTRY_VERSIONS,
  MAX_REGISTRY_LOGGED_MODELS,
} from './registryRecordSchema';
export { datasetSpecSchema, datasetEntitySchema } from './datasetEntitySchema';
export { isMLModelEntity, isDatasetEntity } from './guards';
export type {
  MLModelSpec,
  DatasetSpec,
  MLModelEntity,
  DatasetEntity,
} from './types';
export { getKindJsonSchemas, serializeKindJsonSchema } from './kindJsonSchemas';
export {
  FAIRNESS_METRICS,
  fairnessBound,
  fairnessMetric,
  sameFairnessMetric,
} from './fairnessMetrics';
export type {
  FairnessBound,
  FairnessDeclaration,
  FairnessMetric,
  FairnessMetricKind,
} from './fairnessMetrics';
