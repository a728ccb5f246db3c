import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { entityRefOf } from '../service/CatalogMembership';
import { requireModel } from '../service/requireModel';
import { parseActionRef } from './parseActionRef';
import type { ModelOpsActionDeps } from './types';

/**
 * The model or dataset an action's input names, read from the catalog as
 * the caller sees it: a ref the caller cannot see is refused naming the
 * action's field (not the route's), like one that does not exist.
 *
 * @param field - the input field, named in the error
 */
export async function requireActionEntity(
  deps: Pick<ModelOpsActionDeps, 'catalog'>,
  credentials: BackstageCredentials,
  value: string,
  field: string,
): Promise<{ entityRef: string; entity: Entity }> {
  const ref = parseActionRef(value, field, 'mlmodel');
  const entity = await requireModel(deps, credentials, ref, field);
  return { entityRef: entityRefOf(entity), entity };
}
