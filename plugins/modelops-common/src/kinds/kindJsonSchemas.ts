import { z } from 'zod';
import { DATASET_KIND, MLMODEL_KIND } from './constants';
import { datasetEntitySchema } from './datasetEntitySchema';
import { mlModelEntitySchema } from './mlModelEntitySchema';

const SCHEMA_BASE_URL = 'https://modelops.dev/schema';

function toJsonSchema(schema: z.ZodType, kind: string, title: string) {
  // The input side is what authors write in YAML, so editors validate that.
  const { $schema, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  });
  return {
    $schema,
    $id: `${SCHEMA_BASE_URL}/${kind}.v1alpha1.schema.json`,
    title,
    ...rest,
  };
}

/**
 * JSON Schema documents of both kinds, generated from the zod schemas, keyed
 * by the file name they are published under in the package's schema folder.
 * Editors (YAML language server) and non-TypeScript tools use these files.
 *
 * @public
 */
export function getKindJsonSchemas(): Record<string, object> {
  return {
    [`${MLMODEL_KIND}.v1alpha1.schema.json`]: toJsonSchema(
      mlModelEntitySchema,
      MLMODEL_KIND,
      'ModelOps MLModel entity',
    ),
    [`${DATASET_KIND}.v1alpha1.schema.json`]: toJsonSchema(
      datasetEntitySchema,
      DATASET_KIND,
      'ModelOps Dataset entity',
    ),
  };
}

/**
 * Serialises a generated schema exactly as it is committed, so that the
 * drift test compares bytes.
 *
 * @public
 */
export function serializeKindJsonSchema(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
