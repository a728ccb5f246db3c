import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { resolveWorkspacePath } from './resolveWorkspacePath';

describe('resolveWorkspacePath', () => {
  const workspace = createMockDirectory();
  const outside = createMockDirectory();

  beforeEach(() => {
    workspace.setContent({ 'docs/README.md': 'x', 'catalog-info.yaml': 'x' });
    outside.setContent({ 'secret.txt': 'x' });
  });

  it.each([
    ['MODEL_CARD.md', 'MODEL_CARD.md'],
    ['docs/new/RISK.md', 'docs/new/RISK.md'],
    ['./docs/../catalog-info.yaml', 'catalog-info.yaml'],
  ])('resolves %s inside the workspace', async (input, expected) => {
    await expect(
      resolveWorkspacePath(workspace.path, input, 'path'),
    ).resolves.toBe(path.join(workspace.path, expected));
  });

  it.each([
    [
      '../escape.md',
      'path: must stay inside the workspace; got "../escape.md"',
    ],
    ['docs/../../escape.md', 'must stay inside the workspace'],
    [
      '/etc/passwd',
      'path: must be a path relative to the workspace; got absolute path "/etc/passwd"',
    ],
    ['C:\\Windows\\win.ini', 'must be a path relative to the workspace'],
    ['  ', 'path: must be a non-empty relative path'],
  ])('rejects %s with an InputError', async (input, message) => {
    const result = resolveWorkspacePath(workspace.path, input, 'path');
    await expect(result).rejects.toThrow(InputError);
    await expect(result).rejects.toThrow(message);
  });

  it('rejects a path through a symlinked folder that points outside', async () => {
    fs.symlinkSync(outside.path, path.join(workspace.path, 'linked'));
    await expect(
      resolveWorkspacePath(workspace.path, 'linked/new/file.md', 'entityFile'),
    ).rejects.toThrow(
      'entityFile: must stay inside the workspace; "linked/new/file.md" goes through a symbolic link that points outside it',
    );
  });

  it('rejects a symlinked file that points outside', async () => {
    fs.symlinkSync(
      path.join(outside.path, 'secret.txt'),
      path.join(workspace.path, 'catalog-link.yaml'),
    );
    await expect(
      resolveWorkspacePath(workspace.path, 'catalog-link.yaml', 'path'),
    ).rejects.toThrow(InputError);
  });

  it('accepts a symlink that stays inside the workspace', async () => {
    fs.symlinkSync(
      path.join(workspace.path, 'docs'),
      path.join(workspace.path, 'docs-link'),
    );
    await expect(
      resolveWorkspacePath(workspace.path, 'docs-link/README.md', 'path'),
    ).resolves.toBe(path.join(workspace.path, 'docs-link/README.md'));
  });
});
