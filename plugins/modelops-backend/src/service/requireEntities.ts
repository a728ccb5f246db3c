/*
 * requireEntities: the check every route makes before it writes data about
 * catalog entities: each must exist in the catalog as the caller sees it.
 * Data about an entity that does not exist would never be shown, and data
 * about one the caller cannot see would leak its existence; both answer 404
 * naming the field and the ref.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { normalizeEntityRef } from './CatalogMembership';
import type { ModelOpsRouterOptions } from './types';

/**
 * Reads the given entities with the caller's credentials, in one call.
 *
 * @param field - the request field that named them, for the message
 * @returns the entities keyed by their lower-case ref
 * @throws NotFoundError (404) naming the first ref not in the catalog
 */
export async function requireEntities(
  options: Pick<ModelOpsRouterOptions, 'catalog'>,
  credentials: BackstageCredentials,
  entityRefs: string[],
  field: string,
): Promise<Map<string, Entity>> {
  const refs = [...new Set(entityRefs.map(normalizeEntityRef))];
  const entities = new Map<string, Entity>();
  if (refs.length === 0) return entities;
  const { items } = await options.catalog.getEntitiesByRefs(
    { entityRefs: refs },
    { credentials },
  );
  refs.forEach((ref, index) => {
    const entity = items[index];
    if (!entity) {
      throw new NotFoundError(`${field}: ${ref} is not in the catalog`);
    }
    entities.set(ref, entity);
  });
  return entities;
}

/**
 * The refs among `entityRefs` that name an entity the caller can see, in
 * one catalog call: what list routes keep, so that neither the items nor
 * the total say anything about entities hidden from the caller.
 */
export async function visibleEntityRefs(
  options: Pick<ModelOpsRouterOptions, 'catalog'>,
  credentials: BackstageCredentials,
  entityRefs: string[],
): Promise<string[]> {
  const refs = [...new Set(entityRefs)];
  if (refs.length === 0) return [];
  const { items } = await options.catalog.getEntitiesByRefs(
    {
      entityRefs: refs.map(normalizeEntityRef),
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    },
    { credentials },
  );
  return refs.filter((_, index) => Boolean(items[index]));
}

/**
 * The entities among `entityRefs` the caller can see, keyed by their
 * lower-case ref, with what their owner is read from: for list routes that
 * also apply a rule per entity (the cost read rule to check messages).
 */
export async function visibleEntities(
  options: Pick<ModelOpsRouterOptions, 'catalog'>,
  credentials: BackstageCredentials,
  entityRefs: string[],
): Promise<Map<string, Entity>> {
  const refs = [...new Set(entityRefs.map(normalizeEntityRef))];
  const entities = new Map<string, Entity>();
  if (refs.length === 0) return entities;
  const { items } = await options.catalog.getEntitiesByRefs(
    {
      entityRefs: refs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.owner',
        'relations',
      ],
    },
    { credentials },
  );
  refs.forEach((ref, index) => {
    const entity = items[index];
    if (entity) entities.set(ref, entity);
  });
  return entities;
}

/**
 * The refs among those `loadRefs` reads that name an entity the caller
 * cannot see: what a figure over all stored entities leaves out. A caller
 * the policy lets read the whole catalog (an unconditional allow) hides
 * nothing, and is answered without reading the refs or asking the catalog
 * about each.
 */
export async function hiddenEntityRefs(
  options: Pick<ModelOpsRouterOptions, 'catalog' | 'permissions'>,
  credentials: BackstageCredentials,
  loadRefs: () => Promise<string[]>,
): Promise<string[]> {
  const [decision] = await options.permissions.authorizeConditional(
    [{ permission: catalogEntityReadPermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.ALLOW) return [];
  const entityRefs = await loadRefs();
  const visible = new Set(
    await visibleEntityRefs(options, credentials, entityRefs),
  );
  return entityRefs.filter(ref => !visible.has(ref));
}
