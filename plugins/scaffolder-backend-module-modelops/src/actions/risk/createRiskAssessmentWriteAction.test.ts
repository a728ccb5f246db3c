import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { mockContext } from '../../__testUtils__/mockContext';
import { validateModelOpsEntity } from '@modelops/plugin-modelops-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createRiskAssessmentWriteAction } from './createRiskAssessmentWriteAction';

const CATALOG_INFO = `# The model and the service that serves it
apiVersion: modelops.dev/v1alpha1
kind: MLModel
metadata:
  name: cv-screener
  title: CV screener
spec:
  owner: group:default/talent-ml # the team on call
  lifecycle: development
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cv-screener-service
spec:
  type: service
  lifecycle: development
  owner: group:default/talent-ml
  dependsOn: [mlmodel:default/cv-screener]
`;

describe('modelops:risk-assessment:write', () => {
  const workspace = createMockDirectory();
  const action = createRiskAssessmentWriteAction();

  beforeEach(() => {
    workspace.setContent({ 'catalog-info.yaml': CATALOG_INFO });
  });

  function read(file: string) {
    return fs.readFileSync(path.join(workspace.path, file), 'utf8');
  }

  it('writes RISK_ASSESSMENT.md and patches spec.risk, keeping comments and other documents', async () => {
    const ctx = mockContext({
      workspacePath: workspace.path,
      input: {
        answers: {
          annexIIIAreas: ['employment'],
          profilesNaturalPersons: true,
        },
        humanOversight: 'human-in-the-loop',
      },
      user: { ref: 'user:default/ana.ruiz' },
    });
    await action.handler(ctx);

    const text = read('catalog-info.yaml');
    expect(text).toContain('# The model and the service that serves it');
    expect(text).toContain('# the team on call');
    const docs = parseAllDocuments(text) as any[];
    expect(docs).toHaveLength(2);
    const model = docs[0].toJS();
    expect(model.spec.risk).toEqual({
      tier: 'high',
      domain: 'employment',
      humanOversight: { mode: 'human-in-the-loop' },
    });
    expect(validateModelOpsEntity(model)).toEqual([]);
    expect(docs[1].toJS().metadata.name).toBe('cv-screener-service');

    const assessment = read('RISK_ASSESSMENT.md');
    expect(assessment).toContain('# AI risk assessment: CV screener');
    expect(assessment).toContain('| Risk tier (EU AI Act) | **high** |');
    expect(assessment).toContain('| Assessed by | `user:default/ana.ruiz` |');
    expect(assessment).toContain('- [ ] **Human oversight** (Art. 14)');
    expect(assessment).toContain(
      '| Annex III high-risk areas (Art. 6(2)) | Employment:',
    );
    expect(ctx.output).toHaveBeenCalledWith('tier', 'high');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'mlmodel:default/cv-screener',
    );
  });

  it('keeps a domain the model already declares', async () => {
    workspace.setContent({
      'catalog-info.yaml': CATALOG_INFO.replace(
        '  lifecycle: development\n---',
        '  lifecycle: development\n  risk:\n    domain: hiring\n---',
      ),
    });
    await action.handler(
      mockContext({
        workspacePath: workspace.path,
        input: { answers: { annexIIIAreas: ['employment'] } },
      }),
    );
    const model = (
      parseAllDocuments(read('catalog-info.yaml')) as any[]
    )[0].toJS();
    expect(model.spec.risk).toEqual({ tier: 'high', domain: 'hiring' });
  });

  it('writes an entity fetched from the catalog without the fields the catalog adds', async () => {
    workspace.setContent({});
    await action.handler(
      mockContext({
        workspacePath: workspace.path,
        input: {
          answers: { transparencyDuties: ['interacts-with-people'] },
          entity: {
            apiVersion: 'modelops.dev/v1alpha1',
            kind: 'MLModel',
            metadata: {
              name: 'support-bot',
              namespace: 'default',
              uid: '123',
              etag: 'abc',
            },
            spec: { owner: 'group:default/support', lifecycle: 'production' },
            relations: [
              { type: 'ownedBy', targetRef: 'group:default/support' },
            ],
            status: { items: [] },
          },
        },
      }),
    );
    const model = (
      parseAllDocuments(read('catalog-info.yaml')) as any[]
    )[0].toJS();
    expect(model).toEqual({
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: { name: 'support-bot' },
      spec: {
        owner: 'group:default/support',
        lifecycle: 'production',
        risk: { tier: 'limited' },
      },
    });
    expect(read('RISK_ASSESSMENT.md')).toContain('Disclose AI interaction');
  });

  it.each([
    [{ path: '../RISK_ASSESSMENT.md' }, 'path: must stay inside the workspace'],
    [
      { entityFile: '/etc/catalog-info.yaml' },
      'entityFile: must be a path relative to the workspace',
    ],
  ])('rejects %o and writes nothing', async (override, message) => {
    const run = action.handler(
      mockContext({
        workspacePath: workspace.path,
        input: { answers: {}, ...override },
      }),
    );
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(message);
    expect(read('catalog-info.yaml')).toBe(CATALOG_INFO);
    expect(fs.existsSync(path.join(workspace.path, 'RISK_ASSESSMENT.md'))).toBe(
      false,
    );
  });

  it('names the file when it holds no MLModel', async () => {
    workspace.setContent({
      'catalog-info.yaml': CATALOG_INFO.split('---\n')[1],
    });
    await expect(
      action.handler(
        mockContext({
          workspacePath: workspace.path,
          input: { answers: {} },
        }),
      ),
    ).rejects.toThrow('catalog-info.yaml: no MLModel entity found');
    expect(fs.existsSync(path.join(workspace.path, 'RISK_ASSESSMENT.md'))).toBe(
      false,
    );
  });

  it('reports a missing entity file', async () => {
    await expect(
      action.handler(
        mockContext({
          workspacePath: workspace.path,
          input: { answers: {}, entityFile: 'model/catalog-info.yaml' },
        }),
      ),
    ).rejects.toThrow(
      'model/catalog-info.yaml: file not found in the workspace',
    );
  });
});
