import { z } from 'zod';

// Shapes of the Kubeflow Model Registry REST answers we read
// (/api/model_registry/v1alpha3, api/openapi/model-registry.yaml). Objects
// stay open, as the registry adds fields between releases; ids and int64
// times arrive as strings.

/**
 * A custom property value: one of the MetadataValue shapes, told apart by
 * `metadataType`. Kept loose so that an unknown type becomes an import note
 * of its model instead of failing the whole read.
 */
const metadataValueSchema = z.looseObject({
  metadataType: z.string(),
  string_value: z.string().optional(),
  int_value: z.union([z.string(), z.number()]).optional(),
  double_value: z.union([z.number(), z.string()]).optional(),
  bool_value: z.boolean().optional(),
  struct_value: z.string().optional(),
  proto_value: z.string().optional(),
  type: z.string().optional(),
});

const customProperties = z.record(z.string(), metadataValueSchema).optional();

const baseResource = {
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  externalId: z.string().optional(),
  customProperties,
  createTimeSinceEpoch: z.string().optional(),
  lastUpdateTimeSinceEpoch: z.string().optional(),
};

/** A RegisteredModel. */
export const kubeflowRegisteredModelSchema = z.looseObject({
  ...baseResource,
  owner: z.string().optional(),
  state: z.string().optional(),
  readme: z.string().optional(),
  maturity: z.string().optional(),
  language: z.array(z.string()).optional(),
  tasks: z.array(z.string()).optional(),
  provider: z.string().optional(),
  logo: z.string().optional(),
  license: z.string().optional(),
  licenseLink: z.string().optional(),
  libraryName: z.string().optional(),
});

/** A ModelVersion. */
export const kubeflowModelVersionSchema = z.looseObject({
  ...baseResource,
  registeredModelId: z.string().min(1),
  state: z.string().optional(),
  author: z.string().optional(),
});

/** An Artifact of a model version; only `model-artifact`s are asked for. */
export const kubeflowArtifactSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  artifactType: z.string().optional(),
  description: z.string().optional(),
  customProperties,
  uri: z.string().optional(),
  state: z.string().optional(),
  modelFormatName: z.string().optional(),
  modelFormatVersion: z.string().optional(),
});

/** An InferenceService record: a deployed version in a serving environment. */
export const kubeflowInferenceServiceSchema = z.looseObject({
  ...baseResource,
  registeredModelId: z.string().min(1),
  servingEnvironmentId: z.string().min(1),
  modelVersionId: z.string().optional(),
  runtime: z.string().optional(),
  desiredState: z.string().optional(),
});

/** A ServingEnvironment (KServe's controller names it after the namespace). */
export const kubeflowServingEnvironmentSchema = z.looseObject({
  ...baseResource,
});

/** One page of any list endpoint (BaseResourceList). */
export function kubeflowListSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextPageToken: z.string().optional(),
    pageSize: z.number().optional(),
    size: z.number().optional(),
  });
}

/** A custom property value as the registry sends it. */
export type KubeflowMetadataValue = z.infer<typeof metadataValueSchema>;
/** A registered model read from Kubeflow. */
export type KubeflowRegisteredModel = z.infer<
  typeof kubeflowRegisteredModelSchema
>;
/** A model version read from Kubeflow. */
export type KubeflowModelVersion = z.infer<typeof kubeflowModelVersionSchema>;
/** A model artifact read from Kubeflow. */
export type KubeflowArtifact = z.infer<typeof kubeflowArtifactSchema>;
/** An inference service record read from Kubeflow. */
export type KubeflowInferenceService = z.infer<
  typeof kubeflowInferenceServiceSchema
>;
/** A serving environment read from Kubeflow. */
export type KubeflowServingEnvironment = z.infer<
  typeof kubeflowServingEnvironmentSchema
>;
