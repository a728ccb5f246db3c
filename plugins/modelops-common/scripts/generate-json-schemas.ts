/*
 * Regenerates schema/*.schema.json from the zod schemas of the kinds.
 * Run from the package folder:
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/generate-json-schemas.ts
 */
import fs from 'fs';
import path from 'path';
import {
  getKindJsonSchemas,
  serializeKindJsonSchema,
} from '../src/kinds/kindJsonSchemas';

const outDir = path.resolve(__dirname, '../schema');
fs.mkdirSync(outDir, { recursive: true });
for (const [file, schema] of Object.entries(getKindJsonSchemas())) {
  fs.writeFileSync(path.join(outDir, file), serializeKindJsonSchema(schema));
  process.stdout.write(`wrote schema/${file}\n`);
}
