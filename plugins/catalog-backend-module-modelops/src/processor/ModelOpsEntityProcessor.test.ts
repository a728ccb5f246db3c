import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { validateModelOpsEntity } from '@modelops/plugin-modelops-common';
import { ModelOpsEntityProcessor } from './ModelOpsEntityProcessor';

interface InvalidCase {
  name: string;
  kind: 'MLModel' | 'Dataset';
  spec?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  unset?: string[];
  messages: string[];
}

const location = { type: 'url', target: 'https://example.com/catalog.yaml' };

function buildDocument(c: InvalidCase): Entity {
  const doc: any = {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: c.kind,
    metadata: { name: 'subject', ...c.metadata },
    spec: { owner: 'team-a', lifecycle: 'production', ...c.spec },
  };
  for (const dotted of c.unset ?? []) {
    const keys = dotted.split('.');
    const last = keys.pop()!;
    delete keys.reduce((obj, key) => obj[key], doc)[last];
  }
  return doc;
}

async function postProcess(entity: Entity): Promise<CatalogProcessorResult[]> {
  const results: CatalogProcessorResult[] = [];
  await ModelOpsEntityProcessor.create().postProcessEntity(
    entity,
    location,
    result => results.push(result),
  );
  return results;
}

function relationTriples(results: CatalogProcessorResult[]): string[] {
  return results.flatMap(r =>
    r.type === 'relation'
      ? [
          `${stringifyEntityRef(r.relation.source)} ${
            r.relation.type
          } ${stringifyEntityRef(r.relation.target)}`,
        ]
      : [],
  );
}

const referenceDir = path.resolve(__dirname, '../../../../docs/reference');
const reference = (file: string): Entity =>
  parse(fs.readFileSync(path.join(referenceDir, file), 'utf8'));

describe('ModelOpsEntityProcessor', () => {
  const processor = ModelOpsEntityProcessor.create();

  it('is named for the processing error reports', () => {
    expect(processor.getProcessorName()).toBe('ModelOpsEntityProcessor');
  });

  it('accepts the reference documents of both kinds', async () => {
    await expect(
      processor.validateEntityKind(reference('mlmodel.full.yaml')),
    ).resolves.toBe(true);
    await expect(
      processor.validateEntityKind(reference('dataset.full.yaml')),
    ).resolves.toBe(true);
  });

  it('leaves other kinds and apiVersions to their own processors', async () => {
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'c' },
      spec: { type: 'service', owner: 'x', lifecycle: 'prod' },
    };
    await expect(processor.validateEntityKind(component)).resolves.toBe(false);
    await expect(
      processor.validateEntityKind({ ...component, kind: 'MLModel' }),
    ).resolves.toBe(false);
    expect(await postProcess(component)).toEqual([]);
  });

  describe('invalid document corpus', () => {
    const corpus: InvalidCase[] = parse(
      fs.readFileSync(
        path.join(__dirname, '__fixtures__/invalid-documents.yaml'),
        'utf8',
      ),
    );

    it('holds at least 40 documents with distinct names', () => {
      expect(corpus.length).toBeGreaterThanOrEqual(40);
      expect(new Set(corpus.map(c => c.name)).size).toBe(corpus.length);
    });

    it.each(corpus.map(c => [c.name, c] as const))('%s', async (_name, c) => {
      const doc = buildDocument(c);
      expect(validateModelOpsEntity(doc).map(p => p.message)).toEqual(
        c.messages,
      );
      const error = await processor.validateEntityKind(doc).then(
        () => undefined,
        e => e,
      );
      expect(error?.name).toBe('InputError');
      expect(error.message).toBe(
        `${c.kind} ${c.kind.toLocaleLowerCase(
          'en-US',
        )}:default/subject does not match the ${
          c.kind
        } modelops.dev/v1alpha1 schema:\n${c.messages.join('\n')}`,
      );
    });
  });

  it('emits every MLModel relation both ways with default kinds for short refs', async () => {
    const model: Entity = {
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: { name: 'scorer', namespace: 'risk' },
      spec: {
        owner: 'risk-ml',
        lifecycle: 'production',
        system: 'lending',
        trainedOn: ['loans', 'shared/bureau'],
        evaluatedOn: ['dataset:default/holdout'],
        derivedFrom: ['base-scorer'],
      },
    };
    expect(relationTriples(await postProcess(model))).toEqual([
      'mlmodel:risk/scorer ownedBy group:risk/risk-ml',
      'group:risk/risk-ml ownerOf mlmodel:risk/scorer',
      'mlmodel:risk/scorer partOf system:risk/lending',
      'system:risk/lending hasPart mlmodel:risk/scorer',
      'mlmodel:risk/scorer trainedOn dataset:risk/loans',
      'dataset:risk/loans trainingDataFor mlmodel:risk/scorer',
      'mlmodel:risk/scorer trainedOn dataset:shared/bureau',
      'dataset:shared/bureau trainingDataFor mlmodel:risk/scorer',
      'mlmodel:risk/scorer evaluatedOn dataset:default/holdout',
      'dataset:default/holdout evaluationDataFor mlmodel:risk/scorer',
      'mlmodel:risk/scorer derivedFrom mlmodel:risk/base-scorer',
      'mlmodel:risk/base-scorer hasDerivative mlmodel:risk/scorer',
    ]);
  });

  it('emits every Dataset relation both ways with default kinds for short refs', async () => {
    const dataset: Entity = {
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'Dataset',
      metadata: { name: 'loans' },
      spec: {
        owner: 'group:data-platform',
        lifecycle: 'production',
        system: 'system:default/lending',
        steward: 'samir',
        producedBy: 'loan-etl',
        derivedFrom: ['loans-raw'],
      },
    };
    expect(relationTriples(await postProcess(dataset))).toEqual([
      'dataset:default/loans ownedBy group:default/data-platform',
      'group:default/data-platform ownerOf dataset:default/loans',
      'dataset:default/loans partOf system:default/lending',
      'system:default/lending hasPart dataset:default/loans',
      'dataset:default/loans stewardedBy user:default/samir',
      'user:default/samir stewardOf dataset:default/loans',
      'dataset:default/loans producedBy component:default/loan-etl',
      'component:default/loan-etl produces dataset:default/loans',
      'dataset:default/loans derivedFrom dataset:default/loans-raw',
      'dataset:default/loans-raw hasDerivative dataset:default/loans',
    ]);
  });

  it('keeps a prefixed steward kind', async () => {
    const dataset: Entity = {
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'Dataset',
      metadata: { name: 'loans' },
      spec: {
        owner: 'data',
        lifecycle: 'production',
        steward: 'group:data-stewards',
      },
    };
    expect(relationTriples(await postProcess(dataset))).toContain(
      'dataset:default/loans stewardedBy group:default/data-stewards',
    );
  });

  it('sorts lineage lists so that reordering a file is not a change', async () => {
    const model: Entity = {
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: { name: 'scorer' },
      spec: {
        owner: 'risk-ml',
        lifecycle: 'production',
        trainedOn: ['b', 'a', 'c'],
      },
    };
    const out = await processor.preProcessEntity(model);
    expect(out.spec?.trainedOn).toEqual(['a', 'b', 'c']);
  });

  describe('model servers of Red Hat Developer Hub', () => {
    // As RHDH's catalog-model-ai-model-server package documents the kind.
    const aiModelServer = (extra: Record<string, unknown> = {}): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'AiModelServerAPI',
      metadata: {
        name: 'risk_credit-risk-scorer',
        namespace: 'default',
        annotations: {
          'modelops.dev/model': 'credit-risk-scorer, mlmodel:ml/fraud-detector',
        },
      },
      spec: {
        type: 'ai-model-server',
        lifecycle: 'production',
        owner: 'group:default/ml-platform',
        system: 'lending-platform',
        serverType: 'openai-v1',
        serverUrl: 'https://credit-risk-scorer-risk.apps.example.com/v1',
        models: {
          available: ['risk_credit-risk-scorer', 'mlmodel:default/churn'],
          default: 'risk_credit-risk-scorer',
        },
        ...extra,
      },
    });

    it('accepts an AiModelServerAPI and relates the models it serves, its owner and system', async () => {
      await expect(processor.validateEntityKind(aiModelServer())).resolves.toBe(
        true,
      );
      expect(relationTriples(await postProcess(aiModelServer()))).toEqual([
        'aimodelserverapi:default/risk_credit-risk-scorer serves mlmodel:default/credit-risk-scorer',
        'mlmodel:default/credit-risk-scorer servedBy aimodelserverapi:default/risk_credit-risk-scorer',
        'aimodelserverapi:default/risk_credit-risk-scorer serves mlmodel:ml/fraud-detector',
        'mlmodel:ml/fraud-detector servedBy aimodelserverapi:default/risk_credit-risk-scorer',
        // its own model identifiers are not entity refs; explicit ones are
        'aimodelserverapi:default/risk_credit-risk-scorer serves mlmodel:default/churn',
        'mlmodel:default/churn servedBy aimodelserverapi:default/risk_credit-risk-scorer',
        'aimodelserverapi:default/risk_credit-risk-scorer ownedBy group:default/ml-platform',
        'group:default/ml-platform ownerOf aimodelserverapi:default/risk_credit-risk-scorer',
        'aimodelserverapi:default/risk_credit-risk-scorer partOf system:default/lending-platform',
        'system:default/lending-platform hasPart aimodelserverapi:default/risk_credit-risk-scorer',
      ]);
    });

    it('refuses an AiModelServerAPI that breaks its schema, naming each field', async () => {
      const broken = aiModelServer({ serverUrl: '', type: 'openapi' });
      delete (broken.spec as any).serverType;
      await expect(processor.validateEntityKind(broken)).rejects.toThrow(
        'AiModelServerAPI risk_credit-risk-scorer does not match its schema:\n' +
          'spec.type: expected "ai-model-server"; got "openapi"\n' +
          'spec.serverType: required, expected a non-empty string; got nothing\n' +
          'spec.serverUrl: required, expected a non-empty string; got ""',
      );
    });

    it('relates an API of type ai-model-server by its annotation', async () => {
      const api: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: {
          name: 'granite',
          annotations: { 'modelops.dev/model': 'granite-8b' },
        },
        spec: { type: 'ai-model-server', lifecycle: 'production', owner: 'ai' },
      };
      await expect(processor.validateEntityKind(api)).resolves.toBe(false);
      expect(relationTriples(await postProcess(api))).toEqual([
        'api:default/granite serves mlmodel:default/granite-8b',
        'mlmodel:default/granite-8b servedBy api:default/granite',
      ]);
    });

    it('relates a model-server Component by the MLModels it depends on', async () => {
      const server: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'vllm-granite' },
        spec: {
          type: 'model-server',
          lifecycle: 'production',
          owner: 'ai',
          // RHDH's bridge lists its models as Resources; those stay theirs
          dependsOn: ['resource:granite-8b', 'mlmodel:default/granite-8b'],
        },
      };
      expect(relationTriples(await postProcess(server))).toEqual([
        'component:default/vllm-granite serves mlmodel:default/granite-8b',
        'mlmodel:default/granite-8b servedBy component:default/vllm-granite',
      ]);
      // A service Component with the same dependsOn is not a model server.
      expect(
        await postProcess({
          ...server,
          spec: { ...server.spec, type: 'service' },
        }),
      ).toEqual([]);
    });

    it('reports an annotation entry that names no MLModel', async () => {
      const results = await postProcess({
        ...aiModelServer(),
        metadata: {
          name: 'x',
          annotations: { 'modelops.dev/model': 'dataset:default/loans' },
        },
      });
      expect(results.filter(r => r.type === 'error')).toEqual([
        expect.objectContaining({
          error: expect.objectContaining({
            message:
              'metadata.annotations.modelops.dev/model: expected MLModel entity refs; got "dataset:default/loans"',
          }),
        }),
      ]);
    });

    it('relates an MLModel to the servers named in spec.deployment.servedBy', async () => {
      const model: Entity = {
        apiVersion: 'modelops.dev/v1alpha1',
        kind: 'MLModel',
        metadata: { name: 'scorer' },
        spec: {
          owner: 'risk-ml',
          lifecycle: 'production',
          deployment: {
            servedBy: ['scorer-svc', 'aimodelserverapi:default/risk_scorer'],
          },
        },
      };
      expect(validateModelOpsEntity(model)).toEqual([]);
      expect(
        relationTriples(await postProcess(model)).filter(t =>
          t.includes('serve'),
        ),
      ).toEqual([
        'mlmodel:default/scorer servedBy component:default/scorer-svc',
        'component:default/scorer-svc serves mlmodel:default/scorer',
        'mlmodel:default/scorer servedBy aimodelserverapi:default/risk_scorer',
        'aimodelserverapi:default/risk_scorer serves mlmodel:default/scorer',
      ]);
    });
  });
});
