/*
 * restrictedCatalog: a mock catalog that hides entities from some callers,
 * as a permission policy on `catalog.entity.read` does in a real catalog.
 * The reads routes make with the caller's credentials (by ref, by refs, by
 * query) leave hidden entities out, so tests can check that a route tells
 * such a caller nothing about them.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** Decides whether the caller may see the entity with the lower-case ref. */
export type CanSee = (
  entityRef: string,
  credentials: BackstageCredentials,
) => boolean;

/** A catalog holding `entities`, each visible where `canSee` says so. */
export function restrictedCatalog(
  entities: Entity[],
  canSee: CanSee,
): CatalogService {
  const base = catalogServiceMock({ entities });
  const visible = (
    entity: Entity | undefined | null,
    credentials: BackstageCredentials,
  ) =>
    entity && canSee(stringifyEntityRef(entity).toLowerCase(), credentials)
      ? entity
      : undefined;
  const overrides: Partial<CatalogService> = {
    async getEntityByRef(ref, options) {
      return visible(
        await base.getEntityByRef(ref, options),
        options.credentials,
      );
    },
    async getEntitiesByRefs(request, options) {
      const { items } = await base.getEntitiesByRefs(request, options);
      return {
        items: items.map(e => visible(e, options.credentials)),
      };
    },
    async queryEntities(request, options) {
      const response = await base.queryEntities(request, options);
      const items = response.items.filter(e => visible(e, options.credentials));
      return {
        ...response,
        items,
        totalItems:
          response.totalItems - (response.items.length - items.length),
      };
    },
    async getEntities(request, options) {
      const { items } = await base.getEntities(request, options);
      return { items: items.filter(e => visible(e, options.credentials)) };
    },
  };
  return new Proxy(base, {
    get(target, property: string) {
      if (property in overrides) {
        return (overrides as Record<string, unknown>)[property];
      }
      const value = (target as any)[property];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
