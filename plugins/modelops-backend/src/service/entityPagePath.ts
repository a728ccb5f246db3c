import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The catalog page of an entity relative to the app (`/catalog/default/mlmodel/churn`),
 * which notifications link to.
 */
export function entityPagePath(entityRef: string): string {
  const ref = parseEntityRef(entityRef);
  return `/catalog/${ref.namespace}/${ref.kind}/${ref.name}`;
}
