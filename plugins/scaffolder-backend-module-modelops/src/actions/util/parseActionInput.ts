import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/**
 * Parses an action's input with the zod schema the action declares.
 *
 * @remarks
 * The scaffolder checks inputs against the JSON Schema derived from the zod
 * schema before a step runs, but that check neither applies defaults nor runs
 * refinements, and direct callers (tests, other actions) skip it. Parsing here
 * gives one behaviour everywhere and an error naming the field and the rule.
 */
export function parseActionInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map(issue => {
    const field = issue.path.length ? issue.path.join('.') : 'input';
    return `${field}: ${issue.message}`;
  });
  throw new InputError(`Invalid input: ${problems.join('; ')}`);
}
