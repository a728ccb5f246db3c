/*
 * Allowed values of the enumerated fields of both kinds, exported so that
 * pages, scaffolder actions and checks offer exactly what the schema accepts.
 */

/** spec.lifecycle of both kinds. @public */
export const MODELOPS_LIFECYCLES = [
  'experimental',
  'development',
  'staging',
  'production',
  'deprecated',
  'retired',
] as const;

/** MLModel spec.type. @public */
export const MLMODEL_TYPES = [
  'classification',
  'regression',
  'ranking',
  'recommendation',
  'forecasting',
  'generative',
  'embedding',
  'anomaly-detection',
  'other',
] as const;

/** MLModel spec.format (serialisation of the artifact). @public */
export const MLMODEL_FORMATS = [
  'onnx',
  'pmml',
  'safetensors',
  'savedmodel',
  'torchscript',
  'pickle',
  'other',
] as const;

/** MLModel spec.registry.type. @public */
export const MODEL_REGISTRY_TYPES = [
  'mlflow',
  'kubeflow',
  'huggingface',
  'sagemaker',
  'vertex-ai',
  'azure-ml',
  'other',
] as const;

/** MLModel spec.metrics[].direction. @public */
export const METRIC_DIRECTIONS = [
  'higher-is-better',
  'lower-is-better',
] as const;

/** MLModel spec.risk.tier, the EU AI Act risk categories. @public */
export const RISK_TIERS = [
  'unacceptable',
  'high',
  'limited',
  'minimal',
] as const;

/** MLModel spec.risk.roles: the EU AI Act roles (Art. 3(3), 3(4)) the organisation holds for the model. @public */
export const AI_ACT_ROLES = ['provider', 'deployer'] as const;

/** MLModel spec.risk.conformityAssessment.procedure (Art. 43 and Annexes VI, VII). @public */
export const CONFORMITY_PROCEDURES = [
  'internal-control',
  'notified-body',
] as const;

/** MLModel spec.risk.humanOversight.mode. @public */
export const HUMAN_OVERSIGHT_MODES = [
  'human-in-the-loop',
  'human-on-the-loop',
  'human-in-command',
  'none',
] as const;

/** MLModel spec.deployment.serving. @public */
export const SERVING_MODES = [
  'kubernetes',
  'serverless',
  'batch',
  'edge',
  'embedded',
  'other',
] as const;

/** MLModel spec.deployment.strategy. @public */
export const DEPLOYMENT_STRATEGIES = [
  'canary',
  'blue-green',
  'shadow',
  'rolling',
  'recreate',
  'other',
] as const;

/** Drift tests of MLModel spec.monitoring.drift.test and Dataset spec.drift.test. @public */
export const DRIFT_TESTS = [
  'ks',
  'psi',
  'chi-squared',
  'wasserstein',
  'other',
] as const;

/** MLModel spec.monitoring.retraining.triggers[]. @public */
export const RETRAINING_TRIGGERS = [
  'drift',
  'performance',
  'data-freshness',
  'schedule',
  'manual',
] as const;

/** Dataset spec.type. @public */
export const DATASET_TYPES = [
  'tabular',
  'text',
  'image',
  'audio',
  'video',
  'time-series',
  'graph',
  'other',
] as const;

/** Dataset spec.schema.format. @public */
export const DATASET_SCHEMA_FORMATS = [
  'avro',
  'json-schema',
  'protobuf',
  'parquet',
  'sql',
  'other',
] as const;

/** Dataset spec.classification. @public */
export const DATA_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'restricted',
] as const;

/** Dataset spec.regulations[]. @public */
export const DATA_REGULATIONS = [
  'gdpr',
  'ccpa',
  'hipaa',
  'glba',
  'pci-dss',
  'sox',
  'other',
] as const;

/** Dataset spec.lawfulBasis, the GDPR article 6 bases. @public */
export const LAWFUL_BASES = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;

/** Dataset spec.quality.checks[]. @public */
export const DATA_QUALITY_CHECKS = [
  'completeness',
  'consistency',
  'accuracy',
  'freshness',
  'uniqueness',
] as const;
