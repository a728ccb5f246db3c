import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  checkApplies,
  validateModelOpsEntity,
} from '@modelops/plugin-modelops-common';
import { shippedChecks } from '@modelops/plugin-modelops-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { scaffolderModuleModelops } from './module';

// Every template under templates/ runs through the scaffolder's own dry-run
// endpoint, with this module's actions, so fetch:template renders the real
// skeleton and modelops:catalog:validate checks what it produced.
const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');

const DATASETS = ['loan-applications-2024', 'loan-applications-holdout'].map(
  name => ({
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'Dataset',
    metadata: { name, namespace: 'default' },
    spec: { owner: 'group:default/data-platform', lifecycle: 'production' },
  }),
);
const EXISTING_MODEL = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name: 'credit-risk-scorer',
    namespace: 'default',
    title: 'Credit risk scorer',
    uid: '2d4c1f9e',
    etag: 'e1',
  },
  spec: {
    owner: 'group:default/risk-ml',
    lifecycle: 'production',
    type: 'classification',
    trainedOn: ['dataset:default/loan-applications-2024'],
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/risk-ml' }],
};

function readTemplateFolder(folder: string) {
  const root = path.join(TEMPLATES_DIR, folder);
  const files: { path: string; base64Content: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        files.push({
          path: path.relative(root, full).split(path.sep).join('/'),
          base64Content: fs.readFileSync(full).toString('base64'),
        });
      }
    }
  };
  walk(root);
  const template = parse(
    fs.readFileSync(path.join(root, 'template.yaml'), 'utf8'),
  );
  return { template, directoryContents: files };
}

/**
 * The shipped checks of `packs` that pass on a freshly generated entity, as
 * the portal would judge it: its own fields and links, and none of the
 * evidence (evaluations, snapshots, observed serving) a new project lacks.
 * Judged as generated and again as if promoted to production unchanged, so
 * that checks scoped to production models are judged too.
 */
function passingOnFreshOutput(entity: any, packs: string[]) {
  const links = Object.fromEntries(
    (entity.metadata.links ?? []).map((l: any) => [l.type, l.url]),
  );
  const promoted = {
    ...entity,
    spec: { ...entity.spec, lifecycle: 'production' },
  };
  const passing = new Set<string>();
  let judged = 0;
  for (const candidate of [entity, promoted]) {
    for (const check of shippedChecks()) {
      if (!packs.includes(check.pack)) continue;
      if (!checkApplies(check.appliesTo, candidate)) continue;
      judged++;
      const outcome = check.evaluate({
        entity: candidate,
        facts: { entity: candidate, links },
        now: new Date(),
      });
      if (outcome.passed) passing.add(check.id);
    }
  }
  return { judged, passing: [...passing].sort() };
}

type DryRunResult = {
  status: number;
  body: any;
  files: Record<string, string>;
};

describe('templates dry run', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleModelops,
        catalogServiceMock.factory({
          entities: [...DATASETS, EXISTING_MODEL],
        }),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost' } },
        }),
      ],
    }));
  });

  async function dryRun(
    folder: string,
    values: Record<string, unknown>,
  ): Promise<DryRunResult> {
    const { template, directoryContents } = readTemplateFolder(folder);
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .send({ template, values, directoryContents });
    const files: Record<string, string> = {};
    for (const file of response.body.directoryContents ?? []) {
      files[file.path] = Buffer.from(file.base64Content, 'base64').toString(
        'utf8',
      );
    }
    return { status: response.status, body: response.body, files };
  }

  /** Log lines of failed steps, so a failing run shows why. */
  function failedSteps(result: DryRunResult) {
    if (!result.body.log) {
      return [JSON.stringify(result.body)];
    }
    return result.body.log
      .map((l: any) => l.body)
      .filter(
        (b: any) => b.status === 'failed' || /error/i.test(b.message ?? ''),
      );
  }

  function entitiesIn(text: string) {
    return parseAllDocuments(text).map(d => d.toJS());
  }

  it('lists every template folder in templates/all.yaml', () => {
    const location = parse(
      fs.readFileSync(path.join(TEMPLATES_DIR, 'all.yaml'), 'utf8'),
    );
    const folders = fs
      .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
      .filter(e => e.isDirectory())
      .map(e => `./${e.name}/template.yaml`);
    expect([...location.spec.targets].sort()).toEqual(folders.sort());
  });

  it('new model project: generates a valid, governed repository', async () => {
    const result = await dryRun('model-project', {
      name: 'cv-screener',
      title: 'CV screener',
      description: 'Ranks applications for recruiter review.',
      owner: 'group:default/talent-ml',
      system: 'system:default/talent-acquisition',
      type: 'ranking',
      framework: 'lightgbm',
      trainedOn: ['dataset:default/loan-applications-2024'],
      evaluatedOn: ['dataset:default/loan-applications-holdout'],
      primaryUse: 'Order applications for recruiter review',
      outOfScope: 'Automatic rejection of applicants',
      limitations: 'Career gaps are under-represented in the training data.',
      primaryMetric: 'ndcg',
      metricThreshold: 0.7,
      metricDirection: 'higher-is-better',
      riskAnswers: {
        annexIIIAreas: ['employment'],
        profilesNaturalPersons: true,
      },
      humanOversight: 'human-in-the-loop',
      costCenter: 'CC-2210',
      publishTarget: 'local',
    });
    expect(failedSteps(result)).toEqual([]);
    expect(result.status).toBe(200);
    expect(Object.keys(result.files).sort()).toEqual([
      '.github/workflows/ci.yaml',
      'MODEL_CARD.md',
      'README.md',
      'RISK_ASSESSMENT.md',
      'RUNBOOK.md',
      'catalog-info.yaml',
      'monitoring.yaml',
    ]);

    const [model, component] = entitiesIn(result.files['catalog-info.yaml']);
    expect(validateModelOpsEntity(model)).toEqual([]);
    expect(model.spec).toMatchObject({
      owner: 'group:default/talent-ml',
      system: 'system:default/talent-acquisition',
      trainedOn: ['dataset:default/loan-applications-2024'],
      risk: {
        tier: 'high',
        domain: 'employment',
        humanOversight: { mode: 'human-in-the-loop' },
      },
    });
    expect(component.spec.dependsOn).toEqual(['mlmodel:default/cv-screener']);

    expect(result.files['MODEL_CARD.md']).toContain(
      '| Risk tier (EU AI Act) | high |',
    );
    expect(result.files['RISK_ASSESSMENT.md']).toContain(
      '**Conformity assessment and CE marking** (Art. 43, 47, 48)',
    );
    expect(result.files['RUNBOOK.md']).toMatch(
      /## Data incidents[\s\S]*## Model incidents[\s\S]*## Infrastructure incidents/,
    );
    const ci = result.files['.github/workflows/ci.yaml'];
    expect(ci).toContain('${{ secrets.MODELOPS_TOKEN }}');
    expect(ci).toContain(
      'value = next(m["value"] for m in report["metrics"] if m["name"] == "ndcg")',
    );
    expect(parse(result.files['monitoring.yaml']).metrics[0]).toMatchObject({
      name: 'ndcg',
      threshold: 0.7,
    });
    expect(result.body.output.text[0].content).toContain('**high**');
  });

  // The form fills every parameter default before it calls the backend; the dry-run endpoint does not.
  const MODEL_FORM_DEFAULTS = {
    type: 'classification',
    framework: 'scikit-learn',
    primaryMetric: 'auc',
    metricThreshold: 0.75,
    metricDirection: 'higher-is-better',
    publishTarget: 'local',
  };

  it('new model project: required answers plus form defaults produce a valid entity', async () => {
    const result = await dryRun('model-project', {
      ...MODEL_FORM_DEFAULTS,
      name: 'demand-forecast',
      owner: 'group:default/supply-chain-ml',
      type: 'forecasting',
      trainedOn: ['dataset:default/loan-applications-2024'],
      primaryUse: 'Weekly demand planning',
      riskAnswers: {},
      humanOversight: 'human-on-the-loop',
    });
    expect(failedSteps(result)).toEqual([]);
    expect(result.status).toBe(200);
    const [model] = entitiesIn(result.files['catalog-info.yaml']);
    expect(validateModelOpsEntity(model)).toEqual([]);
    expect(model.spec.risk).toEqual({
      tier: 'minimal',
      humanOversight: { mode: 'human-on-the-loop' },
    });
    expect(model.spec.cost).toBeUndefined();
  });

  it('new model project: declares nothing operational, so no production-readiness check passes on the fresh output', async () => {
    const result = await dryRun('model-project', {
      ...MODEL_FORM_DEFAULTS,
      name: 'fresh-scorer',
      owner: 'group:default/risk-ml',
      trainedOn: ['dataset:default/loan-applications-2024'],
      evaluatedOn: ['dataset:default/loan-applications-holdout'],
      primaryUse: 'Score loan applications',
      riskAnswers: { annexIIIPoints: ['5(b)'], profilesNaturalPersons: true },
      humanOversight: 'human-in-the-loop',
    });
    expect(failedSteps(result)).toEqual([]);
    const [model] = entitiesIn(result.files['catalog-info.yaml']);
    expect(validateModelOpsEntity(model)).toEqual([]);
    const { judged, passing } = passingOnFreshOutput(model, [
      'production-readiness',
    ]);
    // Every production-readiness check applies once the model is promoted.
    expect(judged).toBeGreaterThanOrEqual(10);
    expect(passing).toEqual([]);
    // The fields are offered, commented out, with the check each satisfies.
    const text = result.files['catalog-info.yaml'];
    for (const id of [
      'production-readiness.fallback',
      'production-readiness.serving',
      'production-readiness.latency-slo',
      'production-readiness.drift-monitoring',
      'production-readiness.retraining-triggers',
    ]) {
      expect(text).toContain(`-> ${id}`);
    }
    expect(result.files['RUNBOOK.md']).toContain('not decided yet');
  });

  it('new dataset: declares no quality checks that do not run yet', async () => {
    const result = await dryRun('dataset', {
      name: 'fresh-table',
      owner: 'group:default/data-platform',
      steward: 'user:default/priya.raman',
      type: 'tabular',
      source: 'warehouse.raw.fresh_table',
      classification: 'internal',
      containsPII: false,
      retentionPeriod: 'P1Y',
      columns: [{ name: 'id', type: 'string' }],
      publishTarget: 'local',
    });
    expect(failedSteps(result)).toEqual([]);
    const [dataset] = entitiesIn(result.files['catalog-info.yaml']);
    expect(dataset.spec.quality).toBeUndefined();
    const { passing } = passingOnFreshOutput(dataset, ['data-governance']);
    expect(passing).not.toContain('data-governance.quality-checks');
    expect(passing).not.toContain('data-governance.freshness-slo');
  });

  it('new model project: the validation step names every field a bad run leaves empty', async () => {
    const result = await dryRun('model-project', {
      name: 'demand-forecast',
      owner: 'group:default/supply-chain-ml',
      type: 'forecasting',
      trainedOn: [],
      primaryUse: 'Weekly demand planning',
      riskAnswers: {},
      humanOversight: 'none',
      publishTarget: 'local',
    });
    expect(result.status).toBe(400);
    expect(result.body.error.message).toContain(
      'catalog-info.yaml (document 1, MLModel:demand-forecast): spec.framework: expected a string; got null',
    );
    expect(result.body.error.message).toContain(
      'catalog-info.yaml (document 1, MLModel:demand-forecast): spec.metrics[0].threshold: expected a number; got null',
    );
  });

  it('new model project: refuses values that break the parameter schema', async () => {
    const result = await dryRun('model-project', {
      name: 'Not A Valid Name',
      owner: 'group:default/talent-ml',
      type: 'ranking',
      trainedOn: [],
      primaryUse: 'x',
      riskAnswers: {},
      publishTarget: 'local',
    });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body.errors)).toContain('name');
  });

  it('new dataset: generates the entity, a JSON Schema and the datasheet', async () => {
    const result = await dryRun('dataset', {
      name: 'support-tickets',
      title: 'Support tickets',
      description: 'Customer support tickets with resolution codes.',
      owner: 'group:default/data-platform',
      steward: 'user:default/priya.raman',
      system: 'system:default/customer-support',
      type: 'text',
      source: 'warehouse.support.tickets',
      classification: 'confidential',
      containsPII: true,
      piiCategories: ['name', 'email'],
      lawfulBasis: 'contract',
      regulations: ['gdpr'],
      retentionPeriod: 'P3Y',
      retentionPolicyUrl: 'https://grc.example.com/policies/support',
      columns: [
        {
          name: 'ticket_id',
          type: 'string',
          description: 'Ticket id',
          pii: false,
        },
        { name: 'customer_email', type: 'string', pii: true },
        { name: 'opened_at', type: 'timestamp', pii: false },
        { name: 'priority', type: 'integer' },
      ],
      publishTarget: 'local',
    });
    expect(failedSteps(result)).toEqual([]);
    expect(result.status).toBe(200);
    expect(Object.keys(result.files).sort()).toEqual([
      'DATASHEET.md',
      'README.md',
      'catalog-info.yaml',
      'schema/schema.json',
    ]);
    const [dataset] = entitiesIn(result.files['catalog-info.yaml']);
    expect(validateModelOpsEntity(dataset)).toEqual([]);
    expect(dataset.spec).toMatchObject({
      steward: 'user:default/priya.raman',
      classification: 'confidential',
      containsPII: true,
      piiCategories: ['name', 'email'],
      lawfulBasis: 'contract',
      regulations: ['gdpr'],
      retention: {
        period: 'P3Y',
        policyUrl: 'https://grc.example.com/policies/support',
      },
    });
    const schema = JSON.parse(result.files['schema/schema.json']);
    expect(schema.required).toEqual([
      'ticket_id',
      'customer_email',
      'opened_at',
      'priority',
    ]);
    expect(schema.properties.opened_at).toEqual({
      type: 'string',
      format: 'date-time',
      description: '',
      'x-pii': false,
    });
    expect(schema.properties.customer_email['x-pii']).toBe(true);
    expect(result.files['DATASHEET.md']).toContain(
      '| `customer_email` | string | yes |',
    );
    expect(result.files['DATASHEET.md']).toContain(
      '| Lawful basis | contract |',
    );
  });

  it('new dataset: without personal data, no PII fields are written', async () => {
    const result = await dryRun('dataset', {
      name: 'weather-daily',
      owner: 'group:default/data-platform',
      steward: 'user:default/priya.raman',
      type: 'time-series',
      source: 's3://open-data/weather/daily',
      classification: 'public',
      containsPII: false,
      retentionPeriod: 'P1Y',
      columns: [{ name: 'day', type: 'date' }],
      publishTarget: 'local',
    });
    expect(failedSteps(result)).toEqual([]);
    const [dataset] = entitiesIn(result.files['catalog-info.yaml']);
    expect(validateModelOpsEntity(dataset)).toEqual([]);
    expect(dataset.spec.containsPII).toBe(false);
    expect(dataset.spec.piiCategories).toBeUndefined();
    expect(dataset.spec.regulations).toBeUndefined();
    expect(
      JSON.parse(result.files['schema/schema.json']).properties.day.format,
    ).toBe('date');
  });

  it('AI risk assessment: patches spec.risk of a catalog model and writes the documents', async () => {
    const result = await dryRun('risk-assessment', {
      model: 'mlmodel:default/credit-risk-scorer',
      riskAnswers: {
        annexIIIPoints: ['5(b)'],
        profilesNaturalPersons: true,
        transparencyDuties: ['interacts-with-people'],
      },
      humanOversight: 'human-in-the-loop',
      publishTarget: 'local',
    });
    expect(failedSteps(result)).toEqual([]);
    expect(result.status).toBe(200);
    expect(Object.keys(result.files).sort()).toEqual([
      'RISK_ASSESSMENT.md',
      'RISK_REVIEW.md',
      'catalog-info.yaml',
    ]);
    const [model] = entitiesIn(result.files['catalog-info.yaml']);
    expect(validateModelOpsEntity(model)).toEqual([]);
    expect(model.metadata).toEqual({
      name: 'credit-risk-scorer',
      title: 'Credit risk scorer',
    });
    expect(model.relations).toBeUndefined();
    expect(model.spec.risk).toEqual({
      tier: 'high',
      domain: 'essential-services',
      annexIII: '5(b)',
      humanOversight: { mode: 'human-in-the-loop' },
    });
    const assessment = result.files['RISK_ASSESSMENT.md'];
    expect(assessment).toContain('# AI risk assessment: Credit risk scorer');
    expect(assessment).toContain(
      '**Fundamental rights impact assessment** (Art. 27)',
    );
    expect(assessment).toContain('**Disclose AI interaction** (Art. 50(1))');
    expect(result.files['RISK_REVIEW.md']).toContain(
      '`mlmodel:default/credit-risk-scorer`',
    );
    expect(result.body.output.text[0].content).toContain(
      '**high** for `mlmodel:default/credit-risk-scorer`',
    );
  });

  it('AI risk assessment: a prohibited practice makes the model unacceptable', async () => {
    const result = await dryRun('risk-assessment', {
      model: 'mlmodel:default/credit-risk-scorer',
      riskAnswers: { prohibitedPractices: ['social-scoring'] },
      publishTarget: 'local',
    });
    expect(failedSteps(result)).toEqual([]);
    const [model] = entitiesIn(result.files['catalog-info.yaml']);
    expect(model.spec.risk).toEqual({ tier: 'unacceptable' });
    expect(result.files['RISK_ASSESSMENT.md']).toContain(
      '**Do not place on the market or use** (Art. 5)',
    );
  });

  it('AI risk assessment: an unknown answer is refused naming the field', async () => {
    const result = await dryRun('risk-assessment', {
      model: 'mlmodel:default/credit-risk-scorer',
      riskAnswers: { annexIIIAreas: ['credit'] },
      publishTarget: 'local',
    });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain('annexIIIAreas');
  });

  it('register an MLflow model: registry block, and fields imported from a Hugging Face README', async () => {
    const result = await dryRun('mlflow-model', {
      registryName: 'Sentiment DistilBERT',
      alias: 'champion',
      version: '7',
      name: 'sentiment-distilbert',
      owner: 'group:default/customer-experience',
      lifecycle: 'production',
      trainedOn: ['dataset:default/loan-applications-2024'],
      huggingFaceReadme: [
        '---',
        'license: apache-2.0',
        'datasets: [sst2]',
        'base_model: distilbert/distilbert-base-uncased',
        'pipeline_tag: text-classification',
        '---',
        '',
        '# DistilBERT SST-2',
        '',
        '## Limitations',
        '',
        'English only.',
      ].join('\n'),
      publishTarget: 'local',
    });
    expect(failedSteps(result)).toEqual([]);
    expect(result.status).toBe(200);
    expect(Object.keys(result.files).sort()).toEqual([
      'MODEL_CARD.md',
      'catalog-info.yaml',
    ]);
    const [model] = entitiesIn(result.files['catalog-info.yaml']);
    expect(validateModelOpsEntity(model)).toEqual([]);
    expect(model.metadata.annotations).toEqual({
      'modelops.dev/mlflow-model': 'Sentiment DistilBERT',
    });
    expect(model.spec).toMatchObject({
      lifecycle: 'production',
      version: '7',
      registry: {
        type: 'mlflow',
        name: 'Sentiment DistilBERT',
        alias: 'champion',
      },
      // The form's datasets win over the README's.
      trainedOn: ['dataset:default/loan-applications-2024'],
      license: 'apache-2.0',
      limitations: 'English only.',
    });
    expect(result.files['MODEL_CARD.md']).toContain(
      '## Imported details\n\n# DistilBERT SST-2',
    );
  });

  it('register an MLflow model: works without a README', async () => {
    const result = await dryRun('mlflow-model', {
      registryName: 'fraud-gbm',
      alias: 'champion',
      name: 'fraud-gbm',
      owner: 'group:default/fraud-ml',
      lifecycle: 'staging',
      publishTarget: 'local',
    });
    expect(failedSteps(result)).toEqual([]);
    const [model] = entitiesIn(result.files['catalog-info.yaml']);
    expect(validateModelOpsEntity(model)).toEqual([]);
    expect(model.spec.trainedOn).toBeUndefined();
    expect(result.body.output.text[0].content.trim()).toBe('Nothing imported.');
  });
});
