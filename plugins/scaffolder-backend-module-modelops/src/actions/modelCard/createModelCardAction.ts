import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { importHuggingFaceReadme } from '@modelops/plugin-modelops-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z as zv3 } from 'zod/v3';
import type { ModelCardContent } from '../../types';
import {
  findEntityDocument,
  readCatalogFile,
  writeCatalogFile,
} from '../util/catalogFile';
import { parseActionInput } from '../util/parseActionInput';
import { resolveWorkspacePath } from '../util/resolveWorkspacePath';
import { examples } from './createModelCardAction.examples';
import { renderModelCard } from './renderModelCard';

const inputSchema = (z: typeof zv3) =>
  z.object({
    path: z
      .string()
      .default('MODEL_CARD.md')
      .describe('Where to write the card, relative to the workspace.'),
    name: z
      .string()
      .min(1)
      .describe('metadata.name of the MLModel the card describes.'),
    title: z.string().optional(),
    description: z.string().optional(),
    owner: z.string().optional().describe('Owner entity reference.'),
    type: z.string().optional(),
    framework: z.string().optional(),
    license: z.string().optional(),
    version: z.string().optional(),
    riskTier: z.string().optional(),
    trainedOn: z.array(z.string()).optional(),
    evaluatedOn: z.array(z.string()).optional(),
    intendedUse: z
      .object({
        primaryUses: z.array(z.string()).optional(),
        primaryUsers: z.array(z.string()).optional(),
        outOfScope: z.array(z.string()).optional(),
      })
      .optional(),
    limitations: z.string().optional(),
    ethicalConsiderations: z.string().optional(),
    huggingFaceReadme: z
      .string()
      .optional()
      .describe(
        'A Hugging Face model README (front matter and Markdown). Its fields fill what the inputs leave empty and its body is kept in the card.',
      ),
    entityFile: z
      .string()
      .optional()
      .describe(
        'A catalog file in the workspace whose MLModel receives the fields imported from the README that it does not set yet.',
      ),
  });

/** Spec fields that an imported README may fill on the entity. */
const IMPORTABLE_SPEC_FIELDS = [
  'type',
  'framework',
  'license',
  'trainedOn',
  'evaluatedOn',
  'derivedFrom',
  'intendedUse',
  'limitations',
  'metrics',
] as const;

function stripFrontMatter(markdown: string): string {
  return markdown.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n?/, '');
}

/**
 * Creates the `modelops:model-card:create` action, which writes MODEL_CARD.md
 * from template inputs or from a Hugging Face README given as text.
 *
 * @public
 */
export function createModelCardAction() {
  return createTemplateAction({
    id: 'modelops:model-card:create',
    description:
      'Writes a model card (MODEL_CARD.md) from inputs, or imported from a Hugging Face README, and optionally copies the imported fields into the MLModel entity.',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        path: z => z.string().describe('The card path in the workspace.'),
        importedFields: z =>
          z
            .array(z.string())
            .describe('MLModel spec fields taken from the README.'),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(inputSchema(zv3), ctx.input);
      const target = await resolveWorkspacePath(
        ctx.workspacePath,
        input.path,
        'path',
      );

      const imported = input.huggingFaceReadme
        ? importHuggingFaceReadme(input.huggingFaceReadme).spec
        : {};
      const card: ModelCardContent = {
        name: input.name,
        title: input.title,
        description: input.description,
        owner: input.owner,
        type: input.type ?? imported.type,
        framework: input.framework ?? imported.framework,
        license: input.license ?? imported.license,
        version: input.version ?? imported.version,
        riskTier: input.riskTier ?? imported.risk?.tier,
        derivedFrom: imported.derivedFrom,
        trainedOn: nonEmpty(input.trainedOn) ?? imported.trainedOn,
        evaluatedOn: nonEmpty(input.evaluatedOn) ?? imported.evaluatedOn,
        intendedUse: input.intendedUse ?? imported.intendedUse,
        metrics: imported.metrics,
        limitations: input.limitations ?? imported.limitations,
        ethicalConsiderations: input.ethicalConsiderations,
        details: input.huggingFaceReadme
          ? stripFrontMatter(input.huggingFaceReadme)
          : undefined,
      };
      const importedFields = IMPORTABLE_SPEC_FIELDS.filter(
        field => imported[field] !== undefined,
      );

      // Resolve and read the entity before writing anything, so a bad entityFile leaves no card behind.
      let patchEntity: (() => Promise<string[]>) | undefined;
      if (input.entityFile && importedFields.length > 0) {
        const entityPath = await resolveWorkspacePath(
          ctx.workspacePath,
          input.entityFile,
          'entityFile',
        );
        const file = await readCatalogFile(entityPath, input.entityFile);
        const doc = findEntityDocument(file, 'MLModel', input.name);
        patchEntity = async () => {
          const filled = importedFields.filter(
            field => doc.getIn(['spec', field]) === undefined,
          );
          for (const field of filled) {
            doc.setIn(['spec', field], doc.createNode(imported[field]));
          }
          await writeCatalogFile(entityPath, file);
          return filled;
        };
      }

      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, renderModelCard(card), 'utf8');
      if (patchEntity) {
        const filled = await patchEntity();
        ctx.logger.info(
          `Copied ${
            filled.length ? filled.join(', ') : 'no new fields'
          } from the README into ${input.entityFile}`,
        );
      }
      ctx.logger.info(`Wrote model card ${input.path}`);
      ctx.output('path', input.path);
      ctx.output('importedFields', [...importedFields]);
    },
  });
}

function nonEmpty(values: string[] | undefined): string[] | undefined {
  return values && values.length > 0 ? values : undefined;
}
