import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogApi } from '@backstage/plugin-catalog-react';

/** A link found on a catalog entity, with the entity it belongs to. */
export interface EntityLink {
  url: string;
  title: string;
  entityRef: string;
  entityTitle: string;
}

/**
 * Every link of one type (`playbook`, `postmortem`) on any catalog entity:
 * models, teams, systems. The catalog filters on the link type, so only
 * entities carrying such links are read, and only their names and links.
 */
export async function findEntityLinks(
  catalogApi: CatalogApi,
  type: string,
): Promise<EntityLink[]> {
  const { items } = await catalogApi.getEntities({
    filter: { 'metadata.links.type': type },
    fields: [
      'kind',
      'metadata.namespace',
      'metadata.name',
      'metadata.title',
      'metadata.links',
    ],
  });
  return items.flatMap((entity: Entity) =>
    (entity.metadata.links ?? [])
      .filter(link => link.type === type)
      .map(link => ({
        url: link.url,
        title: link.title ?? link.url,
        entityRef: stringifyEntityRef(entity),
        entityTitle: entity.metadata.title ?? entity.metadata.name,
      })),
  );
}
