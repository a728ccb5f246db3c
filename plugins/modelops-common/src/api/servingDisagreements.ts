import type { ImportNote, ServingObservation } from './observations';

/** The part of an MLModel spec that a cluster can contradict. @public */
export interface DeclaredServing {
  format?: unknown;
  deployment?: {
    strategy?: unknown;
    autoscaling?: { minReplicas?: unknown; maxReplicas?: unknown };
  };
}

function where(observation: ServingObservation): string {
  return `InferenceService ${observation.namespace}/${observation.name} on cluster ${observation.cluster}`;
}

/**
 * Where the YAML of a model and what a cluster serves disagree: a declared
 * canary without a canary on the cluster (and the reverse), declared
 * replica bounds other than the observed ones, a declared format other than
 * the served one. Each note names the declared field, its value and what
 * the cluster shows.
 *
 * @public
 */
export function servingDisagreements(
  spec: DeclaredServing | undefined,
  observation: ServingObservation,
): ImportNote[] {
  const notes: ImportNote[] = [];
  const isvc = where(observation);
  const strategy = spec?.deployment?.strategy;
  const canary = observation.canaryTrafficPercent;
  if (strategy === 'canary' && canary === undefined) {
    notes.push({
      field: 'spec.deployment.strategy',
      value: 'canary',
      reason: `${isvc} sets no canaryTrafficPercent`,
    });
  } else if (canary !== undefined && strategy !== 'canary') {
    notes.push({
      field: 'spec.deployment.strategy',
      ...(typeof strategy === 'string' ? { value: strategy } : {}),
      reason: `${isvc} rolls out with canaryTrafficPercent ${canary}`,
    });
  }
  const autoscaling = spec?.deployment?.autoscaling;
  for (const key of ['minReplicas', 'maxReplicas'] as const) {
    const declared = autoscaling?.[key];
    const observed = observation[key];
    if (declared !== undefined && declared !== observed) {
      notes.push({
        field: `spec.deployment.autoscaling.${key}`,
        value: String(declared),
        reason: `${isvc} has ${key} ${
          observed === undefined ? 'unset' : observed
        }`,
      });
    }
  }
  const format = spec?.format;
  if (
    typeof format === 'string' &&
    observation.modelFormat !== undefined &&
    format.toLocaleLowerCase('en-US') !==
      observation.modelFormat.toLocaleLowerCase('en-US')
  ) {
    notes.push({
      field: 'spec.format',
      value: format,
      reason: `${isvc} serves model format ${observation.modelFormat}`,
    });
  }
  return notes;
}
