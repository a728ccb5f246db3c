/*
 * The small organisation the hardening suites run against: two teams, one
 * model each, a dataset, and the callers of the permission matrix. Users
 * carry their memberOf relations because the plugin reads group membership
 * from relations, as a stitched catalog would hold them.
 */
import { mockCredentials } from '@backstage/backend-test-utils';

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

function user(name: string, groupRef: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [groupRef] },
    relations: [{ type: 'memberOf', targetRef: groupRef }],
  };
}

function group(name: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

function model(name: string, owner: string) {
  return {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name, namespace: 'default', title: name },
    spec: { owner, lifecycle: 'production', type: 'classification' },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** Every entity of the hardening catalog. */
export const ENTITIES = [
  group('ml'),
  group('risk'),
  user('alice', OWNER_GROUP),
  user('bob', OTHER_GROUP),
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

/** The owner of an entity of the hardening catalog, lower case. */
export function ownerOf(entityRef: string): string | undefined {
  const [kind, rest] = entityRef.toLocaleLowerCase('en-US').split(':');
  const [namespace, name] = rest?.split('/') ?? [];
  const entity: any = ENTITIES.find(
    e =>
      e.kind.toLocaleLowerCase('en-US') === kind &&
      e.metadata.namespace === namespace &&
      e.metadata.name === name,
  );
  return entity?.spec?.owner?.toLocaleLowerCase('en-US');
}

/** The user itself and its groups, lower case. */
export function memberships(userRef: string): Set<string> {
  const ref = userRef.toLocaleLowerCase('en-US');
  const entity: any = ENTITIES.find(
    e => e.kind === 'User' && `user:default/${e.metadata.name}` === ref,
  );
  return new Set([
    ref,
    ...(entity?.relations ?? []).map((r: any) => r.targetRef as string),
  ]);
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
