/*
 * testEntities: the catalog entities router, store and review tests build
 * their small organisations from. Users and groups carry the relations a
 * stitched catalog would hold, because the plugin reads membership from
 * relations (see CatalogMembership), not from spec.memberOf.
 */
import type { Entity } from '@backstage/catalog-model';

/** Options of {@link testModel}. */
export interface TestModelOptions {
  /** metadata.title. */
  title?: string;
  /** Adds the `ownedBy` relation the catalog derives from `spec.owner`. */
  ownerRelation?: boolean;
}

/**
 * An MLModel in the default namespace; `spec.lifecycle` is `production`
 * unless the spec given says otherwise.
 */
export function testModel(
  name: string,
  spec: Record<string, unknown> = {},
  options: TestModelOptions = {},
): Entity {
  const entity: Entity = {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name, namespace: 'default' },
    spec: { lifecycle: 'production', ...spec },
  };
  if (options.title !== undefined) {
    entity.metadata.title = options.title;
  }
  if (options.ownerRelation && typeof spec.owner === 'string') {
    entity.relations = [{ type: 'ownedBy', targetRef: spec.owner }];
  }
  return entity;
}

/** A User in the default namespace, member of the given group refs. */
export function testUser(name: string, groupRefs: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: groupRefs },
    relations: groupRefs.map(targetRef => ({ type: 'memberOf', targetRef })),
  };
}

/** A team Group in the default namespace with the given member user refs. */
export function testGroup(name: string, memberRefs: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: memberRefs.map(targetRef => ({ type: 'hasMember', targetRef })),
  };
}
