import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Resolves a path given in a template to a location inside the task workspace.
 *
 * @remarks
 * Template authors and form users control these paths, so every write goes
 * through here: absolute paths and `..` segments that leave the workspace are
 * rejected, and so are symlinks inside the workspace that point outside it
 * (a skeleton could ship such a link, and a plain path check would follow it).
 *
 * @param workspacePath - the task workspace (`ctx.workspacePath`)
 * @param relativePath - the path from the action input
 * @param field - the input field name, so the error names it
 */
export async function resolveWorkspacePath(
  workspacePath: string,
  relativePath: string,
  field: string,
): Promise<string> {
  if (relativePath.trim() === '') {
    throw new InputError(`${field}: must be a non-empty relative path`);
  }
  if (path.isAbsolute(relativePath) || path.win32.isAbsolute(relativePath)) {
    throw new InputError(
      `${field}: must be a path relative to the workspace; got absolute path "${relativePath}"`,
    );
  }
  const lexical = path.relative(
    workspacePath,
    path.resolve(workspacePath, relativePath),
  );
  if (lexical === '..' || lexical.startsWith(`..${path.sep}`)) {
    throw new InputError(
      `${field}: must stay inside the workspace; got "${relativePath}"`,
    );
  }
  const symlinkError = new InputError(
    `${field}: must stay inside the workspace; "${relativePath}" goes through a symbolic link that points outside it`,
  );
  let target: string;
  try {
    // Also follows existing symlinks, but only those on the existing part of the path.
    target = resolveSafeChildPath(workspacePath, relativePath);
  } catch {
    throw symlinkError;
  }
  // Check ourselves as well, so the guarantee does not depend on how the helper treats links.
  const realWorkspace = await fs.realpath(workspacePath);
  const realTarget = await realpathOfDeepestExisting(target);
  if (
    realTarget !== realWorkspace &&
    !realTarget.startsWith(`${realWorkspace}${path.sep}`)
  ) {
    throw symlinkError;
  }
  return target;
}

/**
 * The real path of `target`, or of its deepest existing ancestor joined with
 * the missing rest, since files about to be written do not exist yet.
 */
async function realpathOfDeepestExisting(target: string): Promise<string> {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    try {
      const real = await fs.realpath(current);
      return path.join(real, ...missing.reverse());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
      const parent = path.dirname(current);
      if (parent === current) {
        return target;
      }
      missing.push(path.basename(current));
      current = parent;
    }
  }
}
