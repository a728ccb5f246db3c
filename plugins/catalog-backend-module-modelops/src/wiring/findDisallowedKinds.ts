import { Config } from '@backstage/config';

/** The kinds this module adds to the catalog. */
export const MODELOPS_KINDS = ['MLModel', 'Dataset'] as const;

// The catalog's own default when `catalog.rules` is absent.
const DEFAULT_ALLOWED_KINDS = ['Component', 'API', 'Location'];

/**
 * The ModelOps kinds that no global `catalog.rules` entry allows. The catalog
 * rejects entities of such a kind from every location without a rule of its
 * own, which looks like an empty model catalog to whoever forgot the rule.
 */
export function findDisallowedKinds(config: Config): string[] {
  const rules = config.getOptionalConfigArray('catalog.rules');
  const allowed = new Set(
    (rules
      ? rules.flatMap(rule => rule.getOptionalStringArray('allow') ?? [])
      : DEFAULT_ALLOWED_KINDS
    ).map(kind => kind.toLocaleLowerCase('en-US')),
  );
  return MODELOPS_KINDS.filter(
    kind => !allowed.has(kind.toLocaleLowerCase('en-US')),
  );
}

/** The log line naming the rule an adopter has to add. */
export function disallowedKindsMessage(kinds: string[]): string {
  return (
    `${kinds.join(
      ' and ',
    )} entities are not allowed by catalog.rules, so the ` +
    `catalog rejects them. Add them to app-config.yaml: ` +
    `catalog.rules: [{ allow: [${kinds.join(
      ', ',
    )}] }] (keep the kinds you already allow)`
  );
}
