/*
 * parseBody: validates a JSON request body against a zod schema and returns
 * the typed, parsed value. Throws an InputError (400) naming every failing
 * field path and rule, so routers never hand unchecked input to a store.
 */
import type { z } from 'zod';
import { zodIssuesToInputError } from './zodIssuesToInputError';

/**
 * Parses a request body with a zod schema.
 *
 * @throws InputError listing every failing field path and rule
 */
export function parseBody<T extends z.ZodType>(
  schema: T,
  body: unknown,
): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw zodIssuesToInputError(result.error, 'body');
  }
  return result.data;
}
