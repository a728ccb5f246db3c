import { RootConfigService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z as zv3 } from 'zod/v3';
import { parseActionInput } from '../util/parseActionInput';
import { resolveWorkspacePath } from '../util/resolveWorkspacePath';
import { examples } from './createWorkspaceExportAction.examples';

/** The config key that enables the action. */
export const LOCAL_OUTPUT_DIR_CONFIG_KEY = 'modelops.scaffolder.localOutputDir';

const inputSchema = (z: typeof zv3) =>
  z.object({
    targetName: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9._-]{0,62}$/i,
        'must be one folder name of letters, digits, ".", "_" or "-" (at most 63 characters)',
      )
      .describe(
        'Name of the folder created under the configured output folder.',
      ),
    sourcePath: z
      .string()
      .default('.')
      .describe('The part of the workspace to export.'),
    overwrite: z
      .boolean()
      .default(false)
      .describe('Replace the folder when it exists already.'),
  });

/** Copies regular files and folders; returns how many files were copied. */
async function copyTree(
  from: string,
  to: string,
  skipped: string[],
  relative = '',
): Promise<number> {
  await fs.mkdir(to, { recursive: true });
  let count = 0;
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    const rel = path.join(relative, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === '.git') {
        continue;
      }
      count += await copyTree(
        path.join(from, entry.name),
        path.join(to, entry.name),
        skipped,
        rel,
      );
    } else if (entry.isFile()) {
      await fs.copyFile(path.join(from, entry.name), path.join(to, entry.name));
      count += 1;
    } else {
      // Symlinks and devices could point anywhere on the host; a generated project never needs them.
      skipped.push(rel);
    }
  }
  return count;
}

/**
 * Creates the `modelops:workspace:export` action, which copies the generated
 * files to a folder on the backend host, so that a portal without a Git host
 * can still run templates end to end.
 *
 * @public
 */
export function createWorkspaceExportAction(options: {
  config: RootConfigService;
}) {
  const outputDir = options.config.getOptionalString(
    LOCAL_OUTPUT_DIR_CONFIG_KEY,
  );
  return createTemplateAction({
    id: 'modelops:workspace:export',
    description: `Copies the generated files to a sub-folder of ${LOCAL_OUTPUT_DIR_CONFIG_KEY}, for portals without a Git host. Disabled unless that config is set.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        path: z => z.string().describe('The folder the files were written to.'),
        fileCount: z => z.number().describe('How many files were written.'),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(inputSchema(zv3), ctx.input);
      const source = await resolveWorkspacePath(
        ctx.workspacePath,
        input.sourcePath,
        'sourcePath',
      );
      const disabledMessage = `modelops:workspace:export is disabled: set ${LOCAL_OUTPUT_DIR_CONFIG_KEY} in app-config to a folder on the backend host, or choose a Git publish target`;

      // A dry run previews the generated files in the template editor, which needs no output folder.
      if (ctx.isDryRun) {
        if (outputDir) {
          ctx.logger.info(
            `Dry run: would export ${input.sourcePath} to ${path.join(
              outputDir,
              input.targetName,
            )}`,
          );
        } else {
          ctx.logger.warn(`Dry run: ${disabledMessage}`);
        }
        ctx.output('fileCount', 0);
        return;
      }
      if (!outputDir) {
        throw new InputError(disabledMessage);
      }
      const root = path.resolve(outputDir);
      // targetName is a single safe segment (see the schema), so the join cannot leave root.
      const target = path.join(root, input.targetName);

      const exists = await fs
        .stat(target)
        .then(() => true)
        .catch(() => false);
      if (exists && !input.overwrite) {
        throw new ConflictError(
          `targetName: folder "${input.targetName}" exists already in the output folder; pick another name or set overwrite`,
        );
      }

      // Copy next to the target and rename, so a failed copy never leaves a half-written project.
      await fs.mkdir(root, { recursive: true });
      const staging = await fs.mkdtemp(
        path.join(root, `.${input.targetName}-`),
      );
      const skipped: string[] = [];
      let fileCount: number;
      try {
        fileCount = await copyTree(source, staging, skipped);
        if (exists) {
          await fs.rm(target, { recursive: true, force: true });
        }
        await fs.rename(staging, target);
      } catch (error) {
        await fs.rm(staging, { recursive: true, force: true });
        throw error;
      }
      for (const rel of skipped) {
        ctx.logger.warn(`Skipped ${rel}: not a regular file or folder`);
      }
      ctx.logger.info(`Exported ${fileCount} files to ${target}`);
      ctx.output('path', target);
      ctx.output('fileCount', fileCount);
    },
  });
}
