import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { mockContext } from '../../__testUtils__/mockContext';
import fs from 'node:fs';
import path from 'node:path';
import { createCatalogValidateAction } from './createCatalogValidateAction';

const MODEL = `apiVersion: modelops.dev/v1alpha1
kind: MLModel
metadata:
  name: churn-predictor
spec:
  owner: group:default/growth-ml
  lifecycle: development
  type: classification
  risk:
    tier: minimal
`;
const COMPONENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: churn-predictor-service
spec:
  type: service
  lifecycle: development
  owner: group:default/growth-ml
  dependsOn: [mlmodel:default/churn-predictor]
`;
const DATASET = `apiVersion: modelops.dev/v1alpha1
kind: Dataset
metadata:
  name: subscriber-events
spec:
  owner: group:default/data-platform
  lifecycle: production
  classification: internal
`;

describe('modelops:catalog:validate', () => {
  const workspace = createMockDirectory();
  const action = createCatalogValidateAction();

  it('passes valid files and lists their entities', async () => {
    workspace.setContent({
      'catalog-info.yaml': `${MODEL}---\n${COMPONENT}`,
      'data/catalog-info.yaml': DATASET,
    });
    const ctx = mockContext({
      workspacePath: workspace.path,
      input: { files: ['catalog-info.yaml', 'data/catalog-info.yaml'] },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('entities', [
      'MLModel:churn-predictor',
      'Component:churn-predictor-service',
      'Dataset:subscriber-events',
    ]);
  });

  it('validates catalog-info.yaml when no files are given', async () => {
    workspace.setContent({ 'catalog-info.yaml': MODEL });
    const ctx = mockContext({
      workspacePath: workspace.path,
      input: {},
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('entities', [
      'MLModel:churn-predictor',
    ]);
  });

  it('fails with the path-and-rule messages of the catalog, for every problem in every document', async () => {
    workspace.setContent({
      'catalog-info.yaml': `${MODEL.replace(
        'tier: minimal',
        'tier: hgih',
      ).replace(
        'type: classification',
        'typo: classification',
      )}---\n${COMPONENT.replace(
        'name: churn-predictor-service',
        'name: Churn Service!',
      )}`,
    });
    const run = action.handler(
      mockContext({ workspacePath: workspace.path, input: {} }),
    );
    await expect(run).rejects.toThrow(InputError);
    const error: Error = await run.catch(e => e);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Generated catalog files are invalid:');
    expect(lines).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml (document 1, MLModel:churn-predictor): spec.risk.tier: expected one of unacceptable, high, limited, minimal; got "hgih"',
        expect.stringMatching(
          /^catalog-info\.yaml \(document 1, MLModel:churn-predictor\): spec.*typo/,
        ),
        expect.stringMatching(
          /^catalog-info\.yaml \(document 2, Component:Churn Service!\): .*metadata\.name/,
        ),
      ]),
    );
  });

  it('rejects a modelops kind with a foreign apiVersion', async () => {
    workspace.setContent({
      'catalog-info.yaml': MODEL.replace(
        'modelops.dev/v1alpha1',
        'backstage.io/v1alpha1',
      ),
    });
    await expect(
      action.handler(mockContext({ workspacePath: workspace.path, input: {} })),
    ).rejects.toThrow(
      'apiVersion: expected modelops.dev/v1alpha1; got "backstage.io/v1alpha1"',
    );
  });

  it('reports broken YAML with the file and the document', async () => {
    workspace.setContent({
      'catalog-info.yaml': `${MODEL}---\nkind: [unclosed\n`,
    });
    await expect(
      action.handler(mockContext({ workspacePath: workspace.path, input: {} })),
    ).rejects.toThrow(/^catalog-info\.yaml \(document 2\): invalid YAML/);
  });

  it('rejects files outside the workspace, also through symlinks', async () => {
    const outside = createMockDirectory();
    outside.setContent({ 'catalog-info.yaml': MODEL });
    workspace.setContent({});
    fs.symlinkSync(outside.path, path.join(workspace.path, 'elsewhere'));
    for (const file of [
      '../catalog-info.yaml',
      'elsewhere/catalog-info.yaml',
    ]) {
      await expect(
        action.handler(
          mockContext({
            workspacePath: workspace.path,
            input: { files: [file] },
          }),
        ),
      ).rejects.toThrow(/^files\.0: must stay inside the workspace/);
    }
  });
});
