/*
 * CatalogMembership: who owns an entity and which refs a user acts for, read
 * from the catalog with the plugin's own service credentials, so that a
 * caller's catalog read permissions can neither hide a membership nor fake
 * one. It lives in one place because feedback (owners change states), change
 * approvals (review group members decide) and ownership reviews (members
 * attest for their groups) all ask the same questions and must answer them
 * alike: the same ref normalisation, the same owner fallback to spec.owner.
 */
import type { AuthService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Lower-cases a ref so refs from YAML, relations and tokens compare equal.
 * The same mapping as Backstage's `toLocaleLowerCase('en-US')` (only Turkish,
 * Azeri and Lithuanian lower-case differently), without the locale lookup
 * that made it a measurable share of a scorecard run's time.
 */
export function normalizeEntityRef(ref: string): string {
  return ref.toLowerCase();
}

/** The normalized ref of an entity. */
export function entityRefOf(entity: Entity): string {
  return normalizeEntityRef(stringifyEntityRef(entity));
}

/**
 * The owner of an entity: its `ownedBy` relation, or `spec.owner` read as a
 * group ref in the entity's namespace; undefined when neither is usable.
 */
export function ownerRefOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) {
    return normalizeEntityRef(relation.targetRef);
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') {
    return undefined;
  }
  try {
    return normalizeEntityRef(
      stringifyEntityRef(
        parseEntityRef(owner.trim(), {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return undefined;
  }
}

/** Membership questions the feedback, change and review routes ask. */
export interface Membership {
  /**
   * The refs a user acts for: the user itself (an entity may be owned by a
   * person) and the groups of its `memberOf` relations, lower case, the user
   * first.
   */
  identitiesOf(userRef: string): Promise<Set<string>>;
  /** Whether the user is the group (or person) given, or a member of it. */
  isMember(userRef: string, groupRef: string): Promise<boolean>;
}

/** {@link Membership} read from the catalog. */
export class CatalogMembership implements Membership {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
  }): CatalogMembership {
    return new CatalogMembership(options.catalog, options.auth);
  }

  async identitiesOf(userRef: string): Promise<Set<string>> {
    const user = await this.catalog.getEntityByRef(userRef, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    const groups =
      user?.relations
        ?.filter(r => r.type === RELATION_MEMBER_OF)
        .map(r => normalizeEntityRef(r.targetRef)) ?? [];
    return new Set([normalizeEntityRef(userRef), ...groups]);
  }

  async isMember(userRef: string, groupRef: string): Promise<boolean> {
    const identities = await this.identitiesOf(userRef);
    return identities.has(normalizeEntityRef(groupRef));
  }
}
