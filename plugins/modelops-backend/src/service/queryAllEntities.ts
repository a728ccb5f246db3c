/*
 * queryAllEntities: every entity matching a catalog filter, read page by page
 * with queryEntities and its cursor, so that neither the catalog nor the
 * plugin holds a whole large catalog in one response. Team scopes of the
 * delivery metrics and review cycles both page this way.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { EntityFilterQuery } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** Entities per page. */
const PAGE_SIZE = 500;

/** What {@link queryAllEntities} asks the catalog for. */
export interface QueryAllEntitiesRequest {
  filter: EntityFilterQuery;
  /** Only these fields of each entity; every field when absent. */
  fields?: string[];
}

/** Reads every page of a catalog query with the given credentials. */
export async function queryAllEntities(
  catalog: CatalogService,
  request: QueryAllEntitiesRequest,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const { filter, fields } = request;
  let response = await catalog.queryEntities(
    { filter, fields, limit: PAGE_SIZE },
    { credentials },
  );
  const entities = [...response.items];
  while (response.pageInfo.nextCursor) {
    response = await catalog.queryEntities(
      { cursor: response.pageInfo.nextCursor, fields, limit: PAGE_SIZE },
      { credentials },
    );
    entities.push(...response.items);
  }
  return entities;
}
