/*
 * The small organisation the hardening suites run against: two teams, one
 * model each, a dataset, and the callers of the permission matrix. Users
 * carry their memberOf relations because the plugin reads group membership
 * from relations, as a stitched catalog would hold them.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  entityRefOf,
  normalizeEntityRef,
} from '../../service/CatalogMembership';
import { testGroup, testModel, testUser } from '../../service/__testUtils__';

/** Group that owns the models the owner caller works on. */
export const OWNER_GROUP = 'group:default/ml';
/** Group of the non-owner caller. */
export const OTHER_GROUP = 'group:default/risk';
/** A user in OWNER_GROUP. */
export const OWNER_USER = 'user:default/alice';
/** A user in OTHER_GROUP only. */
export const OTHER_USER = 'user:default/bob';
/** The model owned by OWNER_GROUP that the samples act on. */
export const MODEL = 'mlmodel:default/churn';
/** A model owned by OTHER_GROUP. */
export const OTHER_MODEL = 'mlmodel:default/fraud';
/** A dataset owned by OWNER_GROUP. */
export const DATASET = 'dataset:default/churn-events';

function model(name: string, owner: string): Entity {
  return testModel(
    name,
    { owner, type: 'classification' },
    { title: name, ownerRelation: true },
  );
}

/** Every entity of the hardening catalog. */
export const ENTITIES: Entity[] = [
  testGroup('ml', []),
  testGroup('risk', []),
  testUser('alice', [OWNER_GROUP]),
  testUser('bob', [OTHER_GROUP]),
  model('churn', OWNER_GROUP),
  model('fraud', OTHER_GROUP),
  {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'Dataset',
    metadata: { name: 'churn-events', namespace: 'default' },
    spec: { owner: OWNER_GROUP, lifecycle: 'production', steward: OWNER_USER },
    relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
  },
];

function entityByRef(entityRef: string): Entity | undefined {
  const ref = normalizeEntityRef(entityRef);
  return ENTITIES.find(entity => entityRefOf(entity) === ref);
}

/**
 * The owner of an entity of the hardening catalog, lower case. Read from
 * `spec.owner` as written, not through the plugin's own owner rule, so that
 * the permission matrix checks the plugin against the fixture.
 */
export function ownerOf(entityRef: string): string | undefined {
  const owner = entityByRef(entityRef)?.spec?.owner;
  return typeof owner === 'string' ? normalizeEntityRef(owner) : undefined;
}

/** The user itself and its groups, lower case. */
export function memberships(userRef: string): Set<string> {
  const groups = (entityByRef(userRef)?.relations ?? [])
    .filter(relation => relation.type === 'memberOf')
    .map(relation => normalizeEntityRef(relation.targetRef));
  return new Set([normalizeEntityRef(userRef), ...groups]);
}

/** The callers of the permission matrix. */
export const PRINCIPALS = {
  owner: mockCredentials.user.header(OWNER_USER),
  nonOwner: mockCredentials.user.header(OTHER_USER),
  service: mockCredentials.service.header(),
  unauthenticated: mockCredentials.none.header(),
} as const;

/** Name of a caller of the permission matrix. */
export type PrincipalName = keyof typeof PRINCIPALS;
