/*
 * parseQuery: validates an express query string object against a zod schema.
 * Query values arrive as strings (or string arrays when repeated), so schemas
 * should use `z.coerce` for numbers and dates. Throws an InputError (400)
 * naming every failing parameter and rule.
 */
import type { z } from 'zod';
import { zodIssuesToInputError } from './zodIssuesToInputError';

/**
 * Parses request query parameters with a zod schema.
 *
 * @throws InputError listing every failing parameter and rule
 */
export function parseQuery<T extends z.ZodType>(
  schema: T,
  query: unknown,
): z.output<T> {
  const result = schema.safeParse(query ?? {});
  if (!result.success) {
    throw zodIssuesToInputError(result.error, 'query');
  }
  return result.data;
}
