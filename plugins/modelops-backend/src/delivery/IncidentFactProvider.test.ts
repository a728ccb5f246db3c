import { TestDatabases } from '@backstage/backend-test-utils';
import {
  checkApplies,
  deliveryEventInputSchema,
  incidentAssessmentInputSchema,
} from '@modelops/plugin-modelops-common';
import { seriousIncidentsReportedCheck } from '../scorecards/packs/responsibleAiPack';
import { initTestDatabase, testModel } from '../service/__testUtils__';
import { DatabaseDeliveryStore } from './DatabaseDeliveryStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { IncidentFactProvider } from './IncidentFactProvider';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const NOW = new Date('2026-12-02T09:00:00Z');

const scorer = testModel('Credit-Risk-Scorer', {
  risk: { tier: 'high', annexIII: '5(b)' },
});
const recommender = testModel('offers', { risk: { tier: 'minimal' } });

describe('serious-incident reporting on delivery incidents', () => {
  async function setup() {
    const knex = await initTestDatabase(databases, 'SQLITE_3');
    const events = DatabaseDeliveryStore.create({ knex });
    const incidents = DatabaseIncidentStore.create({ knex, now: () => NOW });
    const provider = IncidentFactProvider.create({ database: knex });
    const open = (incidentId: string, at: string) =>
      events.addEvent(
        deliveryEventInputSchema.parse({
          entityRef: 'mlmodel:default/credit-risk-scorer',
          type: 'incident-opened',
          incidentId,
          at,
        }),
      );
    const evaluate = async () => {
      const facts = await provider.getFacts([scorer, recommender], {
        now: new Date(),
      });
      return seriousIncidentsReportedCheck.evaluate({
        entity: scorer,
        facts: {
          entity: scorer,
          incidents: facts.get('mlmodel:default/credit-risk-scorer'),
        },
        now: NOW,
      });
    };
    return { incidents, provider, open, evaluate };
  }

  it('applies to high-risk models only', () => {
    expect(checkApplies(seriousIncidentsReportedCheck.appliesTo, scorer)).toBe(
      true,
    );
    expect(
      checkApplies(seriousIncidentsReportedCheck.appliesTo, recommender),
    ).toBe(false);
  });

  it('passes a high-risk model without incidents', async () => {
    const { evaluate, provider } = await setup();
    expect(await evaluate()).toEqual({ passed: true });
    expect(
      (await provider.getFacts([recommender], { now: new Date() })).get(
        'mlmodel:default/offers',
      ),
    ).toEqual({ recorded: 0, unassessed: [], seriousUnreported: [] });
  });

  it('fails while an incident has no assessment, naming it in words', async () => {
    const { evaluate, open } = await setup();
    await open('INC-7', '2026-11-02T08:00:00Z');
    expect(await evaluate()).toEqual({
      passed: false,
      message:
        'Incident INC-7 (opened 2026-11-02, 30 days ago) has no serious-incident assessment recorded',
    });
  });

  it('fails while a serious incident is not reported, and passes once it is', async () => {
    const { evaluate, open, incidents } = await setup();
    await open('INC-7', '2026-11-02T08:00:00Z');
    await open('INC-8', '2026-11-20T08:00:00Z');
    const assess = (incidentId: string, extra: object = {}) =>
      incidents.assess(
        incidentAssessmentInputSchema.parse({
          entityRef: 'mlmodel:default/credit-risk-scorer',
          incidentId,
          rationale: 'Declines were issued without the human review step',
          serious: true,
          ...extra,
        }),
        'user:default/priya.raman',
      );
    await assess('INC-7');
    expect(await evaluate()).toEqual({
      passed: false,
      message:
        'Incident INC-8 (opened 2026-11-20, 12 days ago) has no serious-incident assessment recorded; incident INC-7 (opened 2026-11-02, 30 days ago) was assessed serious and no report to the market surveillance authority is recorded (Art. 73(2) allows at most 15 days)',
    });
    await assess('INC-7', { reportedAt: '2026-11-10T09:00:00Z' });
    await assess('INC-8', {
      serious: false,
      rationale: 'A dashboard outage; no decision was affected',
    });
    expect(await evaluate()).toEqual({ passed: true });
  });

  it('fails when the incident records could not be read', () => {
    expect(
      seriousIncidentsReportedCheck.evaluate({
        entity: scorer,
        facts: { entity: scorer },
        now: NOW,
      }),
    ).toEqual({
      passed: false,
      message:
        'expected the incidents recorded by the delivery feature to be read; found nothing',
    });
  });
});
