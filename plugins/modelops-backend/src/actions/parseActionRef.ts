import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

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
