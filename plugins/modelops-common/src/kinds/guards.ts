import type { Entity } from '@backstage/catalog-model';
import { DATASET_KIND, MLMODEL_KIND, MODELOPS_API_VERSION } from './constants';
import type { DatasetEntity, MLModelEntity } from './types';

// Kind names compare case-insensitively as the catalog's own guards do; the
// shape of the spec is not checked here (use validateModelOpsEntity).
function hasKind(entity: Entity | undefined, kind: string): boolean {
  return (
    !!entity &&
    entity.apiVersion === MODELOPS_API_VERSION &&
    typeof entity.kind === 'string' &&
    entity.kind.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase('en-US')
  );
}

/** True when the entity is an MLModel of the ModelOps apiVersion. @public */
export function isMLModelEntity(
  entity: Entity | undefined,
): entity is MLModelEntity {
  return hasKind(entity, MLMODEL_KIND);
}

/** True when the entity is a Dataset of the ModelOps apiVersion. @public */
export function isDatasetEntity(
  entity: Entity | undefined,
): entity is DatasetEntity {
  return hasKind(entity, DATASET_KIND);
}
