import type { AuthService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';

/** A spec field that names other entities, and the kinds it may name. */
interface ReferenceField {
  /** Path under `spec`. */
  path: string[];
  /** The kind a short ref defaults to, as the catalog processor reads it. */
  defaultKind: string;
  /** Kinds the field may name, lower case. */
  kinds: string[];
}

const field = (
  path: string,
  defaultKind: string,
  kinds: string[] = [defaultKind],
): ReferenceField => ({ path: path.split('.'), defaultKind, kinds });

/**
 * Every reference field of the two kinds besides `spec.owner` (which
 * `ownership.ownerKind` resolves). Presence is what other checks test; this
 * list is what makes a present value true.
 */
const REFERENCE_FIELDS: Record<string, ReferenceField[]> = {
  MLModel: [
    field('businessOwner', 'user', ['user', 'group']),
    field('system', 'system'),
    field('trainedOn', 'dataset'),
    field('evaluatedOn', 'dataset'),
    field('derivedFrom', 'mlmodel'),
    field('risk.reviewBoard', 'group'),
    field('deployment.challenger', 'mlmodel'),
  ],
  Dataset: [
    field('steward', 'user', ['user', 'group']),
    field('system', 'system'),
    field('producedBy', 'component'),
    field('derivedFrom', 'dataset'),
    field('access', 'group'),
  ],
};

function valuesAt(entity: Entity, path: string[]): unknown[] {
  let value: unknown = entity.spec;
  for (const key of path) {
    value =
      value && typeof value === 'object'
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function normalise(value: unknown, defaultKind: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind,
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

const kindOf = (ref: string) => ref.slice(0, ref.indexOf(':'));

/**
 * `references.problems`: each reference of the entity that does not name an
 * entity of the right kind in the catalog, in words ("spec.trainedOn names
 * dataset:default/x, which is not in the catalog"), and a business owner
 * that is the owning team itself; `references.checked`: how many references
 * were resolved. All references of a page are resolved with one
 * getEntitiesByRefs call.
 */
export class ReferencesFactProvider implements ModelopsFactProvider {
  readonly id = 'references';

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
  }): ReferencesFactProvider {
    return new ReferencesFactProvider(options.catalog, options.auth);
  }

  async getFacts(entities: Entity[]) {
    type Named = { field: string; raw: unknown; ref?: string; kinds: string[] };
    const named = new Map<string, Named[]>();
    const wanted = new Set<string>();
    for (const entity of entities) {
      const list: Named[] = [];
      for (const f of REFERENCE_FIELDS[entity.kind] ?? []) {
        for (const raw of valuesAt(entity, f.path)) {
          const ref = normalise(raw, f.defaultKind);
          if (ref) wanted.add(ref);
          list.push({
            field: `spec.${f.path.join('.')}`,
            raw,
            ref,
            kinds: f.kinds,
          });
        }
      }
      named.set(stringifyEntityRef(entity), list);
    }

    const found = new Set<string>();
    const refs = [...wanted];
    if (refs.length > 0) {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ['kind', 'metadata.name'] },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      items.forEach((item, i) => item && found.add(refs[i]));
    }

    const out = new Map<string, Record<string, unknown>>();
    for (const entity of entities) {
      const entityRef = stringifyEntityRef(entity);
      const problems: string[] = [];
      for (const n of named.get(entityRef) ?? []) {
        if (!n.ref) {
          problems.push(
            `${n.field} holds ${JSON.stringify(
              n.raw,
            )}, which is not an entity reference`,
          );
        } else if (!n.kinds.includes(kindOf(n.ref))) {
          problems.push(
            `${n.field} names ${n.ref}, a ${kindOf(
              n.ref,
            )} where a ${n.kinds.join(' or ')} is expected`,
          );
        } else if (!found.has(n.ref)) {
          problems.push(
            `${n.field} names ${n.ref}, which is not in the catalog`,
          );
        }
      }
      const owner = normalise(entity.spec?.owner, 'group');
      const businessOwner = normalise(entity.spec?.businessOwner, 'user');
      if (owner && businessOwner === owner) {
        problems.push(
          `spec.businessOwner is ${owner}, the owning team itself, where the person or group answering for the business outcome is expected`,
        );
      }
      out.set(entityRef, {
        problems,
        checked: (named.get(entityRef) ?? []).length,
      });
    }
    return out;
  }
}
