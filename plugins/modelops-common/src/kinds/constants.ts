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
 * Annotation of a KServe InferenceService naming the MLModel it serves, as
 * an entity ref (`mlmodel:default/credit-risk-scorer` or a short name).
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
