import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { mockContext } from '../../__testUtils__/mockContext';
import fs from 'node:fs';
import path from 'node:path';
import { createWorkspaceExportAction } from './createWorkspaceExportAction';

describe('modelops:workspace:export', () => {
  const workspace = createMockDirectory();
  const output = createMockDirectory();

  const configured = () =>
    createWorkspaceExportAction({
      config: mockServices.rootConfig({
        data: { modelops: { scaffolder: { localOutputDir: output.path } } },
      }),
    });

  beforeEach(() => {
    output.clear();
    workspace.setContent({
      'catalog-info.yaml': 'kind: MLModel\n',
      'docs/RUNBOOK.md': '# Runbook\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
    });
  });

  it('is disabled with a clear error when the output folder is not configured', async () => {
    const action = createWorkspaceExportAction({
      config: mockServices.rootConfig({ data: {} }),
    });
    const run = action.handler(
      mockContext({
        workspacePath: workspace.path,
        input: { targetName: 'churn-predictor' },
      }),
    );
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      'modelops:workspace:export is disabled: set modelops.scaffolder.localOutputDir',
    );
  });

  it('copies the workspace to a sub-folder, without .git', async () => {
    const ctx = mockContext({
      workspacePath: workspace.path,
      input: { targetName: 'churn-predictor' },
    });
    await configured().handler(ctx);
    expect(output.content()).toEqual({
      'churn-predictor': {
        'catalog-info.yaml': 'kind: MLModel\n',
        docs: { 'RUNBOOK.md': '# Runbook\n' },
      },
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'path',
      path.join(output.path, 'churn-predictor'),
    );
    expect(ctx.output).toHaveBeenCalledWith('fileCount', 2);
  });

  it('exports only the source path when given', async () => {
    await configured().handler(
      mockContext({
        workspacePath: workspace.path,
        input: { targetName: 'runbooks', sourcePath: 'docs' },
      }),
    );
    expect(output.content()).toEqual({
      runbooks: { 'RUNBOOK.md': '# Runbook\n' },
    });
  });

  it('refuses to overwrite an existing folder unless asked', async () => {
    output.setContent({ 'churn-predictor': { 'old.txt': 'old' } });
    const run = configured().handler(
      mockContext({
        workspacePath: workspace.path,
        input: { targetName: 'churn-predictor' },
      }),
    );
    await expect(run).rejects.toThrow(ConflictError);
    await expect(run).rejects.toThrow(
      'targetName: folder "churn-predictor" exists already',
    );

    await configured().handler(
      mockContext({
        workspacePath: workspace.path,
        input: { targetName: 'churn-predictor', overwrite: true },
      }),
    );
    expect(
      Object.keys(output.content()!['churn-predictor'] as object).sort(),
    ).toEqual(['catalog-info.yaml', 'docs']);
  });

  it.each(['../escape', 'a/b', '/abs', '.hidden', ''])(
    'rejects the target name %j',
    async targetName => {
      await expect(
        configured().handler(
          mockContext({
            workspacePath: workspace.path,
            input: { targetName },
          }),
        ),
      ).rejects.toThrow(/targetName: must be one folder name/);
      expect(output.content()).toEqual({});
    },
  );

  it('rejects a source path outside the workspace', async () => {
    await expect(
      configured().handler(
        mockContext({
          workspacePath: workspace.path,
          input: { targetName: 'x', sourcePath: '../' },
        }),
      ),
    ).rejects.toThrow('sourcePath: must stay inside the workspace');
  });

  it('skips symlinks instead of copying what they point to', async () => {
    const secret = createMockDirectory();
    secret.setContent({ id_rsa: 'secret' });
    fs.symlinkSync(secret.path, path.join(workspace.path, 'keys'));
    fs.symlinkSync(
      path.join(secret.path, 'id_rsa'),
      path.join(workspace.path, 'key-file'),
    );
    const logger = mockServices.logger.mock();
    const ctx = mockContext({
      workspacePath: workspace.path,
      input: { targetName: 'with-links' },
      logger,
    });
    await configured().handler(ctx);
    const exported = output.content()!['with-links'] as Record<string, unknown>;
    expect(Object.keys(exported).sort()).toEqual(['catalog-info.yaml', 'docs']);
    expect(logger.warn).toHaveBeenCalledWith(
      'Skipped keys: not a regular file or folder',
    );
  });

  it('writes nothing in a dry run', async () => {
    // The mock context drops isDryRun, so set it the way the dry-run runner does.
    const ctx = {
      ...mockContext({
        workspacePath: workspace.path,
        input: { targetName: 'preview' },
      }),
      isDryRun: true,
    };
    await configured().handler(ctx);
    expect(output.content()).toEqual({});
    expect(ctx.output).toHaveBeenCalledWith('fileCount', 0);
  });

  it('warns instead of failing in a dry run when not configured', async () => {
    const logger = mockServices.logger.mock();
    const action = createWorkspaceExportAction({
      config: mockServices.rootConfig({ data: {} }),
    });
    await action.handler({
      ...mockContext({
        workspacePath: workspace.path,
        input: { targetName: 'preview' },
        logger,
      }),
      isDryRun: true,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Dry run: modelops:workspace:export is disabled'),
    );
  });
});
