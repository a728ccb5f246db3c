/*
 * getCostFacts: the cost facts scorecard checks grade, for many entities in
 * a handful of grouped queries, whatever the number of entities. Budgets, cost tags and targets come from the
 * entities themselves; spend and inferences from the cost records.
 */
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { toCostEntity } from './CostCatalog';
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  toIsoDay,
} from './costCalendar';
import { DatabaseCostStore } from './DatabaseCostStore';

/** Cost facts of one entity. */
export interface CostFacts {
  /** `spec.cost.monthlyBudget` is set. */
  budgetSet: boolean;
  /** `spec.cost.tags` declares at least one tag, so billing lines can be attributed. */
  tagsPresent: boolean;
  /**
   * Last complete month and the current month's forecast both within budget;
   * undefined without a budget.
   */
  withinBudget?: boolean;
  /** Spend of the last 30 days per 1,000 inferences; undefined when nothing was served. */
  costPer1kInferences?: number;
  /**
   * costPer1kInferences at or below `spec.cost.targetCostPer1kInferences`;
   * undefined without a target or without inferences.
   */
  withinCostTarget?: boolean;
  /**
   * Days since the entity last served an inference (since its first cost when
   * it never served); undefined when it has no cost records at all.
   */
  idleDays?: number;
}

/** Options of {@link getCostFacts}. */
export interface GetCostFactsOptions {
  /** Today; injectable for tests. */
  now?: Date;
}

const RECENT_DAYS = 30;

/**
 * Computes cost facts for many entities at once.
 *
 * @param knex - the ModelOps backend database (migrated)
 * @param entities - catalog entities; their `spec.cost` supplies budgets, tags and targets
 * @returns facts keyed by lower-case entity ref
 */
export async function getCostFacts(
  knex: Knex,
  entities: Entity[],
  options: GetCostFactsOptions = {},
): Promise<Map<string, CostFacts>> {
  const store = DatabaseCostStore.create({ database: knex });
  const costEntities = entities.map(toCostEntity);
  const refs = costEntities.map(entity => entity.entityRef);
  const today = toIsoDay(options.now ?? new Date());
  const currentMonth = today.slice(0, 7);
  const lastMonth = addMonths(currentMonth, -1);

  const [monthly, recent, currentDays] = await Promise.all([
    store.monthlyCosts({ from: `${lastMonth}-01`, to: today }, refs),
    store.activity(
      { from: addDays(today, -(RECENT_DAYS - 1)), to: today },
      refs,
    ),
    // Whole-history activity for idleness: the window ends today and the
    // store reports first day and last inference day over all history.
    store.activity({ from: '0000-01-01', to: today }, refs),
  ]);

  const spend = new Map<string, { last: number; current: number }>();
  for (const row of monthly) {
    const entry = spend.get(row.entityRef) ?? { last: 0, current: 0 };
    if (row.month === lastMonth) entry.last += row.amount;
    else entry.current += row.amount;
    spend.set(row.entityRef, entry);
  }
  const recentByRef = new Map(recent.map(row => [row.entityRef, row]));
  const historyByRef = new Map(currentDays.map(row => [row.entityRef, row]));
  // Projects the running month linearly over the days elapsed so far.
  const elapsed = Number(today.slice(8, 10));
  const monthDays = daysInMonth(currentMonth);

  const facts = new Map<string, CostFacts>();
  for (const entity of costEntities) {
    const month = spend.get(entity.entityRef) ?? { last: 0, current: 0 };
    const forecast = (month.current / elapsed) * monthDays;
    const window = recentByRef.get(entity.entityRef);
    const history = historyByRef.get(entity.entityRef);
    const costPer1kInferences =
      window && window.inferences > 0
        ? (window.amount / window.inferences) * 1000
        : undefined;
    const idleSince = history?.lastInferenceDay ?? history?.firstDay;
    facts.set(entity.entityRef, {
      budgetSet: entity.monthlyBudget !== undefined,
      tagsPresent: Object.keys(entity.costTags).length > 0,
      withinBudget:
        entity.monthlyBudget === undefined
          ? undefined
          : month.last <= entity.monthlyBudget &&
            forecast <= entity.monthlyBudget,
      costPer1kInferences,
      withinCostTarget:
        entity.targetCostPer1kInferences === undefined ||
        costPer1kInferences === undefined
          ? undefined
          : costPer1kInferences <= entity.targetCostPer1kInferences,
      idleDays:
        idleSince === undefined ? undefined : daysBetween(idleSince, today),
    });
  }
  return facts;
}
