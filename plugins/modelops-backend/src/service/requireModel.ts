/*
 * requireModel: the check every model-scoped route makes before it reads or
 * writes anything about a model: the model must exist in the catalog as the
 * caller sees it. Data about a model the caller cannot see would leak its
 * existence, and data about a model that does not exist would never be
 * shown; both are refused with a 400 naming the field.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ModelOpsRouterOptions } from './types';

/**
 * Reads the model `entityRef` from the catalog with the caller's credentials.
 *
 * @param field - the request field that named the model, for the message
 * @throws InputError (400) when the caller cannot see the model
 */
export async function requireModel(
  options: Pick<ModelOpsRouterOptions, 'catalog'>,
  credentials: BackstageCredentials,
  entityRef: string,
  field: string = 'entityRef',
): Promise<Entity> {
  const entity = await options.catalog.getEntityByRef(entityRef, {
    credentials,
  });
  if (!entity) {
    throw new InputError(
      `${field}: ${entityRef} is not a model in the catalog`,
    );
  }
  return entity;
}
