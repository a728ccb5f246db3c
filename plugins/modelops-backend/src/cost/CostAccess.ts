/*
 * CostAccess: who may read which cost. By default the members of an entity's
 * owning group and the members of the finance group (config
 * `modelops.cost.financeGroup`) may read its cost; the permission framework
 * (costReadPermission) can deny further. Service callers pass the ownership
 * rule for every entity (a pipeline belongs to no group), but the permission
 * framework still decides per entity, in list views as in single reads: a
 * DENY or an owner-only policy hides from a service in /cost/models what
 * /cost/entity refuses it.
 */
import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { costReadPermission } from '@modelops/plugin-modelops-common';
import {
  CatalogMembership,
  entityRefOf,
  type Membership,
  normalizeEntityRef,
  ownerRefOf,
} from '../service/CatalogMembership';

/** What a caller may read. */
export interface CostReader {
  credentials: BackstageCredentials;
  /**
   * Finance group members read every entity's cost, unmapped spend included,
   * without a per-entity permission check.
   */
  readsAll: boolean;
  /**
   * Services pass the ownership rule for every entity; unlike `readsAll`,
   * costReadPermission is still asked per entity.
   */
  ownsAll?: boolean;
  /** The user and the groups the user is a member of, as entity refs. */
  ownershipRefs: Set<string>;
}

/** Options of {@link CostAccess.create}. */
export interface CostAccessOptions {
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  financeGroup?: string;
}

/** Decides cost reads from catalog membership and the permission framework. */
export class CostAccess {
  private constructor(
    private readonly options: CostAccessOptions,
    private readonly membership: Membership,
  ) {}

  static create(options: CostAccessOptions): CostAccess {
    return new CostAccess(
      {
        ...options,
        financeGroup:
          options.financeGroup === undefined
            ? undefined
            : normalizeEntityRef(options.financeGroup),
      },
      CatalogMembership.create({
        catalog: options.catalog,
        auth: options.auth,
      }),
    );
  }

  /** Resolves the caller's ownership refs from the user entity's memberOf. */
  async reader(credentials: BackstageCredentials): Promise<CostReader> {
    if (!this.options.auth.isPrincipal(credentials, 'user')) {
      return {
        credentials,
        readsAll: false,
        ownsAll: true,
        ownershipRefs: new Set(),
      };
    }
    // Membership reads the user entity with the plugin's own credentials: a
    // policy that hides users from each other must not hide a user's groups.
    const ownershipRefs = await this.membership.identitiesOf(
      credentials.principal.userEntityRef,
    );
    const financeGroup = this.options.financeGroup;
    return {
      credentials,
      readsAll: financeGroup !== undefined && ownershipRefs.has(financeGroup),
      ownershipRefs,
    };
  }

  /** True when the reader belongs to the owner (or reads everything). */
  ownsOrReadsAll(reader: CostReader, owner: string | undefined): boolean {
    return (
      reader.readsAll ||
      reader.ownsAll === true ||
      (owner !== undefined &&
        reader.ownershipRefs.has(normalizeEntityRef(owner)))
    );
  }

  /**
   * Checks one entity: the ownership rule, then costReadPermission.
   *
   * @throws NotAllowedError (403) when either says no
   */
  async assertCanRead(
    reader: CostReader,
    entityRef: string,
    owner: string | undefined,
  ): Promise<void> {
    if (!this.ownsOrReadsAll(reader, owner)) {
      throw new NotAllowedError(
        `Not allowed: cost of ${entityRef} is readable by members of ${
          owner ?? 'its owning group'
        }${
          this.options.financeGroup ? ` and ${this.options.financeGroup}` : ''
        }`,
      );
    }
    const allowed = await this.filterPermitted(reader, [entityRef]);
    if (!allowed.has(entityRef)) {
      throw new NotAllowedError(
        `Not allowed: ${costReadPermission.name} on ${entityRef}`,
      );
    }
  }

  /**
   * The lower-case refs of the given entities whose cost the caller may
   * read: the ownership rule on each entity's owner, then
   * costReadPermission for those that pass, in one call. For views that
   * show cost beside other data (the portfolio, scorecard messages), which
   * leave the cost out rather than refuse the whole answer.
   */
  async readableEntities(
    credentials: BackstageCredentials,
    entities: Entity[],
  ): Promise<Set<string>> {
    const reader = await this.reader(credentials);
    return this.filterPermitted(
      reader,
      entities
        .filter(entity => this.ownsOrReadsAll(reader, ownerRefOf(entity)))
        .map(entityRefOf),
    );
  }

  /** The subset of entity refs the permission framework allows, in one call. */
  async filterPermitted(
    reader: CostReader,
    entityRefs: string[],
  ): Promise<Set<string>> {
    if (entityRefs.length === 0) {
      return new Set();
    }
    const decisions = await this.options.permissions.authorize(
      entityRefs.map(resourceRef => ({
        permission: costReadPermission,
        resourceRef,
      })),
      { credentials: reader.credentials },
    );
    return new Set(
      entityRefs.filter(
        (_, index) => decisions[index].result === AuthorizeResult.ALLOW,
      ),
    );
  }
}
