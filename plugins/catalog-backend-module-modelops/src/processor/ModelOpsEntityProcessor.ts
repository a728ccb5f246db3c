import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  AI_MODEL_SERVER_API_KIND,
  ANNOTATION_IMPORT_SOURCE,
  DATASET_KIND,
  formatValidationProblems,
  isDatasetEntity,
  isMLModelEntity,
  MLMODEL_KIND,
  MODELOPS_API_VERSION,
  RELATION_DERIVED_FROM,
  RELATION_EVALUATED_ON,
  RELATION_EVALUATION_DATA_FOR,
  RELATION_HAS_DERIVATIVE,
  RELATION_PRODUCED_BY,
  RELATION_PRODUCES,
  RELATION_SERVED_BY,
  RELATION_SERVES,
  RELATION_STEWARD_OF,
  RELATION_STEWARDED_BY,
  RELATION_TRAINED_ON,
  RELATION_TRAINING_DATA_FOR,
  validateModelOpsEntity,
} from '@modelops/plugin-modelops-common';
import {
  aiModelServerProblems,
  isAiModelServerApiEntity,
  servedModels,
} from './modelServers';

/** One spec field that names other entities, and the relation pair it makes. */
interface RelationField {
  /** Path below spec, dotted for nested fields. */
  field: string;
  defaultKind: string;
  outgoing: string;
  incoming: string;
}

const OWNER: RelationField = {
  field: 'owner',
  defaultKind: 'Group',
  outgoing: RELATION_OWNED_BY,
  incoming: RELATION_OWNER_OF,
};
const SYSTEM: RelationField = {
  field: 'system',
  defaultKind: 'System',
  outgoing: RELATION_PART_OF,
  incoming: RELATION_HAS_PART,
};

/** The relation fields of each kind, with the kind a short ref defaults to. */
const RELATION_FIELDS: Record<string, RelationField[]> = {
  [MLMODEL_KIND]: [
    OWNER,
    SYSTEM,
    {
      field: 'trainedOn',
      defaultKind: DATASET_KIND,
      outgoing: RELATION_TRAINED_ON,
      incoming: RELATION_TRAINING_DATA_FOR,
    },
    {
      field: 'evaluatedOn',
      defaultKind: DATASET_KIND,
      outgoing: RELATION_EVALUATED_ON,
      incoming: RELATION_EVALUATION_DATA_FOR,
    },
    {
      field: 'derivedFrom',
      defaultKind: MLMODEL_KIND,
      outgoing: RELATION_DERIVED_FROM,
      incoming: RELATION_HAS_DERIVATIVE,
    },
    {
      field: 'deployment.servedBy',
      defaultKind: 'Component',
      outgoing: RELATION_SERVED_BY,
      incoming: RELATION_SERVES,
    },
  ],
  // Red Hat Developer Hub's kind names its owner and system like an API;
  // without that plugin's own module nothing else would relate them.
  [AI_MODEL_SERVER_API_KIND]: [OWNER, SYSTEM],
  [DATASET_KIND]: [
    OWNER,
    SYSTEM,
    {
      field: 'steward',
      defaultKind: 'User',
      outgoing: RELATION_STEWARDED_BY,
      incoming: RELATION_STEWARD_OF,
    },
    {
      field: 'producedBy',
      defaultKind: 'Component',
      outgoing: RELATION_PRODUCED_BY,
      incoming: RELATION_PRODUCES,
    },
    {
      field: 'derivedFrom',
      defaultKind: DATASET_KIND,
      outgoing: RELATION_DERIVED_FROM,
      incoming: RELATION_HAS_DERIVATIVE,
    },
  ],
};

/** Ref lists sorted in preProcess so that reordering a file is not a change. */
const SORTED_FIELDS: Record<string, string[]> = {
  [MLMODEL_KIND]: ['trainedOn', 'evaluatedOn', 'derivedFrom'],
  [DATASET_KIND]: ['derivedFrom', 'access'],
};

function isModelOpsKind(entity: Entity): boolean {
  return isMLModelEntity(entity) || isDatasetEntity(entity);
}

/** The value at a dotted path below spec. */
function specValue(entity: Entity, path: string): unknown {
  let value: unknown = entity.spec;
  for (const key of path.split('.')) {
    value =
      value && typeof value === 'object'
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return value;
}

// The status item type the catalog's processing error panel shows
// (ENTITY_STATUS_CATALOG_PROCESSING_TYPE of @backstage/catalog-client).
const CATALOG_PROCESSING_STATUS = 'backstage.io/catalog-processing';

function isImported(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[ANNOTATION_IMPORT_SOURCE]);
}

/** The validation error of an entity, naming every path and rule; undefined when valid. */
function validationMessage(entity: Entity): string | undefined {
  const problems = validateModelOpsEntity(entity);
  if (problems.length === 0) {
    return undefined;
  }
  return `${entity.kind} ${stringifyEntityRef(entity)} does not match the ${
    entity.kind
  } ${MODELOPS_API_VERSION} schema:\n${formatValidationProblems(problems)}`;
}

/**
 * Catalog processor of the MLModel and Dataset kinds: validates them
 * against the kind schemas and emits their ownership, system, lineage,
 * stewardship and production relations in both directions.
 *
 * @public
 */
export class ModelOpsEntityProcessor implements CatalogProcessor {
  static create(): ModelOpsEntityProcessor {
    return new ModelOpsEntityProcessor();
  }

  private constructor() {}

  getProcessorName(): string {
    return 'ModelOpsEntityProcessor';
  }

  /**
   * Returns false for other kinds so that their processors decide; throws
   * for an invalid MLModel or Dataset so that the catalog records a
   * processing error on that entity (naming every path and rule) and keeps
   * processing the others. An invalid entity imported by a ModelOps provider
   * (annotation `modelops.dev/import-source`) is let through instead, with
   * the same error in its status (see postProcessEntity): a thrown error
   * would keep a new entity out of the catalog, and the registry object
   * would silently be absent.
   */
  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (isAiModelServerApiEntity(entity)) {
      const message = aiModelServerProblems(entity);
      if (message) throw new InputError(message);
      return true;
    }
    if (!isModelOpsKind(entity)) {
      return false;
    }
    if (isImported(entity)) {
      return true;
    }
    const message = validationMessage(entity);
    if (message) {
      throw new InputError(message);
    }
    return true;
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (!isModelOpsKind(entity) || !entity.spec) {
      return entity;
    }
    for (const field of SORTED_FIELDS[entity.kind] ?? []) {
      const value = entity.spec[field];
      if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
        entity.spec[field] = [...value].sort();
      }
    }
    return entity;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const selfRef = getCompoundEntityRef(entity);
    const served = servedModels(entity);
    for (const model of served.models) {
      emitPair(emit, selfRef, RELATION_SERVES, model, RELATION_SERVED_BY);
    }
    for (const problem of served.problems) {
      emit(processingResult.inputError(location, problem));
    }
    if (!isModelOpsKind(entity) && !isAiModelServerApiEntity(entity)) {
      return entity;
    }
    for (const relationField of RELATION_FIELDS[entity.kind] ?? []) {
      const value = specValue(entity, relationField.field);
      if (value === undefined) {
        continue;
      }
      for (const target of [value].flat()) {
        if (typeof target !== 'string') {
          continue; // already reported by validateEntityKind
        }
        let targetRef;
        try {
          targetRef = parseEntityRef(target, {
            defaultKind: relationField.defaultKind,
            defaultNamespace: selfRef.namespace,
          });
        } catch (error) {
          emit(
            processingResult.inputError(
              location,
              `spec.${
                relationField.field
              }: expected an entity reference; got ${JSON.stringify(target)}`,
            ),
          );
          continue;
        }
        emitPair(
          emit,
          selfRef,
          relationField.outgoing,
          targetRef,
          relationField.incoming,
        );
      }
    }
    // Added after the catalog's policies ran: they refuse a status field
    // on entities as sources deliver them.
    const message =
      isModelOpsKind(entity) && isImported(entity)
        ? validationMessage(entity)
        : undefined;
    if (message) {
      const withStatus = entity as AlphaEntity;
      withStatus.status = {
        ...withStatus.status,
        items: [
          ...(withStatus.status?.items ?? []),
          {
            type: CATALOG_PROCESSING_STATUS,
            level: 'error',
            message: `InputError: ${message}`,
            error: { name: 'InputError', message },
          },
        ],
      };
    }
    return entity;
  }
}

/** Emits a relation and its reverse. */
function emitPair(
  emit: CatalogProcessorEmit,
  source: CompoundEntityRef,
  type: string,
  target: CompoundEntityRef,
  reverse: string,
) {
  emit(processingResult.relation({ source, type, target }));
  emit(
    processingResult.relation({
      source: target,
      type: reverse,
      target: source,
    }),
  );
}
