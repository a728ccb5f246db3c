import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zv3 } from 'zod/v3';
import { readCatalogFile } from '../util/catalogFile';
import { parseActionInput } from '../util/parseActionInput';
import { resolveWorkspacePath } from '../util/resolveWorkspacePath';
import { examples } from './createCatalogValidateAction.examples';
import { validateCatalogDocument } from './validateCatalogDocument';

const inputSchema = (z: typeof zv3) =>
  z.object({
    files: z
      .array(z.string())
      .min(1)
      .default(['catalog-info.yaml'])
      .describe('Catalog files to validate, relative to the workspace.'),
  });

/**
 * Creates the `modelops:catalog:validate` action, which fails a template run
 * when a generated catalog file would be rejected by the catalog, with the
 * same path-and-rule messages the catalog shows.
 *
 * @public
 */
export function createCatalogValidateAction() {
  return createTemplateAction({
    id: 'modelops:catalog:validate',
    description:
      'Validates generated catalog files in the workspace against the MLModel and Dataset schemas and the catalog rules for built-in kinds; fails listing every problem.',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        entities: z =>
          z.array(z.string()).describe('kind:name of every validated entity.'),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(inputSchema(zv3), ctx.input);
      const problems: string[] = [];
      const entities: string[] = [];

      for (const [index, relativePath] of input.files.entries()) {
        const absolutePath = await resolveWorkspacePath(
          ctx.workspacePath,
          relativePath,
          `files.${index}`,
        );
        const file = await readCatalogFile(absolutePath, relativePath);
        if (file.documents.length === 0) {
          problems.push(`${relativePath}: holds no entity documents`);
        }
        for (const [docIndex, doc] of file.documents.entries()) {
          const result = await validateCatalogDocument(doc.toJS());
          entities.push(result.label);
          for (const problem of result.problems) {
            problems.push(
              `${relativePath} (document ${docIndex + 1}, ${
                result.label
              }): ${problem}`,
            );
          }
          if (!result.specChecked && result.problems.length === 0) {
            ctx.logger.warn(
              `${relativePath}: ${result.label} has a kind without a known schema; only its envelope was checked`,
            );
          }
        }
      }

      if (problems.length > 0) {
        throw new InputError(
          `Generated catalog files are invalid:\n${problems.join('\n')}`,
        );
      }
      ctx.logger.info(
        `Validated ${entities.length} entities: ${entities.join(', ')}`,
      );
      ctx.output('entities', entities);
    },
  });
}
