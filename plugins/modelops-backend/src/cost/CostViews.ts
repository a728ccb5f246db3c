/*
 * CostViews: the read models behind the cost pages. Each view is one or two
 * grouped queries over the window plus one paged catalog read; joining cost
 * to owners and budgets happens in memory, so the cost of a view does not grow
 * with the number of entities in queries.
 */
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  COST_CATEGORIES,
  UNMAPPED_COST_KIND,
  type CostCategory,
  type CostMover,
  type EntityCostView,
  type IdleCostView,
  type IdleModel,
  type ModelCost,
  type ModelCostView,
  type MonthlyCost,
  type TeamCost,
  type TeamCostView,
} from '@modelops/plugin-modelops-common';
import type { CostAccess, CostReader } from './CostAccess';
import type { CostCatalog, CostEntity } from './CostCatalog';
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  monthWindow,
  toIsoDay,
} from './costCalendar';
import type { CostStore, MonthlyCostRow } from './types';

/** Owner label of spend stored under the unmapped pseudo kind. */
export const UNMAPPED_TEAM = 'unmapped';
/** Owner label of spend on entities the catalog does not know. */
export const UNOWNED_TEAM = 'unowned';

// Lifecycles in which a model that serves nothing is expected, not waste.
const EXPERIMENTING = new Set(['experimental', 'development']);
const TOP_MOVERS = 5;

function emptyByCategory(): Record<CostCategory, number> {
  return Object.fromEntries(COST_CATEGORIES.map(c => [c, 0])) as Record<
    CostCategory,
    number
  >;
}

function per1k(amount: number, inferences: number): number | undefined {
  return inferences > 0 ? (amount / inferences) * 1000 : undefined;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Options of {@link CostViews.create}. */
export interface CostViewsOptions {
  store: CostStore;
  catalog: CostCatalog;
  access: CostAccess;
  currency: string;
  /** Today's date; injectable for tests and demos. */
  now?: () => Date;
}

/** Computes the cost views for a reader. */
export class CostViews {
  private constructor(private readonly options: CostViewsOptions) {}

  static create(options: CostViewsOptions): CostViews {
    return new CostViews(options);
  }

  private today(): string {
    return toIsoDay((this.options.now ?? (() => new Date()))());
  }

  /** Monthly spend, budget and forecast of one entity. */
  async entity(
    reader: CostReader,
    entityRef: string,
    monthCount: number,
  ): Promise<EntityCostView> {
    const entity = await this.options.catalog.getEntity(
      entityRef,
      reader.credentials,
    );
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    await this.options.access.assertCanRead(
      reader,
      entity.entityRef,
      entity.owner,
    );
    const today = this.today();
    const window = monthWindow(today, monthCount);
    const currentMonth = today.slice(0, 7);
    const [rows, days] = await Promise.all([
      this.options.store.monthlyCosts(window, [entity.entityRef]),
      this.options.store.dailyCosts(entity.entityRef, {
        from: `${currentMonth}-01`,
        to: today,
      }),
    ]);
    const months = this.monthSeries(window.months, rows);
    const current = months[months.length - 1];
    // Billing data lags by a day or more: project from the last day that has
    // data rather than from today, or the forecast would read low.
    const lastDay = days.length
      ? Number(days[days.length - 1].day.slice(8, 10))
      : 0;
    const forecast =
      lastDay > 0 ? (current.total / lastDay) * daysInMonth(currentMonth) : 0;
    const totals = months.reduce(
      (acc, m) => ({
        amount: acc.amount + m.total,
        inferences: acc.inferences + m.inferences,
      }),
      { amount: 0, inferences: 0 },
    );
    return {
      entityRef: entity.entityRef,
      currency: this.options.currency,
      months,
      monthlyBudget: entity.monthlyBudget,
      currentMonth: {
        month: currentMonth,
        actual: round(current.total),
        forecast: round(forecast),
        budgetRemaining:
          entity.monthlyBudget === undefined
            ? undefined
            : round(entity.monthlyBudget - forecast),
        overBudget:
          entity.monthlyBudget !== undefined && forecast > entity.monthlyBudget,
      },
      costPer1kInferences: per1k(totals.amount, totals.inferences),
      targetCostPer1kInferences: entity.targetCostPer1kInferences,
    };
  }

  /** Spend per owning group with the entities that moved most. */
  async teams(reader: CostReader, monthCount: number): Promise<TeamCostView> {
    const today = this.today();
    const window = monthWindow(today, monthCount);
    const compared = this.comparedMonths(today);
    const scope = await this.scope(reader);
    const rows = (await this.options.store.monthlyCosts(window)).filter(row =>
      scope.visible(row.entityRef),
    );

    const teams = new Map<string, TeamCost>();
    const byEntity = new Map<string, { previous: number; current: number }>();
    for (const row of rows) {
      const team = scope.ownerOf(row.entityRef);
      let teamCost = teams.get(team);
      if (!teamCost) {
        teamCost = {
          team,
          months: window.months.map(month => ({ month, total: 0 })),
          total: 0,
          previousMonth: 0,
          lastMonth: 0,
          change: 0,
        };
        teams.set(team, teamCost);
      }
      const slot = teamCost.months.find(m => m.month === row.month);
      if (slot) {
        slot.total += row.amount;
      }
      teamCost.total += row.amount;
      const moved = byEntity.get(row.entityRef) ?? { previous: 0, current: 0 };
      if (row.month === compared.previous) {
        teamCost.previousMonth += row.amount;
        moved.previous += row.amount;
      } else if (row.month === compared.last) {
        teamCost.lastMonth += row.amount;
        moved.current += row.amount;
      }
      byEntity.set(row.entityRef, moved);
    }

    const teamList = [...teams.values()].map(team => ({
      ...team,
      months: team.months.map(m => ({ month: m.month, total: round(m.total) })),
      total: round(team.total),
      previousMonth: round(team.previousMonth),
      lastMonth: round(team.lastMonth),
      change: round(team.lastMonth - team.previousMonth),
    }));
    teamList.sort((a, b) => b.total - a.total);

    const topMovers: CostMover[] = [...byEntity.entries()]
      .map(([entityRef, m]) => ({
        entityRef,
        owner: scope.ownerOf(entityRef),
        previous: round(m.previous),
        current: round(m.current),
        change: round(m.current - m.previous),
        changeRatio:
          m.previous > 0
            ? round((m.current - m.previous) / m.previous)
            : undefined,
      }))
      .filter(m => m.change !== 0)
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
      .slice(0, TOP_MOVERS);

    return {
      currency: this.options.currency,
      comparedMonths: compared,
      teams: teamList,
      topMovers,
    };
  }

  /** Spend per model (and dataset), optionally of one team. */
  async models(
    reader: CostReader,
    monthCount: number,
    team?: string,
  ): Promise<ModelCostView> {
    const today = this.today();
    const window = monthWindow(today, monthCount);
    const compared = this.comparedMonths(today);
    const teamRef = team?.toLocaleLowerCase('en-US');
    if (teamRef && !this.options.access.ownsOrReadsAll(reader, teamRef)) {
      throw new NotAllowedError(
        `Not allowed: cost of ${team} is readable by its members and the finance group`,
      );
    }
    const scope = await this.scope(reader);
    const rows = (await this.options.store.monthlyCosts(window)).filter(
      row =>
        scope.visible(row.entityRef) &&
        (!teamRef || scope.ownerOf(row.entityRef) === teamRef),
    );
    const models = new Map<string, ModelCost>();
    for (const row of rows) {
      let model = models.get(row.entityRef);
      if (!model) {
        const entity = scope.entity(row.entityRef);
        model = {
          entityRef: row.entityRef,
          owner: scope.ownerOf(row.entityRef),
          total: 0,
          byCategory: emptyByCategory(),
          previousMonth: 0,
          lastMonth: 0,
          change: 0,
          inferences: 0,
          monthlyBudget: entity?.monthlyBudget,
        };
        models.set(row.entityRef, model);
      }
      model.total += row.amount;
      model.byCategory[row.category] += row.amount;
      model.inferences += row.inferences;
      if (row.month === compared.previous) model.previousMonth += row.amount;
      if (row.month === compared.last) model.lastMonth += row.amount;
    }
    const list = [...models.values()].map(model => ({
      ...model,
      total: round(model.total),
      byCategory: Object.fromEntries(
        Object.entries(model.byCategory).map(([c, v]) => [c, round(v)]),
      ) as Record<CostCategory, number>,
      previousMonth: round(model.previousMonth),
      lastMonth: round(model.lastMonth),
      change: round(model.lastMonth - model.previousMonth),
      costPer1kInferences: per1k(model.total, model.inferences),
    }));
    list.sort((a, b) => b.total - a.total);
    return {
      currency: this.options.currency,
      team: teamRef,
      months: monthCount,
      comparedMonths: compared,
      models: list,
    };
  }

  /** Models with spend but no inferences over the last `days` days. */
  async idle(reader: CostReader, days: number): Promise<IdleCostView> {
    const today = this.today();
    const scope = await this.scope(reader);
    const activity = await this.options.store.activity({
      from: addDays(today, -(days - 1)),
      to: today,
    });
    const models: IdleModel[] = activity
      .filter(
        row =>
          row.entityRef.startsWith('mlmodel:') &&
          row.amount > 0 &&
          row.inferences === 0 &&
          scope.visible(row.entityRef),
      )
      .map(row => {
        const entity = scope.entity(row.entityRef);
        const idleSince = row.lastInferenceDay ?? row.firstDay;
        return {
          entityRef: row.entityRef,
          owner: scope.ownerOf(row.entityRef),
          lifecycle: entity?.lifecycle,
          spend: round(row.amount),
          lastInferenceDay: row.lastInferenceDay,
          idleDays: daysBetween(idleSince, today),
          retirementCandidate: !EXPERIMENTING.has(entity?.lifecycle ?? ''),
        };
      })
      .sort((a, b) => b.spend - a.spend);
    return { currency: this.options.currency, days, models };
  }

  private monthSeries(months: string[], rows: MonthlyCostRow[]): MonthlyCost[] {
    return months.map(month => {
      const byCategory = emptyByCategory();
      let inferences = 0;
      for (const row of rows) {
        if (row.month === month) {
          byCategory[row.category] += row.amount;
          inferences += row.inferences;
        }
      }
      const total = Object.values(byCategory).reduce((a, b) => a + b, 0);
      return {
        month,
        byCategory: Object.fromEntries(
          Object.entries(byCategory).map(([c, v]) => [c, round(v)]),
        ) as Record<CostCategory, number>,
        total: round(total),
        inferences,
        costPer1kInferences: per1k(total, inferences),
      };
    });
  }

  // Month over month compares the last two complete months: the running
  // month would always look like a drop.
  private comparedMonths(today: string): { previous: string; last: string } {
    const current = today.slice(0, 7);
    return { previous: addMonths(current, -2), last: addMonths(current, -1) };
  }

  // Which entities' cost the reader sees in portfolio views: everything for
  // finance and services; otherwise the entities of the reader's groups that
  // the permission framework allows. A reader who owns nothing gets a 403
  // rather than an empty page that would look like "no spend".
  private async scope(reader: CostReader) {
    const entities = await this.options.catalog.listEntities(
      reader.credentials,
    );
    const byRef = new Map<string, CostEntity>(
      entities.map(entity => [
        entity.entityRef.toLocaleLowerCase('en-US'),
        entity,
      ]),
    );
    const ownerOf = (entityRef: string): string => {
      if (entityRef.startsWith(`${UNMAPPED_COST_KIND}:`)) return UNMAPPED_TEAM;
      return (
        byRef.get(entityRef)?.owner?.toLocaleLowerCase('en-US') ?? UNOWNED_TEAM
      );
    };
    let visible: (entityRef: string) => boolean = () => true;
    if (!reader.readsAll) {
      const owned = entities
        .filter(entity =>
          this.options.access.ownsOrReadsAll(reader, entity.owner),
        )
        .map(entity => entity.entityRef.toLocaleLowerCase('en-US'));
      if (owned.length === 0) {
        throw new NotAllowedError(
          'Not allowed: cost views are readable by members of owning groups and the finance group',
        );
      }
      const permitted = await this.options.access.filterPermitted(
        reader,
        owned,
      );
      visible = entityRef => permitted.has(entityRef);
    }
    return { ownerOf, visible, entity: (ref: string) => byRef.get(ref) };
  }
}
