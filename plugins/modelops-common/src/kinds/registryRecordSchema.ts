import { z } from 'zod';
import { MODEL_REGISTRY_TYPES } from './enums';
import {
  isoDateTime,
  nonEmptyString,
  oneOf,
  stringList,
  text,
} from './schemaPrimitives';

/*
 * What a model registry records about a model, kept on the entity as the
 * registry says it: every version with its run, source, times, tags and
 * artifacts, MLflow 3 logged models and the inference services a Kubeflow
 * registry knows. Providers fill it; YAML authors rarely write it. The
 * shape is shared by every registry so that pages and checks read one.
 */

/** Most versions one entity keeps; providers keep the newest and report the rest. @public */
export const MAX_REGISTRY_VERSIONS = 100;

/** Most logged models one entity keeps. @public */
export const MAX_REGISTRY_LOGGED_MODELS = 100;

const keyValues = () =>
  z
    .record(
      z.string().min(1, { error: 'expected a non-empty key' }),
      z.union([z.string(), z.number(), z.boolean()], {
        error: 'expected a string, a number or a boolean',
      }),
    )
    .describe(
      'Key-value metadata as the registry holds it: MLflow tags, Kubeflow custom properties.',
    );

const artifactSchema = z.strictObject({
  name: nonEmptyString().optional(),
  uri: nonEmptyString().optional().describe('Where the artifact is stored.'),
  format: nonEmptyString()
    .optional()
    .describe('Model format as the registry names it, e.g. onnx, sklearn.'),
  formatVersion: nonEmptyString().optional(),
  state: nonEmptyString().optional(),
  tags: keyValues().optional(),
});

const registryVersionSchema = z.strictObject({
  version: nonEmptyString().describe(
    'Version number (MLflow) or version name (Kubeflow).',
  ),
  status: nonEmptyString()
    .optional()
    .describe(
      'Registry status: READY, PENDING_REGISTRATION, FAILED_REGISTRATION (MLflow); LIVE, ARCHIVED (Kubeflow).',
    ),
  stage: nonEmptyString()
    .optional()
    .describe('Deprecated MLflow stage (Staging, Production, Archived).'),
  aliases: stringList().optional(),
  runId: nonEmptyString().optional().describe('Run that produced the version.'),
  source: nonEmptyString()
    .optional()
    .describe('Where the version was registered from (artifact URI).'),
  modelId: nonEmptyString()
    .optional()
    .describe('MLflow 3 logged model the version was registered from.'),
  createdBy: nonEmptyString()
    .optional()
    .describe('Who registered it (MLflow user_id, Kubeflow author).'),
  createdAt: isoDateTime().optional(),
  updatedAt: isoDateTime().optional(),
  description: text().optional(),
  tags: keyValues().optional(),
  artifacts: z.array(artifactSchema).optional(),
});

const loggedModelSchema = z.strictObject({
  modelId: nonEmptyString(),
  name: nonEmptyString().optional(),
  experimentId: nonEmptyString().optional(),
  status: nonEmptyString().optional(),
  runId: nonEmptyString().optional(),
  artifactUri: nonEmptyString().optional(),
  modelType: nonEmptyString().optional(),
  createdAt: isoDateTime().optional(),
  updatedAt: isoDateTime().optional(),
  tags: keyValues().optional(),
  params: z.record(z.string(), z.string()).optional(),
  metrics: z
    .array(
      z.strictObject({
        key: nonEmptyString(),
        value: z.number(),
        dataset: nonEmptyString().optional(),
        step: z.number().optional(),
      }),
    )
    .optional(),
});

const inferenceServiceSchema = z.strictObject({
  name: nonEmptyString().describe('InferenceService name in its namespace.'),
  namespace: nonEmptyString()
    .optional()
    .describe('Serving environment (Kubernetes namespace).'),
  version: nonEmptyString().optional().describe('Version it serves.'),
  runtime: nonEmptyString().optional(),
  desiredState: nonEmptyString()
    .optional()
    .describe('DEPLOYED or UNDEPLOYED, as the registry records it.'),
});

/** spec.registry of an MLModel. */
export const registrySchema = z.strictObject({
  type: oneOf(MODEL_REGISTRY_TYPES),
  name: nonEmptyString().describe('Registered model name in the registry.'),
  alias: nonEmptyString()
    .optional()
    .describe('Alias (or stage) serving traffic, e.g. champion.'),
  url: z
    .url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' })
    .optional()
    .describe('The model page in the registry.'),
  tags: keyValues().optional(),
  versions: z
    .array(registryVersionSchema)
    .max(MAX_REGISTRY_VERSIONS, {
      error: `expected at most ${MAX_REGISTRY_VERSIONS} versions`,
    })
    .optional()
    .describe('Versions, newest first.'),
  loggedModels: z
    .array(loggedModelSchema)
    .max(MAX_REGISTRY_LOGGED_MODELS, {
      error: `expected at most ${MAX_REGISTRY_LOGGED_MODELS} logged models`,
    })
    .optional()
    .describe('MLflow 3 logged models the versions were registered from.'),
  inferenceServices: z
    .array(inferenceServiceSchema)
    .optional()
    .describe('Inference services the registry records for the model.'),
});
