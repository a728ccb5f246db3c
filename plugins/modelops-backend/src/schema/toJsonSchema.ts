import { z } from 'zod';

/**
 * The JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a zod schema
 * accepts as input, without the `$schema` marker a spec component omits.
 */
export function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return json;
}
