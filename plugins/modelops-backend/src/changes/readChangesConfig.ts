import type { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** Config key of the group whose members approve or reject changes. */
export const CHANGES_REVIEW_GROUP_KEY = 'modelops.changes.reviewGroup';

/** The default review group. */
export const DEFAULT_CHANGES_REVIEW_GROUP = 'group:default/ai-review-board';

/** The change approval settings of the backend. */
export interface ChangesConfig {
  /** Lower-case group ref of the reviewers. */
  reviewGroup: string;
}

/**
 * Reads `modelops.changes`.
 *
 * @throws InputError naming the key when the review group is not a group ref
 */
export function readChangesConfig(config: RootConfigService): ChangesConfig {
  const value =
    config.getOptionalString(CHANGES_REVIEW_GROUP_KEY) ??
    DEFAULT_CHANGES_REVIEW_GROUP;
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') === 'group') {
      return {
        reviewGroup: stringifyEntityRef(ref).toLocaleLowerCase('en-US'),
      };
    }
  } catch {
    // reported below
  }
  throw new InputError(
    `${CHANGES_REVIEW_GROUP_KEY}: expected a group ref such as ${DEFAULT_CHANGES_REVIEW_GROUP}, got "${value}"`,
  );
}
