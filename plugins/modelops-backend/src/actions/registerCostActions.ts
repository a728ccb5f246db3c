import type { ModelCost } from '@modelops/plugin-modelops-common';
import { pageInput, pageOf, pageOutput } from './pageOf';
import { parseActionRef } from './parseActionRef';
import type { ModelOpsActionDeps } from './types';

const round2 = (value: number) => Math.round(value * 100) / 100;
// Unit costs are fractions of a cent: four decimals keep them comparable.
const round4 = (value: number) => Math.round(value * 10000) / 10000;
const per1k = (amount: number, inferences: number) =>
  inferences > 0 ? round4((amount / inferences) * 1000) : undefined;

/** Spend and unit cost of one team's models over the window. */
function teamUnitCost(team: string, models: ModelCost[]) {
  const total = models.reduce((sum, m) => sum + m.total, 0);
  const inference = models.reduce((sum, m) => sum + m.byCategory.inference, 0);
  const inferences = models.reduce((sum, m) => sum + m.inferences, 0);
  return {
    team,
    models: models.length,
    total: round2(total),
    inferenceSpend: round2(inference),
    lastMonth: round2(models.reduce((sum, m) => sum + m.lastMonth, 0)),
    previousMonth: round2(models.reduce((sum, m) => sum + m.previousMonth, 0)),
    inferences,
    costPer1kInferences: per1k(total, inferences),
    inferenceCostPer1kInferences: per1k(inference, inferences),
  };
}

/**
 * `get-team-cost` and `find-idle-models`: the cost views of the portal, read
 * through the cost routes, so that the cost read permission and its team
 * scoping (members of the owning team and the finance group) apply as they
 * do on the cost pages.
 */
export function registerCostActions(deps: ModelOpsActionDeps) {
  deps.registry.register({
    name: 'get-team-cost',
    title: 'Team cost and cost per 1,000 inferences',
    description:
      'Spend of the models of a team (or of every team the caller may read) over the last N months: total, inference spend, the last two complete months, inferences served, cost per 1,000 inferences (all spend of the models divided by their inferences, as on the cost pages) and inference cost per 1,000 inferences (inference spend only), plus the models that spent most. Cost is readable by the members of the owning team and the finance group: other teams are refused.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          team: z
            .string()
            .optional()
            .describe(
              'Owning group, e.g. "risk-ml"; every readable team when absent.',
            ),
          months: z
            .number()
            .int()
            .min(1)
            .max(24)
            .default(3)
            .describe('Months in the window, the running one included.'),
        }),
      output: z => {
        const team = z.object({
          team: z.string(),
          models: z.number(),
          total: z.number(),
          inferenceSpend: z.number(),
          lastMonth: z.number(),
          previousMonth: z.number(),
          inferences: z.number(),
          costPer1kInferences: z.number().optional(),
          inferenceCostPer1kInferences: z.number().optional(),
        });
        return z.object({
          currency: z.string(),
          months: z.number(),
          comparedMonths: z.object({ previous: z.string(), last: z.string() }),
          teams: z.array(team),
          topModels: z.array(
            z.object({
              entityRef: z.string(),
              owner: z.string().optional(),
              total: z.number(),
              inferences: z.number(),
              costPer1kInferences: z.number().optional(),
            }),
          ),
        });
      },
    },
    examples: [
      {
        title: "Risk ML's inference cost per 1,000 calls",
        input: { team: 'risk-ml', months: 3 },
      },
    ],
    action: async ({ input, credentials }) => {
      const team = input.team
        ? parseActionRef(input.team, 'team', 'group')
        : undefined;
      const view = await deps
        .clients(credentials)
        .cost.getModelCosts({ team, months: input.months });
      const byTeam = new Map<string, ModelCost[]>();
      for (const model of view.models) {
        const owner = model.owner ?? 'unowned';
        byTeam.set(owner, [...(byTeam.get(owner) ?? []), model]);
      }
      const teams = [...byTeam.entries()]
        .map(([owner, models]) => teamUnitCost(owner, models))
        .sort((a, b) => b.total - a.total);
      return {
        output: {
          currency: view.currency,
          months: view.months,
          comparedMonths: view.comparedMonths,
          teams,
          topModels: [...view.models]
            .sort((a, b) => b.total - a.total)
            .slice(0, 5)
            .map(m => ({
              entityRef: m.entityRef,
              owner: m.owner,
              total: round2(m.total),
              inferences: m.inferences,
              costPer1kInferences:
                m.costPer1kInferences === undefined
                  ? undefined
                  : round4(m.costPer1kInferences),
            })),
        },
      };
    },
  });

  deps.registry.register({
    name: 'find-idle-models',
    title: 'Idle models that still cost money',
    description:
      'Models with spend and no inferences in the last N days, most expensive first: what they spent in the window, the day of their last inference, days idle, and whether they are a retirement candidate (anything but experimental or development). Paged, with the total and the total spend of all idle models.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          days: z
            .number()
            .int()
            .min(1)
            .max(365)
            .default(30)
            .describe('Days without inferences.'),
          ...pageInput(z),
        }),
      output: z =>
        z.object({
          currency: z.string(),
          days: z.number(),
          totalSpend: z.number().describe('Spend of every idle model.'),
          ...pageOutput(z),
          items: z.array(
            z.object({
              entityRef: z.string(),
              owner: z.string().optional(),
              lifecycle: z.string().optional(),
              spend: z.number(),
              lastInferenceDay: z.string().optional(),
              idleDays: z.number(),
              retirementCandidate: z.boolean(),
            }),
          ),
        }),
    },
    examples: [
      { title: 'Idle for a month', input: { days: 30, offset: 0, limit: 20 } },
    ],
    action: async ({ input, credentials }) => {
      const view = await deps
        .clients(credentials)
        .cost.getIdleModels(input.days);
      return {
        output: {
          currency: view.currency,
          days: view.days,
          totalSpend: round2(view.models.reduce((sum, m) => sum + m.spend, 0)),
          ...pageOf(view.models, input),
        },
      };
    },
  });
}
