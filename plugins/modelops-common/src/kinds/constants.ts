/**
 * The apiVersion of the MLModel and Dataset kinds.
 *
 * @public
 */
export const MODELOPS_API_VERSION = 'modelops.dev/v1alpha1';

/** Kind name of machine learning models. @public */
export const MLMODEL_KIND = 'MLModel';

/** Kind name of datasets. @public */
export const DATASET_KIND = 'Dataset';

/**
 * Link types (metadata.links[].type) the ModelOps pages recognise and place,
 * for example the runbook button on every model page.
 *
 * @public
 */
export const MODELOPS_LINK_TYPES = [
  'runbook',
  'dashboard',
  'playbook',
  'on-call',
  'postmortem',
  'model-card',
  'datasheet',
] as const;

/** One of {@link MODELOPS_LINK_TYPES}. @public */
export type ModelOpsLinkType = (typeof MODELOPS_LINK_TYPES)[number];

/**
 * Annotation naming the MLflow registered model an MLModel entity mirrors.
 *
 * @public
 */
export const ANNOTATION_MLFLOW_MODEL = 'modelops.dev/mlflow-model';

/**
 * Annotation naming the MLflow server (the provider id in app-config) an
 * MLModel entity was read from.
 *
 * @public
 */
export const ANNOTATION_MLFLOW_SERVER = 'modelops.dev/mlflow-server';

/**
 * Annotation naming the id of the Kubeflow Model Registry registered model
 * an MLModel entity mirrors.
 *
 * @public
 */
export const ANNOTATION_KUBEFLOW_MODEL = 'modelops.dev/kubeflow-model';

/**
 * Annotation naming the Kubeflow Model Registry (the provider id in
 * app-config) an MLModel entity was read from.
 *
 * @public
 */
export const ANNOTATION_KUBEFLOW_REGISTRY = 'modelops.dev/kubeflow-registry';

/**
 * Annotation of an MLModel naming the KServe InferenceService that serves
 * it, as `cluster/namespace/name`. The InferenceService may name the model
 * instead, with {@link ANNOTATION_SERVED_MODEL}.
 *
 * @public
 */
export const ANNOTATION_KSERVE_INFERENCE_SERVICE =
  'modelops.dev/kserve-inference-service';

/**
 * Annotation of a KServe InferenceService, or of a model server entity
 * (a `model-server` Component, an `ai-model-server` API or
 * `AiModelServerAPI`), naming the MLModels it serves as entity refs
 * (`mlmodel:default/credit-risk-scorer` or a short name), comma-separated.
 *
 * @public
 */
export const ANNOTATION_SERVED_MODEL = 'modelops.dev/model';

/**
 * Annotation a ModelOps entity provider sets on every entity it imports,
 * naming the provider (e.g. `MlflowEntityProvider:prod`). An imported entity
 * that fails validation still enters the catalog, with the problems as a
 * processing error in its status, so that the source object never silently
 * disappears; the import notes of the provider say what it could not map.
 *
 * @public
 */
export const ANNOTATION_IMPORT_SOURCE = 'modelops.dev/import-source';

/**
 * Annotation naming the Hugging Face Hub model (`owner/name`) an MLModel
 * entity mirrors.
 *
 * @public
 */
export const ANNOTATION_HUGGINGFACE_MODEL = 'modelops.dev/huggingface-model';

/**
 * Annotation holding a model's Hugging Face task type (`pipeline_tag`, e.g.
 * `text-classification`); written back as `pipeline_tag` on export.
 *
 * @public
 */
export const ANNOTATION_HUGGINGFACE_TASK = 'modelops.dev/huggingface-task';

/**
 * Annotation holding the languages of a Hugging Face card, comma-separated
 * (`en,fr`); written back as `language` on export.
 *
 * @public
 */
export const ANNOTATION_HUGGINGFACE_LANGUAGES =
  'modelops.dev/huggingface-languages';

/**
 * Annotation holding the Hub revision (commit sha) an MLModel entity was
 * read at.
 *
 * @public
 */
export const ANNOTATION_HUGGINGFACE_REVISION =
  'modelops.dev/huggingface-revision';

/**
 * Annotation holding when the Hugging Face model last changed on the Hub
 * (ISO 8601).
 *
 * @public
 */
export const ANNOTATION_HUGGINGFACE_LAST_MODIFIED =
  'modelops.dev/huggingface-last-modified';

/**
 * Annotation holding the results of a Hugging Face card's `model-index` as
 * JSON: a list of `ModelCardResult` (task, dataset with config and
 * split, metric values and uncertainties), since the MLModel spec holds
 * metric names and thresholds, not measured values.
 *
 * @public
 */
export const ANNOTATION_HUGGINGFACE_RESULTS =
  'modelops.dev/huggingface-results';

/**
 * Kind of Red Hat Developer Hub's AI model servers (its package
 * catalog-model-ai-model-server: apiVersion `backstage.io/v1alpha1` or
 * `backstage.io/v1beta1`, `spec.type` `ai-model-server`). The ModelOps
 * processor accepts it and relates the MLModels it names with `serves` and
 * `servedBy`.
 *
 * @public
 */
export const AI_MODEL_SERVER_API_KIND = 'AiModelServerAPI';

/**
 * The `spec.type` of model servers, on `AiModelServerAPI` entities and on
 * `API` entities of the upstream proposal for AI model servers.
 *
 * @public
 */
export const AI_MODEL_SERVER_TYPE = 'ai-model-server';

/**
 * The `spec.type` of the `Component` entities Red Hat Developer Hub's model
 * catalog bridge emits for model servers.
 *
 * @public
 */
export const MODEL_SERVER_COMPONENT_TYPE = 'model-server';
