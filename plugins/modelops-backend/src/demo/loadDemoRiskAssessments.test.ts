import type { Entity } from '@backstage/catalog-model';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  DatabaseRiskAssessmentStore,
  RiskAssessmentFactProvider,
} from '../risk';
import { riskAssessedCheck } from '../scorecards/packs/responsibleAiPack';
import { initTestDatabase } from '../service/__testUtils__';
import { loadDemoRiskAssessments } from './loadDemoRiskAssessments';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const EXAMPLES = resolve(__dirname, '../../../../examples');
const NOW = new Date('2026-12-02T09:00:00Z');

const models = parseAllDocuments(
  readFileSync(resolve(EXAMPLES, 'models.yaml'), 'utf8'),
)
  .map(doc => doc.toJS() as Entity)
  .filter(e => e?.kind === 'MLModel')
  .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));

describe('loadDemoRiskAssessments', () => {
  async function setup() {
    const knex = await initTestDatabase(databases, 'SQLITE_3');
    const store = DatabaseRiskAssessmentStore.create({ knex });
    const logger = mockServices.logger.mock();
    const config = mockServices.rootConfig({
      data: {
        modelops: {
          demoData: { evidenceDirectory: resolve(EXAMPLES, 'evidence') },
        },
      },
    });
    return { store, logger, config };
  }

  /** What the check says of each demo model, as the scorecards would run it. */
  async function outcomes(
    store: Awaited<ReturnType<typeof setup>>['store'],
    entities: Entity[],
  ) {
    const facts = await RiskAssessmentFactProvider.create({ store }).getFacts(
      entities,
      { now: new Date() },
    );
    return entities.map(entity => ({
      name: entity.metadata.name,
      ...riskAssessedCheck.evaluate({
        entity,
        facts: {
          entity,
          risk: facts.get(`mlmodel:default/${entity.metadata.name}`),
        },
        now: NOW,
      }),
    }));
  }

  it('records every shipped assessment once, classified here, and holds each demo tier to it', async () => {
    const { store, logger, config } = await setup();
    expect(await loadDemoRiskAssessments({ store, logger, config })).toEqual({
      created: models.length,
      unchanged: 0,
      rejected: 0,
    });
    expect(await loadDemoRiskAssessments({ store, logger, config })).toEqual({
      created: 0,
      unchanged: models.length,
      rejected: 0,
    });

    const results = await outcomes(store, models);
    // Every demo model's declared tier is the tier its answers classify to;
    // the affordability assessor's assessment is more than a year old.
    expect(results.filter(r => !r.passed)).toEqual([
      {
        name: 'affordability-assessor',
        passed: false,
        message: expect.stringMatching(
          /^the latest assessment, recorded on 2025-09-15, is \d+ days old; a high-risk model is reassessed at least every 365 days$/,
        ),
      },
    ]);
  });

  it('fails a demo model whose tier is edited to minimal, naming the assessment', async () => {
    const { store, logger, config } = await setup();
    await loadDemoRiskAssessments({ store, logger, config });
    const scorer = models.find(m => m.metadata.name === 'credit-risk-scorer')!;
    const edited = {
      ...scorer,
      spec: {
        ...scorer.spec,
        risk: { ...(scorer.spec!.risk as object), tier: 'minimal' },
      },
    };
    expect(await outcomes(store, [edited])).toEqual([
      {
        name: 'credit-risk-scorer',
        passed: false,
        message:
          'spec.risk.tier is minimal; the latest assessment, recorded on 2026-09-14, classified it high',
      },
    ]);
  });
});
