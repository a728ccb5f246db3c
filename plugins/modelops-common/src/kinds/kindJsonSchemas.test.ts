import fs from 'fs';
import path from 'path';
import { getKindJsonSchemas, serializeKindJsonSchema } from './kindJsonSchemas';

describe('committed JSON Schema files', () => {
  const schemaDir = path.resolve(__dirname, '../../schema');

  it.each(Object.entries(getKindJsonSchemas()))(
    'schema/%s matches the zod schema',
    (file, schema) => {
      const committed = fs.readFileSync(path.join(schemaDir, file), 'utf8');
      // On failure regenerate from this package's folder with
      // node --require @backstage/cli/config/nodeTransform.cjs scripts/generate-json-schemas.ts
      expect(committed).toBe(serializeKindJsonSchema(schema));
    },
  );

  it('rejects unknown spec keys and requires owner and lifecycle', () => {
    const schema = getKindJsonSchemas()['MLModel.v1alpha1.schema.json'] as any;
    expect(schema.properties.spec.additionalProperties).toBe(false);
    expect(schema.properties.spec.required).toEqual(['lifecycle', 'owner']);
  });
});
