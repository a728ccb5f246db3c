import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_SERVED_MODEL,
  ImportNote,
  ServingObservation,
  SourceObjectReport,
} from '@modelops/plugin-modelops-common';
import { InferenceService } from './KubernetesClient';

// The predictor keys of the older KServe spec, one per model format
// (`spec.predictor.sklearn`...), read when `spec.predictor.model` is absent.
const LEGACY_FORMATS = [
  'sklearn',
  'xgboost',
  'lightgbm',
  'tensorflow',
  'pytorch',
  'triton',
  'onnx',
  'pmml',
  'paddle',
  'huggingface',
];

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/**
 * Maps one InferenceService to its report: the model it serves (annotation
 * `modelops.dev/model`), what the cluster shows of it, and a note for every
 * field that is present but unreadable.
 */
export function inferenceServiceToReport(
  cluster: string,
  isvc: InferenceService,
): SourceObjectReport {
  const { name, namespace, annotations } = isvc.metadata;
  const notes: ImportNote[] = [];
  const predictor = object(isvc.spec?.predictor) ?? {};
  const model = object(predictor.model);
  const legacy = LEGACY_FORMATS.find(key => object(predictor[key]));

  const serving: ServingObservation = { cluster, namespace, name };
  const text = (field: string, value: unknown) => {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value.length > 0) return value;
    notes.push({
      field,
      value: JSON.stringify(value),
      reason: 'expected a string',
    });
    return undefined;
  };
  const whole = (field: string, value: unknown, max: number) => {
    if (value === undefined) return undefined;
    if (
      Number.isInteger(value) &&
      (value as number) >= 0 &&
      (value as number) <= max
    ) {
      return value as number;
    }
    notes.push({
      field,
      value: JSON.stringify(value),
      reason: `expected a whole number from 0 to ${max}`,
    });
    return undefined;
  };
  const set = <K extends keyof ServingObservation>(
    key: K,
    value: ServingObservation[K] | undefined,
  ) => {
    if (value !== undefined) serving[key] = value;
  };

  set('runtime', text('spec.predictor.model.runtime', model?.runtime));
  set(
    'modelFormat',
    model
      ? text(
          'spec.predictor.model.modelFormat.name',
          object(model.modelFormat)?.name,
        )
      : legacy,
  );
  set(
    'canaryTrafficPercent',
    whole(
      'spec.predictor.canaryTrafficPercent',
      predictor.canaryTrafficPercent,
      100,
    ),
  );
  set(
    'minReplicas',
    whole('spec.predictor.minReplicas', predictor.minReplicas, 1_000_000),
  );
  set(
    'maxReplicas',
    whole('spec.predictor.maxReplicas', predictor.maxReplicas, 1_000_000),
  );
  set(
    'scaleTarget',
    whole('spec.predictor.scaleTarget', predictor.scaleTarget, 1_000_000),
  );
  set('scaleMetric', text('spec.predictor.scaleMetric', predictor.scaleMetric));
  const status = object(isvc.status);
  set('url', text('status.url', status?.url));
  const conditions = Array.isArray(status?.conditions)
    ? status!.conditions
    : [];
  const ready = conditions.map(object).find(c => c?.type === 'Ready');
  if (ready) serving.ready = ready.status === 'True';

  let entityRef: string | undefined;
  const named = annotations?.[ANNOTATION_SERVED_MODEL];
  const field = `metadata.annotations.${ANNOTATION_SERVED_MODEL}`;
  if (named === undefined) {
    notes.push({
      field,
      reason:
        'names no MLModel; annotate the InferenceService, or name it from the model with modelops.dev/kserve-inference-service',
    });
  } else {
    try {
      const ref = parseEntityRef(named, {
        defaultKind: 'mlmodel',
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') !== 'mlmodel') {
        throw new Error('not an MLModel');
      }
      entityRef = stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    } catch {
      notes.push({
        field,
        value: named,
        reason: 'expected an MLModel entity ref such as mlmodel:default/name',
      });
    }
  }
  return {
    sourceObject: `${cluster}/${namespace}/${name}`,
    ...(entityRef ? { entityRef } : {}),
    notes,
    serving,
  };
}
