import type { AuthService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';

/**
 * `ownership.ownerKind` (`group`, `user`, or undefined when the owner is not
 * in the catalog) and `ownership.ownerMemberCount`. Owners of a whole page
 * are fetched with one getEntitiesByRefs call.
 */
export class OwnershipFactProvider implements ModelopsFactProvider {
  readonly id = 'ownership';

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
  }): OwnershipFactProvider {
    return new OwnershipFactProvider(options.catalog, options.auth);
  }

  async getFacts(entities: Entity[]) {
    const ownerOf = new Map<string, string | undefined>();
    for (const entity of entities) {
      const owner = entity.spec?.owner;
      let ref: string | undefined;
      if (typeof owner === 'string') {
        try {
          ref = stringifyEntityRef(
            parseEntityRef(owner, {
              defaultKind: 'group',
              defaultNamespace: 'default',
            }),
          );
        } catch {
          ref = undefined;
        }
      }
      ownerOf.set(stringifyEntityRef(entity), ref);
    }
    const refs = [
      ...new Set([...ownerOf.values()].filter((r): r is string => !!r)),
    ];
    const owners = new Map<string, Entity>();
    if (refs.length > 0) {
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
        },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      items.forEach((item, i) => item && owners.set(refs[i], item));
    }
    const out = new Map<string, Record<string, unknown>>();
    for (const [entityRef, ownerRef] of ownerOf) {
      const owner = ownerRef ? owners.get(ownerRef) : undefined;
      const members = owner
        ? new Set(
            (owner.relations ?? [])
              .filter(r => r.type === 'hasMember')
              .map(r => r.targetRef),
          ).size
        : 0;
      out.set(entityRef, {
        ownerRef,
        ownerKind: owner?.kind.toLocaleLowerCase('en-US'),
        ownerMemberCount: members,
      });
    }
    return out;
  }
}
