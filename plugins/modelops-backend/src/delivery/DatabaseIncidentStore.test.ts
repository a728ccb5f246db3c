import { TestDatabases } from '@backstage/backend-test-utils';
import {
  deliveryEventInputSchema,
  incidentAssessmentInputSchema,
  type DeliveryEventInput,
  type IncidentAssessmentInput,
} from '@modelops/plugin-modelops-common';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseDeliveryStore } from './DatabaseDeliveryStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const scorer = 'mlmodel:default/credit-risk-scorer';
const churn = 'mlmodel:default/churn';

function assessment(
  input: Partial<IncidentAssessmentInput> & { incidentId: string },
) {
  return incidentAssessmentInputSchema.parse({
    entityRef: scorer,
    serious: false,
    rationale: 'A latency spike; no decision was affected',
    ...input,
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseIncidentStore on %p',
  id => {
    async function setup() {
      const knex = await initTestDatabase(databases, id);
      let clock = new Date('2026-11-27T00:00:00.000Z');
      const events = DatabaseDeliveryStore.create({ knex, now: () => clock });
      const store = DatabaseIncidentStore.create({ knex, now: () => clock });
      const record = (
        input: Omit<DeliveryEventInput, 'entityRef'>,
        ref = scorer,
      ) =>
        events.addEvent(
          deliveryEventInputSchema.parse({ entityRef: ref, ...input }),
        );
      const setClock = (iso: string) => {
        clock = new Date(iso);
      };
      return { store, record, setClock };
    }

    it('lists each incident once, with its first opening, last resolution and assessment', async () => {
      const { store, record } = await setup();
      await record({
        type: 'incident-opened',
        incidentId: 'INC-1',
        at: '2026-10-03T08:00:00Z',
        modelVersion: '4.2.0',
      });
      // A second opening (a re-opened incident) keeps the first time.
      await record({
        type: 'incident-opened',
        incidentId: 'INC-1',
        at: '2026-10-04T08:00:00Z',
      });
      await record({
        type: 'incident-resolved',
        incidentId: 'INC-1',
        at: '2026-10-04T12:00:00Z',
      });
      await record({
        type: 'incident-opened',
        incidentId: 'INC-2',
        at: '2026-11-20T08:00:00Z',
      });
      await record({ type: 'deployment', at: '2026-11-21T08:00:00Z' });
      await record(
        {
          type: 'incident-opened',
          incidentId: 'INC-9',
          at: '2026-11-01T08:00:00Z',
        },
        churn,
      );
      await store.assess(
        assessment({
          incidentId: 'INC-2',
          serious: true,
          rationale: 'Applicants were declined without the human review step',
        }),
        'user:default/priya.raman',
      );

      const incidents = await store.listIncidents([scorer, churn]);
      expect(incidents.get(scorer)).toEqual([
        {
          incidentId: 'INC-1',
          openedAt: '2026-10-03T08:00:00.000Z',
          resolvedAt: '2026-10-04T12:00:00.000Z',
          modelVersion: '4.2.0',
        },
        {
          incidentId: 'INC-2',
          openedAt: '2026-11-20T08:00:00.000Z',
          assessment: {
            entityRef: scorer,
            incidentId: 'INC-2',
            openedAt: '2026-11-20T08:00:00.000Z',
            serious: true,
            rationale: 'Applicants were declined without the human review step',
            assessedBy: 'user:default/priya.raman',
            assessedAt: '2026-11-27T00:00:00.000Z',
          },
        },
      ]);
      expect(incidents.get(churn)?.map(i => i.incidentId)).toEqual(['INC-9']);
      expect((await store.listIncidents(['mlmodel:default/none'])).size).toBe(
        0,
      );
    });

    it('replaces an assessment, for example once the report is made', async () => {
      const { store, record, setClock } = await setup();
      await record({
        type: 'incident-opened',
        incidentId: 'INC-1',
        at: '2026-11-20T08:00:00Z',
      });
      const first = await store.assess(
        assessment({ incidentId: 'INC-1', serious: true }),
        'user:default/tomas.novak',
      );
      expect(first.created).toBe(true);
      expect(first.assessment.serious).toBe(true);
      setClock('2026-11-28T09:00:00.000Z');
      const second = await store.assess(
        assessment({
          incidentId: 'INC-1',
          serious: true,
          reportedAt: '2026-11-28T08:30:00+00:00',
          authority: 'Banca d’Italia',
          reportReference: 'SI-2026-0042',
        }),
        'user:default/priya.raman',
      );
      expect(second).toEqual({
        created: false,
        assessment: expect.objectContaining({
          reportedAt: '2026-11-28T08:30:00.000Z',
          authority: 'Banca d’Italia',
          reportReference: 'SI-2026-0042',
          assessedBy: 'user:default/priya.raman',
          assessedAt: '2026-11-28T09:00:00.000Z',
        }),
      });
      const [incident] = (await store.listIncidents([scorer])).get(scorer)!;
      expect(incident.assessment).toEqual(second.assessment);
    });

    it('refuses to assess an incident the model has no opening of', async () => {
      const { store, record } = await setup();
      await record(
        {
          type: 'incident-opened',
          incidentId: 'INC-1',
          at: '2026-11-20T08:00:00Z',
        },
        churn,
      );
      await expect(
        store.assess(assessment({ incidentId: 'INC-1' }), 'user:default/a'),
      ).rejects.toThrow(
        'incidentId: no incident INC-1 is recorded as opened on mlmodel:default/credit-risk-scorer',
      );
    });

    it('names the models whose incidents or assessments changed', async () => {
      const { store, record, setClock } = await setup();
      await record({
        type: 'incident-opened',
        incidentId: 'INC-1',
        at: '2026-11-20T08:00:00Z',
      });
      setClock('2026-11-29T00:00:00.000Z');
      await record(
        {
          type: 'incident-opened',
          incidentId: 'INC-7',
          at: '2026-11-28T08:00:00Z',
        },
        churn,
      );
      await record(
        { type: 'deployment', at: '2026-11-28T09:00:00Z' },
        'mlmodel:default/other',
      );
      expect(
        (await store.entityRefsChangedSince('2026-11-28T00:00:00.000Z')).sort(),
      ).toEqual([churn]);
      setClock('2026-11-30T00:00:00.000Z');
      await store.assess(assessment({ incidentId: 'INC-1' }), 'user:default/a');
      expect(
        await store.entityRefsChangedSince('2026-11-29T12:00:00.000Z'),
      ).toEqual([scorer]);
    });
  },
);
