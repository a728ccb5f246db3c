import {
  ImportNote,
  MLModelEntity,
  validateModelOpsEntity,
} from '@modelops/plugin-modelops-common';
import { noteValue } from '../importNotes/noteValue';

/**
 * Registry keys (MLflow tags, Kubeflow custom properties) that name a
 * governance field, beside the configured owner keys, and the field. Both
 * registries read the same keys so that one convention serves both.
 */
export const GOVERNANCE_KEYS: Record<string, string> = {
  lifecycle: 'spec.lifecycle',
  type: 'spec.type',
  system: 'spec.system',
  business_owner: 'spec.businessOwner',
  framework: 'spec.framework',
  format: 'spec.format',
  license: 'spec.license',
  risk_tier: 'spec.risk.tier',
  description: 'metadata.description',
};

/**
 * What a mapped entity could not carry, from its validation: a missing
 * owner (naming the first owner key) and each refused value, named by the
 * registry key it came from (`tags.risk_tier`) where one did.
 */
export function validationNotes(
  entity: MLModelEntity,
  options: {
    /** How the registry calls its key-values, e.g. `tags`, `customProperties`. */
    keyPrefix: string;
    values: ReadonlyMap<string, string>;
    ownerKeys: string[];
  },
): ImportNote[] {
  const { keyPrefix, values, ownerKeys } = options;
  const keyOfField = new Map(
    Object.entries(GOVERNANCE_KEYS).map(([key, field]) => [field, key]),
  );
  const notes: ImportNote[] = [];
  for (const problem of validateModelOpsEntity(entity)) {
    if (problem.path === 'spec.owner' && entity.spec.owner === undefined) {
      notes.push({
        field: `${keyPrefix}.${ownerKeys[0]}`,
        reason: `no owner: none of the ${keyPrefix} ${ownerKeys.join(
          ', ',
        )} is set and no defaults.owner is configured, so spec.owner is missing and the catalog shows a processing error`,
      });
      continue;
    }
    const key = keyOfField.get(problem.path);
    const value = key === undefined ? undefined : values.get(key);
    notes.push({
      field: key === undefined ? problem.path : `${keyPrefix}.${key}`,
      ...(value !== undefined ? { value: noteValue(value) } : {}),
      reason: `${problem.path}: ${problem.rule}`,
    });
  }
  return notes;
}
