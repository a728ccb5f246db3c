import { TestDatabases } from '@backstage/backend-test-utils';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseRiskAssessmentStore } from './DatabaseRiskAssessmentStore';
import type { NewRiskAssessment } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const scorer = 'mlmodel:default/credit-risk-scorer';
const churn = 'mlmodel:default/churn';

function assessment(
  entityRef: string,
  tier: NewRiskAssessment['tier'],
): NewRiskAssessment {
  return {
    entityRef,
    answers:
      tier === 'high'
        ? { annexIIIPoints: ['5(b)'], profilesNaturalPersons: true }
        : {},
    tier,
    domain: tier === 'high' ? 'essential-services' : undefined,
    annexIIIPoints: tier === 'high' ? ['5(b)'] : undefined,
    classifierVersion: '1.0.0',
    assessedBy: 'user:default/priya.raman',
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseRiskAssessmentStore on %p',
  id => {
    async function setup() {
      const knex = await initTestDatabase(databases, id);
      let day = 1;
      const store = DatabaseRiskAssessmentStore.create({
        knex,
        now: () => new Date(Date.UTC(2026, 9, day++, 9)),
      });
      return { store };
    }

    it('keeps every assessment and reads them back as recorded, newest first', async () => {
      const { store } = await setup();
      const first = await store.add(assessment(scorer, 'minimal'));
      const second = await store.add(assessment(scorer, 'high'));
      expect(second).toEqual({
        ...assessment(scorer, 'high'),
        id: expect.any(String),
        assessedAt: '2026-10-02T09:00:00.000Z',
      });
      const {
        domain: _d,
        annexIIIPoints: _p,
        ...minimal
      } = assessment(scorer, 'minimal');
      expect(first).toEqual({
        ...minimal,
        id: expect.any(String),
        assessedAt: '2026-10-01T09:00:00.000Z',
      });
      expect(await store.list(scorer)).toEqual([second, first]);
      expect(await store.list(churn)).toEqual([]);
    });

    it('reads the latest assessment of many models in bulk and what changed since', async () => {
      const { store } = await setup();
      await store.add(assessment(scorer, 'minimal'));
      const churnLatest = await store.add(assessment(churn, 'limited'));
      const scorerLatest = await store.add(assessment(scorer, 'high'));
      expect(
        await store.latest([scorer, churn, 'mlmodel:default/none']),
      ).toEqual(
        new Map([
          [scorer, scorerLatest],
          [churn, churnLatest],
        ]),
      );
      expect(
        await store.entityRefsChangedSince(churnLatest.assessedAt),
      ).toEqual([scorer]);
    });
  },
);
