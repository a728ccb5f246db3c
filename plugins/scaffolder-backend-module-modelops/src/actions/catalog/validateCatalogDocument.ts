import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  Entity,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KindValidator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  MODELOPS_API_VERSION,
  validateModelOpsEntity,
} from '@modelops/plugin-modelops-common';

// The catalog applies these policies to every entity before any processor runs.
const POLICIES = [
  new SchemaValidEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
];

// The kinds a generated repository usually holds next to an MLModel or Dataset.
const BUILTIN_KIND_VALIDATORS: Record<string, KindValidator> = {
  API: apiEntityV1alpha1Validator as unknown as KindValidator,
  Component: componentEntityV1alpha1Validator,
  Domain: domainEntityV1alpha1Validator,
  Group: groupEntityV1alpha1Validator,
  Location: locationEntityV1alpha1Validator,
  Resource: resourceEntityV1alpha1Validator,
  System: systemEntityV1alpha1Validator,
  User: userEntityV1alpha1Validator,
};

/** The outcome of validating one document. */
export interface DocumentValidation {
  /** `kind:name` when readable, for messages. */
  label: string;
  /** Problem messages, in the catalog's words; empty when valid. */
  problems: string[];
  /** Whether a kind schema checked the spec (false for kinds we do not know). */
  specChecked: boolean;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Validates one catalog document the way the catalog would: the envelope
 * policies for every kind, our kind schemas for MLModel and Dataset (with the
 * same path-and-rule messages as the kinds processor), and the stock
 * validators for the built-in kinds.
 */
export async function validateCatalogDocument(
  doc: unknown,
): Promise<DocumentValidation> {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return {
      label: 'document',
      problems: ['expected an entity document (a mapping)'],
      specChecked: false,
    };
  }
  const entity = doc as Entity;
  const label = `${String(entity.kind)}:${String(entity.metadata?.name)}`;

  if (
    entity.apiVersion === MODELOPS_API_VERSION ||
    entity.kind === 'MLModel' ||
    entity.kind === 'Dataset'
  ) {
    const problems = validateModelOpsEntity(entity).map(p => p.message);
    if (entity.apiVersion !== MODELOPS_API_VERSION) {
      problems.unshift(
        `apiVersion: expected ${MODELOPS_API_VERSION}; got ${JSON.stringify(
          entity.apiVersion,
        )}`,
      );
    }
    return { label, problems, specChecked: true };
  }

  const problems: string[] = [];
  for (const policy of POLICIES) {
    try {
      await policy.enforce(entity);
    } catch (error) {
      problems.push(messageOf(error));
    }
  }
  const validator = BUILTIN_KIND_VALIDATORS[entity.kind];
  if (validator && problems.length === 0) {
    try {
      await validator.check(entity);
    } catch (error) {
      problems.push(messageOf(error));
    }
  }
  return { label, problems, specChecked: Boolean(validator) };
}
