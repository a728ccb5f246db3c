import { z } from 'zod';

// Shapes of the MLflow 2 and MLflow 3 REST answers we read. Objects stay
// open (servers add fields between releases); int64 timestamps arrive as
// numbers from MLflow 2 and as strings from the protobuf JSON of MLflow 3.

const timestamp = z.union([z.number(), z.string()]).optional();

const tagList = z
  .array(z.object({ key: z.string(), value: z.string().optional() }))
  .optional();

/** A model version as returned by model-versions/search. */
export const mlflowModelVersionSchema = z.object({
  name: z.string(),
  version: z.union([z.string(), z.number()]).transform(v => String(v)),
  creation_timestamp: timestamp,
  last_updated_timestamp: timestamp,
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  user_id: z.string().optional(),
  // MLflow 3: the logged model the version was registered from.
  model_id: z.string().optional(),
  tags: tagList,
  aliases: z.array(z.string()).optional(),
});

/** A registered model as returned by registered-models/search. */
export const mlflowRegisteredModelSchema = z.object({
  name: z.string().min(1),
  creation_timestamp: timestamp,
  last_updated_timestamp: timestamp,
  description: z.string().optional(),
  tags: tagList,
  aliases: z
    .array(
      z.object({
        alias: z.string(),
        version: z.union([z.string(), z.number()]).transform(v => String(v)),
      }),
    )
    .optional(),
  latest_versions: z.array(mlflowModelVersionSchema).optional(),
});

/** One page of registered-models/search. */
export const registeredModelsPageSchema = z.object({
  registered_models: z.array(mlflowRegisteredModelSchema).optional(),
  next_page_token: z.string().optional(),
});

/** The answer of registered-models/get. */
export const registeredModelPageSchema = z.object({
  registered_model: mlflowRegisteredModelSchema,
});

/** One page of model-versions/search. */
export const modelVersionsPageSchema = z.object({
  model_versions: z.array(mlflowModelVersionSchema).optional(),
  next_page_token: z.string().optional(),
});

/** One page of experiments/search (only the ids are read). */
export const experimentsPageSchema = z.object({
  experiments: z.array(z.object({ experiment_id: z.string() })).optional(),
  next_page_token: z.string().optional(),
});

const keyValueList = z
  .array(z.object({ key: z.string(), value: z.string().optional() }))
  .optional();

/** An MLflow 3 logged model (LoggedModel: info and data) from logged-models/search. */
export const mlflowLoggedModelSchema = z.object({
  info: z.object({
    model_id: z.string().min(1),
    experiment_id: z.string().optional(),
    name: z.string().optional(),
    creation_timestamp_ms: timestamp,
    last_updated_timestamp_ms: timestamp,
    artifact_uri: z.string().optional(),
    status: z.string().optional(),
    model_type: z.string().optional(),
    source_run_id: z.string().optional(),
    tags: keyValueList,
    registrations: z
      .array(
        z.object({
          name: z.string().optional(),
          version: z
            .union([z.string(), z.number()])
            .transform(v => String(v))
            .optional(),
        }),
      )
      .optional(),
  }),
  data: z
    .object({
      params: keyValueList,
      metrics: z
        .array(
          z.object({
            key: z.string(),
            value: z.union([z.number(), z.string()]).optional(),
            step: z.union([z.number(), z.string()]).optional(),
            dataset_name: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

/** One page of logged-models/search. */
export const loggedModelsPageSchema = z.object({
  models: z.array(mlflowLoggedModelSchema).optional(),
  next_page_token: z.string().optional(),
});

/** An MLflow 3 logged model. */
export type MlflowLoggedModel = z.infer<typeof mlflowLoggedModelSchema>;

/** A registered model read from MLflow. */
export type MlflowRegisteredModel = z.infer<typeof mlflowRegisteredModelSchema>;

/** A model version read from MLflow. */
export type MlflowModelVersion = z.infer<typeof mlflowModelVersionSchema>;
