/*
 * ReviewCatalog: the catalog reads reviews need, made with the plugin's own
 * service credentials so that a caller's catalog read permissions cannot hide
 * a membership or make an existing owner look missing. Every read is paged or
 * batched, never one request per entity. Owner refs and a user's memberships
 * come from the plugin-wide CatalogMembership, so reviews, feedback and change
 * approvals agree on who owns what.
 */
import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { EntityFilterQuery } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogMembership,
  entityRefOf,
  normalizeEntityRef,
  type Membership,
} from '../service/CatalogMembership';
import { queryAllEntities } from '../service/queryAllEntities';

const REFS_BATCH = 500;

/** Options of {@link ReviewCatalog.create}. */
export interface ReviewCatalogOptions {
  catalog: CatalogService;
  auth: AuthService;
}

/** Catalog reads of the review feature. */
export class ReviewCatalog {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly membership: Membership,
  ) {}

  static create(options: ReviewCatalogOptions): ReviewCatalog {
    return new ReviewCatalog(
      options.catalog,
      options.auth,
      CatalogMembership.create(options),
    );
  }

  /**
   * Every entity matching a filter, page by page. With `credentials` the
   * caller's view of the catalog is used, otherwise the plugin's own.
   */
  async queryAll(
    filter: EntityFilterQuery,
    credentials?: BackstageCredentials,
  ): Promise<Entity[]> {
    return queryAllEntities(
      this.catalog,
      { filter },
      credentials ?? (await this.auth.getOwnServiceCredentials()),
    );
  }

  /** The entities that exist among `refs`, keyed by normalized ref. */
  async getByRefs(refs: string[]): Promise<Map<string, Entity>> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const found = new Map<string, Entity>();
    const distinct = [...new Set(refs.map(normalizeEntityRef))];
    for (let i = 0; i < distinct.length; i += REFS_BATCH) {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: distinct.slice(i, i + REFS_BATCH) },
        { credentials },
      );
      for (const entity of items) {
        if (entity) {
          found.set(entityRefOf(entity), entity);
        }
      }
    }
    return found;
  }

  /**
   * The refs a user attests for: the groups of the user's `memberOf`
   * relations and the user itself (entities may be owned by a person).
   */
  async ownershipRefsOf(userRef: string): Promise<string[]> {
    return [...(await this.membership.identitiesOf(userRef))];
  }

  /**
   * Members of each group that exists. Groups missing from the catalog are
   * absent from the map.
   */
  async membersOf(groupRefs: string[]): Promise<Map<string, string[]>> {
    const groups = await this.getByRefs(groupRefs);
    const members = new Map<string, string[]>();
    for (const [ref, group] of groups) {
      members.set(ref, membersOfGroup(group));
    }
    return members;
  }
}

/** Members of a group entity: `hasMember` relations plus `spec.members`. */
export function membersOfGroup(group: Entity): string[] {
  const fromRelations =
    group.relations
      ?.filter(r => r.type === RELATION_HAS_MEMBER)
      .map(r => normalizeEntityRef(r.targetRef)) ?? [];
  const specMembers = group.spec?.members;
  const fromSpec = Array.isArray(specMembers)
    ? specMembers
        .filter((m): m is string => typeof m === 'string')
        .map(m =>
          normalizeEntityRef(
            stringifyEntityRef(
              parseEntityRef(m, {
                defaultKind: 'user',
                defaultNamespace: group.metadata.namespace ?? 'default',
              }),
            ),
          ),
        )
    : [];
  return [...new Set([...fromRelations, ...fromSpec])];
}
