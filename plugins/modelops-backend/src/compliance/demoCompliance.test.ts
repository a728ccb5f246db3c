/*
 * The compliance routes on the demo portfolio of examples/: the credit risk
 * scorer's Annex IV dossier downloads as Markdown and as PDF with its gaps
 * named, the support assistant has Art. 50(1) in force, and the Annex III
 * obligations of the high-risk scorer apply from 2 December 2027. The
 * catalog holds the demo models and datasets as written in examples/, and
 * the stores the demo evidence and delivery history the demo backend loads.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { EntityComplianceResponse } from '@modelops/plugin-modelops-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { DatabaseChangeStore } from '../changes/DatabaseChangeStore';
import { DatabaseDeliveryStore } from '../delivery/DatabaseDeliveryStore';
import { DatabaseIncidentStore } from '../delivery/DatabaseIncidentStore';
import { loadDemoDelivery } from '../delivery/demo/loadDemoDelivery';
import { loadDemoEvidence } from '../demo/loadDemoEvidence';
import { DatabaseEvidenceStore } from '../evidence/DatabaseEvidenceStore';
import { DatabaseReviewStore } from '../reviews/DatabaseReviewStore';
import { DatabaseScorecardStore } from '../scorecards/DatabaseScorecardStore';
import { shippedChecks } from '../scorecards/packs/shippedChecks';
import { routerTestSetup, type TestRouter } from '../service/__testUtils__';
import { createComplianceRouter } from './createComplianceRouter';
import { pdfText, pdfTextLines } from './__testUtils__/pdfTextLines';

jest.setTimeout(90_000);

const EXAMPLES = resolve(__dirname, '../../../../examples');
const TODAY = new Date('2026-12-02T09:00:00Z');
const SCORER = 'mlmodel:default/credit-risk-scorer';
const ASSISTANT = 'mlmodel:default/support-assistant-llm';
const user = mockCredentials.user.header();

/** The MLModel and Dataset entities of a demo catalog file. */
function demoEntities(file: string): Entity[] {
  return parseAllDocuments(readFileSync(resolve(EXAMPLES, file), 'utf8'))
    .map(doc => doc.toJS() as Entity)
    .filter(e => e && (e.kind === 'MLModel' || e.kind === 'Dataset'))
    .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));
}

const SECTION_TITLES = [
  '1. General description of the AI system',
  '2. Elements of the AI system and its development process',
  '3. Monitoring, functioning and control',
  '4. Appropriateness of the performance metrics',
  '5. Risk management system',
  '6. Changes through the lifecycle',
  '7. Harmonised standards applied',
  '8. EU declaration of conformity',
  '9. Post-market monitoring plan',
];

/** Text without whitespace, to find a sentence however the PDF wrapped it. */
const compact = (text: string) => text.replace(/\s+/g, '');

const startRouter = routerTestSetup(options =>
  createComplianceRouter(options, {
    checks: () => shippedChecks(),
    scorecards: DatabaseScorecardStore.create(options.database),
    evidence: DatabaseEvidenceStore.create({ knex: options.database }),
    changes: DatabaseChangeStore.create({ knex: options.database }),
    delivery: DatabaseDeliveryStore.create({ knex: options.database }),
    incidents: DatabaseIncidentStore.create({ knex: options.database }),
    reviews: DatabaseReviewStore.create({ database: options.database }),
    now: () => TODAY,
  }),
);

describe('compliance on the demo portfolio', () => {
  let t: TestRouter;

  beforeAll(async () => {
    t = await startRouter({
      entities: [
        ...demoEntities('models.yaml'),
        ...demoEntities('datasets.yaml'),
      ],
    });
    const config = mockServices.rootConfig({
      data: {
        modelops: {
          demoData: {
            evidenceDirectory: resolve(EXAMPLES, 'evidence'),
            delivery: true,
          },
        },
      },
    });
    const logger = mockServices.logger.mock();
    const evidence = await loadDemoEvidence({
      config,
      logger,
      store: DatabaseEvidenceStore.create({ knex: t.options.database }),
    });
    const delivered = await loadDemoDelivery({
      config,
      logger,
      database: t.options.database,
      endDay: '2026-12-01',
    });
    // The demo data must load whole, or the cases below prove nothing.
    if (!evidence || evidence.evaluations.rejected > 0 || !delivered) {
      throw new Error(
        `Demo data did not load: ${JSON.stringify({ evidence, delivered })}`,
      );
    }
  });

  async function dossier(format?: 'pdf') {
    return request(t.app)
      .get('/compliance/dossier')
      .query(format ? { entityRef: SCORER, format } : { entityRef: SCORER })
      .set('Authorization', user)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
  }

  it("downloads the credit risk scorer's dossier as Markdown with its gaps named", async () => {
    const res = await dossier();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="credit-risk-scorer-4.2.0-annex-iv.md"',
    );
    const md = (res.body as Buffer).toString('utf8');
    for (const title of SECTION_TITLES) expect(md).toContain(`## ${title}`);
    // What the suite holds: the entity, its datasets, evaluations of 4.2.0
    // with slices, monitoring snapshots, delivery history, risk records.
    expect(md).toContain(
      '| Intended purpose | Estimate default risk of consumer credit applications at the point of application |',
    );
    expect(md).toContain('**Data (2(d))**');
    expect(md).toContain('dataset:default/credit-features');
    expect(md).toContain('**Validation and testing of version 4.2.0 (2(g))**');
    expect(md).toMatch(/\| overall \| /);
    expect(md).toContain('**Monitoring of version 4.2.0 in production**');
    expect(md).toContain(
      '| Risk management file (Art. 9) | https://grc.tidewell.example/rmf/credit-risk-scorer |',
    );
    expect(md).toContain('**Deployments in the last 12 months**');
    expect(md).toContain(
      '**Incidents and their serious-incident assessments (Art. 73)**',
    );
    // Gaps, each naming the field or evidence that would fill it.
    expect(md).toContain(
      '- spec.risk.conformityAssessment.procedure is not set (Annex IV 8).',
    );
    expect(md).toContain(
      '- No ownership review decision is recorded for this model',
    );
    // The demo's first incident was serious and reported, later ones were
    // not serious, and the latest awaits its assessment.
    expect(md).toMatch(
      /\| INC-credit-risk-scorer-1[^|]*\| [^|]+\| [^|]+\| yes: Applications were declined [^|]+\| \d{4}-\d{2}-\d{2}, National market surveillance authority, MSA-INC-credit-risk-scorer-1 \| 9 \|/,
    );
    expect(md).toContain('| no: Served by the fallback scorecard');
    const unassessed = md.match(
      /- Incident INC-credit-risk-scorer-\d+ \(opened \d{4}-\d{2}-\d{2}\) has no serious-incident assessment \(POST \/delivery\/incident-assessments; Art\. 73\)\./g,
    );
    expect(unassessed).toHaveLength(1);
    expect(md).toContain(
      'No exception (waiver) to a check has been requested for this model.',
    );
  });

  it('downloads the same dossier as a PDF whose text holds the section titles and the gaps', async () => {
    const [markdown, res] = [await dossier(), await dossier('pdf')];
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="credit-risk-scorer-4.2.0-annex-iv.pdf"',
    );
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = pdfTextLines(pdf);
    for (const title of SECTION_TITLES) expect(lines).toContain(title);
    const text = compact(pdfText(pdf));
    expect(text).toContain(
      compact(
        'spec.risk.conformityAssessment.procedure is not set (Annex IV 8).',
      ),
    );
    // Every gap of the Markdown is in the PDF too.
    const gaps = (markdown.body as Buffer)
      .toString('utf8')
      .split('\n')
      .filter(line => line.startsWith('- '))
      .map(line => line.slice(2));
    expect(gaps.length).toBeGreaterThan(5);
    for (const gap of gaps) expect(text).toContain(compact(gap));
  });

  it('shows Art. 50(1) applying now to the support assistant', async () => {
    const res = await request(t.app)
      .get('/compliance/entity')
      .query({ entityRef: ASSISTANT })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const body = res.body as EntityComplianceResponse;
    const art50 = body.obligations.find(
      o => o.obligation.id === 'eu-ai-act.art-50-1',
    )!;
    expect(art50).toMatchObject({
      citation: 'EU AI Act Art. 50(1)',
      applicability: {
        state: 'applies',
        appliesFrom: '2026-08-02',
        inForce: true,
        daysLeft: 0,
      },
      checkIds: ['responsible-ai.ai-interaction-disclosed'],
    });
    // Limited risk: no high-risk obligation binds it.
    expect(
      body.obligations.find(o => o.obligation.id === 'eu-ai-act.art-9-1-2')!
        .status,
    ).toBe('not-applicable');
  });

  it('shows the Annex III obligations of the credit risk scorer applying from 2 December 2027', async () => {
    const res = await request(t.app)
      .get('/compliance/entity')
      .query({ entityRef: SCORER })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const body = res.body as EntityComplianceResponse;
    const highRisk = body.obligations.filter(
      o =>
        o.obligation.riskTiers?.includes('high') &&
        !o.obligation.riskTiers.includes('limited') &&
        o.applicability.state === 'applies',
    );
    expect(highRisk.map(o => o.obligation.id)).toEqual(
      expect.arrayContaining([
        'eu-ai-act.art-9-1-2',
        'eu-ai-act.art-11-1',
        'eu-ai-act.art-27-1',
        'eu-ai-act.art-49-1',
        'eu-ai-act.art-73-1',
      ]),
    );
    for (const o of highRisk) {
      expect({ id: o.obligation.id, ...o.applicability }).toMatchObject({
        id: o.obligation.id,
        appliesFrom: '2027-12-02',
        inForce: false,
        daysLeft: 365,
      });
    }
    expect(
      body.obligations.find(o => o.obligation.id === 'eu-ai-act.art-27-1')!
        .applicability.reason,
    ).toBe(
      'spec.risk.annexIII is 5(b) (credit scoring or life and health insurance pricing).',
    );
  });
});
