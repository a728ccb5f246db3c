/*
 * zodIssuesToInputError: turns a failed zod parse into an InputError whose
 * message lists every failing field path with its rule, for example
 * `metrics.0.value: expected number, received string`. Used by parseBody and
 * parseQuery so that every 400 of the backend reads the same way.
 */
import { InputError } from '@backstage/errors';
import type { z } from 'zod';

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(segment => String(segment)).join('.');
}

// zod 4 prefixes type errors with "Invalid input: "; the path already says
// which input, so the prefix only adds noise.
function formatMessage(message: string): string {
  return message.replace(/^Invalid input: /, '');
}

/**
 * Builds an InputError naming each failing field and rule.
 *
 * @param error - the zod error of a failed `safeParse`
 * @param where - what was parsed (`body`, `query`), used for root-level issues
 */
export function zodIssuesToInputError(
  error: z.ZodError,
  where: string,
): InputError {
  const details = error.issues.map(issue => {
    const path = formatPath(issue.path);
    return `${path || `(${where})`}: ${formatMessage(issue.message)}`;
  });
  return new InputError(`Invalid ${where}: ${details.join('; ')}`);
}
