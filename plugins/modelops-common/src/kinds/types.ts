import type { Entity } from '@backstage/catalog-model';
import type { z } from 'zod';
import type {
  DATASET_KIND,
  MLMODEL_KIND,
  MODELOPS_API_VERSION,
} from './constants';
import type { datasetSpecSchema } from './datasetEntitySchema';
import type { mlModelSpecSchema } from './mlModelEntitySchema';

/** The spec of an MLModel entity, inferred from its schema. @public */
export type MLModelSpec = z.infer<typeof mlModelSpecSchema>;

/** The spec of a Dataset entity, inferred from its schema. @public */
export type DatasetSpec = z.infer<typeof datasetSpecSchema>;

/** A catalog entity of kind MLModel. @public */
export interface MLModelEntity extends Entity {
  apiVersion: typeof MODELOPS_API_VERSION;
  kind: typeof MLMODEL_KIND;
  spec: MLModelSpec;
}

/** A catalog entity of kind Dataset. @public */
export interface DatasetEntity extends Entity {
  apiVersion: typeof MODELOPS_API_VERSION;
  kind: typeof DATASET_KIND;
  spec: DatasetSpec;
}
