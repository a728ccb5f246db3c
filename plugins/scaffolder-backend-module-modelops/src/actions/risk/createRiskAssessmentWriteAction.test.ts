import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
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

/** The ModelOps backend as the action sees it: each request, and a status to answer. */
function fakeBackend(status = 201) {
  const requests: Array<{ url: string; init?: RequestInit }> = [];
  const fetch = jest.fn(
    async (url: string | URL | Request, init?: RequestInit) => {
      requests.push({ url: String(url), init });
      const body =
        status === 201
          ? { tier: 'high', classifierVersion: '1.0.0' }
          : { error: { name: 'NotFoundError', message: 'not in the catalog' } };
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    },
  ) as unknown as typeof globalThis.fetch;
  return { requests, fetch };
}

describe('modelops:risk-assessment:write', () => {
  const workspace = createMockDirectory();
  let backend = fakeBackend();
  let action = createRiskAssessmentWriteAction({
    auth: mockServices.auth(),
    discovery: mockServices.discovery(),
    fetch: backend.fetch,
  });

  function withBackend(status: number) {
    backend = fakeBackend(status);
    action = createRiskAssessmentWriteAction({
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      fetch: backend.fetch,
    });
  }

  beforeEach(() => {
    workspace.setContent({ 'catalog-info.yaml': CATALOG_INFO });
    withBackend(201);
  });

  it('records the answers in the backend on behalf of the person running the template', async () => {
    const answers = {
      annexIIIAreas: ['employment'],
      profilesNaturalPersons: true,
    };
    const ctx = mockContext({
      workspacePath: workspace.path,
      input: { answers },
    });
    await action.handler(ctx);
    expect(backend.requests).toHaveLength(1);
    const [{ url, init }] = backend.requests;
    expect(url).toBe('http://localhost:0/api/modelops/risk-assessments');
    expect(init?.method).toBe('POST');
    // The body carries no tier and no author: the backend classifies the
    // answers and takes the author from the token.
    expect(JSON.parse(String(init?.body))).toEqual({
      entityRef: 'mlmodel:default/cv-screener',
      answers,
    });
    const { token } = await mockServices.auth().getPluginRequestToken({
      onBehalfOf: mockCredentials.user(),
      targetPluginId: 'modelops',
    });
    expect((init?.headers as Record<string, string>).Authorization).toBe(
      `Bearer ${token}`,
    );
    expect(ctx.output).toHaveBeenCalledWith('recorded', true);
  });

  it('goes on without recording a model the catalog does not hold yet, and says so', async () => {
    withBackend(404);
    const logger = mockServices.logger.mock();
    const ctx = mockContext({
      workspacePath: workspace.path,
      input: { answers: {} },
      logger,
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('recorded', false);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'mlmodel:default/cv-screener is not in the catalog yet',
      ),
    );
    expect(read('RISK_ASSESSMENT.md')).toContain('cv-screener');
  });

  it('writes the files and warns when the policy refuses a model not yet owned in the catalog', async () => {
    withBackend(403);
    await action.handler(
      mockContext({ workspacePath: workspace.path, input: { answers: {} } }),
    );
    expect(read('RISK_ASSESSMENT.md')).toContain('Risk');
  });

  it('fails the step when the backend refuses the answers', async () => {
    withBackend(400);
    await expect(
      action.handler(
        mockContext({ workspacePath: workspace.path, input: { answers: {} } }),
      ),
    ).rejects.toThrow();
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

  it("refuses a folder holding another team's model or assessment, and writes nothing", async () => {
    const supportBot = {
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: { name: 'support-bot', namespace: 'default' },
      spec: { owner: 'group:default/support', lifecycle: 'production' },
    };
    const run = (entity: object) =>
      action.handler(
        mockContext({
          workspacePath: workspace.path,
          input: { answers: {}, entity },
        }),
      );
    // The folder holds cv-screener of talent-ml.
    await expect(run(supportBot)).rejects.toThrow(
      'catalog-info.yaml: already holds mlmodel:default/cv-screener owned by group:default/talent-ml; refusing to overwrite it with mlmodel:default/support-bot owned by group:default/support. Choose the folder of mlmodel:default/support-bot.',
    );
    // The same model handed to another owner is refused too.
    await expect(
      run({
        ...supportBot,
        metadata: { name: 'cv-screener' },
        spec: { owner: 'group:default/support', lifecycle: 'production' },
      }),
    ).rejects.toThrow(InputError);
    expect(read('catalog-info.yaml')).toBe(CATALOG_INFO);
    expect(fs.existsSync(path.join(workspace.path, 'RISK_ASSESSMENT.md'))).toBe(
      false,
    );

    // An assessment of another model in an otherwise empty folder.
    workspace.setContent({
      'RISK_ASSESSMENT.md': '| Entity | `mlmodel:default/cv-screener` |\n',
    });
    await expect(run(supportBot)).rejects.toThrow(
      'RISK_ASSESSMENT.md: already holds the assessment of mlmodel:default/cv-screener; refusing to overwrite it with the assessment of mlmodel:default/support-bot',
    );
    expect(read('RISK_ASSESSMENT.md')).toBe(
      '| Entity | `mlmodel:default/cv-screener` |\n',
    );
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
