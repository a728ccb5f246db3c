import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  EntityComplianceResponse,
  ObligationListResponse,
  PortfolioComplianceResponse,
} from '@modelops/plugin-modelops-common';
import request from 'supertest';
import { DatabaseChangeStore } from '../changes/DatabaseChangeStore';
import { DatabaseDeliveryStore } from '../delivery/DatabaseDeliveryStore';
import { DatabaseIncidentStore } from '../delivery/DatabaseIncidentStore';
import { DatabaseEvidenceStore } from '../evidence/DatabaseEvidenceStore';
import { DatabaseReviewStore } from '../reviews/DatabaseReviewStore';
import { DatabaseScorecardStore } from '../scorecards/DatabaseScorecardStore';
import { shippedChecks } from '../scorecards/packs/shippedChecks';
import {
  routerTestSetup,
  testModel,
  type TestRouter,
} from '../service/__testUtils__';
import { createComplianceRouter } from './createComplianceRouter';
import { pdfText, pdfTextLines } from './__testUtils__/pdfTextLines';

/** Text without any whitespace, to find a sentence however the PDF wrapped it. */
const compact = (text: string) => text.replace(/\s+/g, '');

jest.setTimeout(60_000);

const TODAY = new Date('2026-12-02T09:00:00Z');
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

const scorer = testModel(
  'credit-risk-scorer',
  {
    owner: 'group:default/credit-ml',
    version: '4.2.0',
    type: 'classification',
    trainedOn: ['dataset:default/loan-applications'],
    intendedUse: { primaryUses: ['Score consumer loan applications'] },
    metrics: [{ name: 'auc', threshold: 0.78 }],
    risk: { tier: 'high', annexIII: '5(b)', domain: 'credit-scoring' },
  },
  { title: 'Credit risk scorer' },
);
const assistant = testModel('support-assistant', {
  owner: 'group:default/support-ml',
  risk: {
    tier: 'limited',
    transparency: { interaction: { notice: 'Banner at chat start' } },
  },
});
const inspector = testModel('weld-inspector', {
  owner: 'group:default/plant-ml',
  risk: { tier: 'high', annexI: true },
});
const user = mockCredentials.user.header();

function byId(body: EntityComplianceResponse) {
  return new Map(body.obligations.map(o => [o.obligation.id, o]));
}

describe('createComplianceRouter', () => {
  let t: TestRouter;

  beforeEach(async () => {
    t = await startRouter({ entities: [scorer, assistant, inspector] });
  });

  it('refuses callers without credentials', async () => {
    for (const path of [
      '/compliance/obligations',
      '/compliance/entity?entityRef=mlmodel:default/support-assistant',
      '/compliance/portfolio',
      '/compliance/dossier?entityRef=mlmodel:default/credit-risk-scorer',
    ]) {
      const res = await request(t.app)
        .get(path)
        .set('Authorization', mockCredentials.none.header());
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
  });

  it('lists the obligations that apply from a date, with the checks citing them', async () => {
    const res = await request(t.app)
      .get('/compliance/obligations?appliesFrom=2027-12-02')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const body = res.body as ObligationListResponse;
    const ids = body.items.map(i => i.obligation.id);
    expect(ids).toContain('eu-ai-act.art-27-1');
    expect(ids).not.toContain('eu-ai-act.art-50-1');
    expect(
      body.items.find(i => i.obligation.id === 'eu-ai-act.art-27-1')!.checkIds,
    ).toEqual(['responsible-ai.fundamental-rights-impact-assessment']);
    expect(
      body.items.every(
        i =>
          i.obligation.appliesFrom === '2027-12-02' ||
          i.obligation.appliesFromAnnexI === '2027-12-02',
      ),
    ).toBe(true);
  });

  it('shows Art. 50(1) applying now to the support assistant', async () => {
    const res = await request(t.app)
      .get('/compliance/entity?entityRef=mlmodel:default/support-assistant')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const o = byId(res.body);
    expect(o.get('eu-ai-act.art-50-1')).toMatchObject({
      citation: 'EU AI Act Art. 50(1)',
      applicability: { state: 'applies', inForce: true, daysLeft: 0 },
      checkIds: ['responsible-ai.ai-interaction-disclosed'],
      // No scorecard run has stored a result yet.
      status: 'not-evidenced',
    });
    expect(o.get('eu-ai-act.art-9-8')).toMatchObject({
      status: 'not-applicable',
      applicability: { state: 'not-applicable' },
    });
  });

  it('shows Annex III obligations applying from 2 December 2027 and Annex I from 2 August 2028', async () => {
    const scorerRes = await request(t.app)
      .get('/compliance/entity?entityRef=mlmodel:default/credit-risk-scorer')
      .set('Authorization', user);
    const o = byId(scorerRes.body);
    expect(o.get('eu-ai-act.art-27-1')!.applicability).toMatchObject({
      state: 'applies',
      appliesFrom: '2027-12-02',
      inForce: false,
      daysLeft: 365,
    });
    expect(o.get('eu-ai-act.art-50-1')!.status).toBe('not-applicable');
    expect(o.get('eu-ai-act.art-5-1')!.status).toBe('not-applicable');

    const inspectorRes = await request(t.app)
      .get('/compliance/entity?entityRef=mlmodel:default/weld-inspector')
      .set('Authorization', user);
    const i = byId(inspectorRes.body);
    expect(i.get('eu-ai-act.art-11-1')!.applicability).toMatchObject({
      state: 'applies',
      appliesFrom: '2028-08-02',
      inForce: false,
    });
    // Art. 27(1) and 49(1) concern Annex III systems only.
    expect(i.get('eu-ai-act.art-27-1')!.status).toBe('not-applicable');
    expect(i.get('eu-ai-act.art-49-1')!.status).toBe('not-applicable');
  });

  it('counts every model once per obligation across the portfolio', async () => {
    const res = await request(t.app)
      .get('/compliance/portfolio?instrument=eu-ai-act')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const body = res.body as PortfolioComplianceResponse;
    expect(body.modelCount).toBe(3);
    for (const row of body.obligations) {
      const total = Object.values(row.models).reduce((a, b) => a + b, 0);
      expect({ id: row.obligation.id, total }).toEqual({
        id: row.obligation.id,
        total: 3,
      });
    }
    const art50 = body.obligations.find(
      r => r.obligation.id === 'eu-ai-act.art-50-1',
    )!;
    expect(art50.models['not-applicable']).toBe(2);
    expect(art50.daysLeft).toBe(0);
  });

  it('downloads the Annex IV dossier of the model version as Markdown, with gaps per section', async () => {
    const res = await request(t.app)
      .get('/compliance/dossier?entityRef=mlmodel:default/credit-risk-scorer')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    expect(res.headers['content-disposition']).toContain(
      'credit-risk-scorer-4.2.0-annex-iv.md',
    );
    const md = res.text;
    for (const heading of [
      '## 1. General description of the AI system',
      '## 2. Elements of the AI system and its development process',
      '## 3. Monitoring, functioning and control',
      '## 4. Appropriateness of the performance metrics',
      '## 5. Risk management system',
      '## 6. Changes through the lifecycle',
      '## 7. Harmonised standards applied',
      '## 8. EU declaration of conformity',
      '## 9. Post-market monitoring plan',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('version **4.2.0**');
    expect(md).toContain(
      '| Intended purpose | Score consumer loan applications |',
    );
    expect(md).toContain(
      'dataset:default/loan-applications is not in the catalog, or not visible to you',
    );
    expect(md).toContain('No evaluation report for version 4.2.0');
    expect(md).toContain('spec.risk.conformityAssessment.procedure is not set');
    expect(md).toContain('No monitoring snapshot for version 4.2.0');
  });

  it('downloads the same dossier as a PDF named after the model version', async () => {
    const res = await request(t.app)
      .get(
        '/compliance/dossier?entityRef=mlmodel:default/credit-risk-scorer&format=pdf',
      )
      .set('Authorization', user)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      'credit-risk-scorer-4.2.0-annex-iv.pdf',
    );
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = pdfTextLines(pdf);
    for (const title of [
      '1. General description of the AI system',
      '2. Elements of the AI system and its development process',
      '3. Monitoring, functioning and control',
      '4. Appropriateness of the performance metrics',
      '5. Risk management system',
      '6. Changes through the lifecycle',
      '7. Harmonised standards applied',
      '8. EU declaration of conformity',
      '9. Post-market monitoring plan',
    ]) {
      expect(lines).toContain(title);
    }
    const text = compact(pdfText(pdf));
    expect(text).toContain(
      compact(
        'spec.risk.conformityAssessment.procedure is not set (Annex IV 8).',
      ),
    );
    expect(text).toContain(compact('No monitoring snapshot for version 4.2.0'));
    expect(text).toContain(compact('Score consumer loan applications'));
    expect(lines.some(l => /page 1 of \d+/.test(l))).toBe(true);
  });

  it('lists waivers and ownership review decisions, naming a waiver awaiting its decision', async () => {
    const scorecards = DatabaseScorecardStore.create(t.options.database);
    await scorecards.createWaiver(
      {
        entityRef: 'mlmodel:default/credit-risk-scorer',
        checkId: 'responsible-ai.conformity-assessment',
        reason: 'The notified body audit is booked for January',
        requestedBy: 'user:default/tomas.novak',
        expiresAt: '2027-02-01T00:00:00.000Z',
      },
      '2026-11-30T10:00:00.000Z',
    );
    const reviews = DatabaseReviewStore.create({
      database: t.options.database,
    });
    const { cycle } = await reviews.openCycle(
      {
        cadence: 'MLModel:production',
        kind: 'MLModel',
        lifecycles: ['production'],
        period: {
          label: '2026-10-01',
          start: '2026-10-01T00:00:00.000Z',
          end: '2027-01-01T00:00:00.000Z',
          dueAt: '2026-12-15T00:00:00.000Z',
        },
      },
      [
        {
          entityRef: 'mlmodel:default/credit-risk-scorer',
          entityKind: 'MLModel',
          ownerRef: 'group:default/credit-ml',
        },
      ],
      TODAY,
    );
    const [item] = await reviews.listItems({ cycleIds: [cycle.id] }, TODAY);
    await reviews.recordDecisions(
      [
        {
          itemId: item.id,
          action: 'keep',
          actor: 'user:default/tomas.novak',
          authority: 'member',
          note: 'Still the champion scorer',
        },
      ],
      TODAY,
    );

    const md = (
      await request(t.app)
        .get('/compliance/dossier?entityRef=mlmodel:default/credit-risk-scorer')
        .set('Authorization', user)
    ).text;
    expect(md).toContain(
      '**Exceptions to checks (waivers) and their decisions**',
    );
    expect(md).toContain(
      '| responsible-ai.conformity-assessment | pending | The notified body audit is booked for January | user:default/tomas.novak (2026-11-30) |',
    );
    expect(md).toMatch(
      /- The waiver of responsible-ai\.conformity-assessment requested by user:default\/tomas\.novak on 2026-11-30 awaits a decision by someone other than the requester \(POST \/scorecards\/waivers\/[0-9a-f-]+\/approve or \/reject\)\./,
    );
    expect(md).toContain('**Ownership review decisions**');
    expect(md).toMatch(
      /\| 2026-12-02T09:00:00\.000Z \| keep \| user:default\/tomas\.novak \| owning group \| Still the champion scorer \|/,
    );
    expect(md).not.toContain('No ownership review decision is recorded');
  });

  it('escapes catalog text in the Markdown', async () => {
    t = await startRouter({
      entities: [
        testModel('odd', {
          version: '1',
          limitations: 'Fails on | pipes <script>alert(1)</script>\nand lines',
          risk: { tier: 'high', annexIII: '4(a)' },
        }),
      ],
    });
    const res = await request(t.app)
      .get('/compliance/dossier?entityRef=mlmodel:default/odd')
      .set('Authorization', user);
    expect(res.text).toContain(
      '| Limitations of performance | Fails on \\| pipes &lt;script&gt;alert(1)&lt;/script&gt; and lines |',
    );
    expect(res.text).not.toContain('<script>');
  });

  it('names the field and the rule of a bad query', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/compliance/entity', /entityRef/],
      ['/compliance/obligations?appliesFrom=soon', /appliesFrom/],
      ['/compliance/portfolio?instrument=iso-9001', /instrument/],
      [
        '/compliance/dossier?entityRef=mlmodel:default/credit-risk-scorer&format=docx',
        /format/,
      ],
      [
        '/compliance/entity?entityRef=mlmodel:default/unknown',
        /query\.entityRef: .*not a model/,
      ],
    ];
    for (const [path, message] of cases) {
      const res = await request(t.app).get(path).set('Authorization', user);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
  });
});
