import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import type { Knex } from 'knex';
import { getCostFacts } from '../../cost/getCostFacts';

/**
 * `cost.*` facts (withinBudget, withinCostTarget, costPer1kInferences,
 * idleDays...) from the cost records, in the cost feature's grouped queries.
 */
export class CostFactProvider implements ModelopsFactProvider {
  readonly id = 'cost';

  private constructor(private readonly knex: Knex) {}

  static create(options: { database: Knex }): CostFactProvider {
    return new CostFactProvider(options.database);
  }

  async getFacts(entities: Entity[], context: { now: Date }) {
    const facts = await getCostFacts(this.knex, entities, { now: context.now });
    const out = new Map<string, Record<string, unknown>>();
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      const value = facts.get(ref) ?? facts.get(ref.toLocaleLowerCase('en-US'));
      if (value) out.set(ref, { ...value });
    }
    return out;
  }
}
