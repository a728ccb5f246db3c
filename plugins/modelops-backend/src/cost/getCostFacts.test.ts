import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { initTestDatabase } from '../service/__testUtils__';
import { DatabaseCostStore } from './DatabaseCostStore';
import { generateDemoCosts } from './demo/generateDemoCosts';
import {
  DEMO_IDLE_DAYS,
  DEMO_IDLE_MODEL,
  DEMO_OVER_BUDGET_MODEL,
  DEMO_PORTFOLIO,
} from './demo/demoPortfolio';
import { getCostFacts } from './getCostFacts';

jest.setTimeout(120_000);

const END_DAY = '2026-11-20';

function entityOf(name: string): Entity {
  const demo = DEMO_PORTFOLIO.find(e => e.name === name)!;
  return {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name },
    spec: {
      owner: 'group:default/risk-ml',
      lifecycle: demo.lifecycle,
      cost: {
        monthlyBudget: demo.monthlyBudget,
        targetCostPer1kInferences: demo.targetCostPer1kInferences,
        tags: { 'modelops.dev/entity': `mlmodel:default/${name}` },
      },
    },
  };
}

describe('getCostFacts', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'grades budgets, cost targets and idleness on the demo history, %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await initTestDatabase(databases, databaseId);
      await DatabaseCostStore.create({ database: knex }).upsertRecords(
        generateDemoCosts({ endDay: END_DAY }),
      );
      const untagged: Entity = {
        apiVersion: 'modelops.dev/v1alpha1',
        kind: 'MLModel',
        metadata: { name: 'no-cost-yet' },
        spec: { owner: 'group:default/risk-ml', lifecycle: 'experimental' },
      };
      const facts = await getCostFacts(
        knex,
        [
          entityOf('credit-risk-scorer'),
          entityOf(DEMO_IDLE_MODEL),
          entityOf(DEMO_OVER_BUDGET_MODEL),
          untagged,
        ],
        { now: new Date(`${END_DAY}T12:00:00Z`) },
      );

      const scorer = facts.get('mlmodel:default/credit-risk-scorer')!;
      expect(scorer).toMatchObject({
        budgetSet: true,
        tagsPresent: true,
        withinBudget: true,
        idleDays: 0,
      });
      // The generator derives inference counts from the cost target, with
      // +-10% noise around it.
      expect(scorer.costPer1kInferences).toBeGreaterThan(0.35 * 0.85);
      expect(scorer.costPer1kInferences).toBeLessThan(0.35 * 1.8);

      expect(facts.get(`mlmodel:default/${DEMO_IDLE_MODEL}`)).toMatchObject({
        idleDays: DEMO_IDLE_DAYS,
        costPer1kInferences: undefined,
      });
      expect(
        facts.get(`mlmodel:default/${DEMO_OVER_BUDGET_MODEL}`)?.withinBudget,
      ).toBe(false);
      expect(facts.get('mlmodel:default/no-cost-yet')).toEqual({
        budgetSet: false,
        tagsPresent: false,
        withinBudget: undefined,
        costPer1kInferences: undefined,
        withinCostTarget: undefined,
        idleDays: undefined,
      });
    },
  );
});
