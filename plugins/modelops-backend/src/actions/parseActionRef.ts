import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { entityRefOf } from '../service/CatalogMembership';
import { requireModel } from '../service/requireModel';
import type { ModelOpsActionDeps } from './types';

/**
 * Reads an entity reference an assistant passed, accepting the short forms
 * people use ("credit-risk-scorer", "risk-ml") as well as full refs.
 *
 * @param field - the input field, named in the error
 * @throws InputError naming the field when the value is not a reference
 */
export function parseActionRef(
  value: string,
  field: string,
  defaultKind: string,
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind,
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new InputError(
      `${field}: must be an entity reference such as ${defaultKind}:default/name, or a name`,
    );
  }
}

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
