import type { Entity } from '@backstage/catalog-model';

/** A group with one member, as the catalog stitches it. */
export const mlGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'ml', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [{ type: 'hasMember', targetRef: 'user:default/ada' }],
};

/** A production model that is fully documented except what a test removes. */
export function productionModel(
  name: string,
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name,
      namespace: 'default',
      description: 'Scores things.',
      links: [{ url: 'https://runbooks.example.com/x', type: 'runbook' }],
    },
    spec: {
      owner: 'group:default/ml',
      lifecycle: 'production',
      system: 'lending',
      fallback: 'Manual review.',
      risk: { tier: 'minimal' },
      ...spec,
    },
  };
}
