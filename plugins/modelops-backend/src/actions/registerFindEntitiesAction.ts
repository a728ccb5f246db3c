import type { EntityFilterQuery } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  MODELOPS_LIFECYCLES,
  RISK_TIERS,
  type EntityScorecard,
} from '@modelops/plugin-modelops-common';
import { entityRefOf } from '../service/CatalogMembership';
import { queryAllEntities } from '../service/queryAllEntities';
import { pageInput, pageOf, pageOutput } from './pageOf';
import { parseActionRef } from './parseActionRef';
import type { ModelOpsActionDeps } from './types';

/** Entities whose scorecards one search may read, one request each. */
export const MAX_SCORECARD_CANDIDATES = 200;
const SCORECARD_CONCURRENCY = 8;
const LEVELS = ['none', 'bronze', 'silver', 'gold'] as const;

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'spec.risk.tier',
  'spec.risk.impactAssessment',
];

function hasImpactAssessment(entity: Entity): boolean {
  // The same two fields the responsible-ai.impact-assessment check requires.
  const assessment = (entity.spec?.risk as any)?.impactAssessment;
  return Boolean(assessment?.url && assessment?.date);
}

async function mapConcurrent<T, R>(
  items: T[],
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from(
      { length: Math.min(SCORECARD_CONCURRENCY, items.length) },
      worker,
    ),
  );
  return results;
}

/** The lowest level of the entity's packs, or of one pack. */
function levelOf(scorecard: EntityScorecard, pack?: string) {
  const packs = scorecard.packs.filter(p => !pack || p.pack === pack);
  if (packs.length === 0) return undefined;
  return packs
    .map(p => p.level)
    .reduce((a, b) => (LEVELS.indexOf(a) <= LEVELS.indexOf(b) ? a : b));
}

/**
 * `find-ml-entities`: models or datasets by catalog fields, scorecard state
 * and cost.
 */
export function registerFindEntitiesAction(deps: ModelOpsActionDeps) {
  deps.registry.register({
    name: 'find-ml-entities',
    title: 'Find ML models and datasets',
    description: `Lists MLModel or Dataset entities of the catalog that match every given filter, as the caller may see them. Filters: riskTier (EU AI Act tier), lifecycle, owner (a group such as "risk-ml"), system, impactAssessment ("missing" finds high-risk models without a dated impact assessment when combined with riskTier "high"), failingCheck (a scorecard check id such as "responsible-ai.impact-assessment"), levelBelow (scorecard level, optionally of one pack), costAbove (spend of the last complete month, models only; needs cost read access). Answers one page with the total. Scorecard filters read at most ${MAX_SCORECARD_CANDIDATES} entities: narrow with the catalog filters first.`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          kind: z
            .enum(['MLModel', 'Dataset'])
            .default('MLModel')
            .describe('Which kind to search.'),
          riskTier: z.enum(RISK_TIERS).optional(),
          lifecycle: z.enum(MODELOPS_LIFECYCLES).optional(),
          owner: z
            .string()
            .optional()
            .describe(
              'Owning group, e.g. "risk-ml" or "group:default/risk-ml".',
            ),
          system: z
            .string()
            .optional()
            .describe('System, e.g. "lending-platform".'),
          impactAssessment: z
            .enum(['present', 'missing'])
            .optional()
            .describe(
              'Whether spec.risk.impactAssessment has a url and a date.',
            ),
          failingCheck: z
            .string()
            .optional()
            .describe(
              'A check id; keeps entities failing it (waived is not failing).',
            ),
          levelBelow: z
            .enum(['bronze', 'silver', 'gold'])
            .optional()
            .describe('Keeps entities whose scorecard level is below this.'),
          pack: z
            .string()
            .optional()
            .describe(
              'The pack levelBelow looks at; the lowest pack when absent.',
            ),
          costAbove: z
            .number()
            .min(0)
            .optional()
            .describe(
              'Keeps models that spent more than this in the last complete month.',
            ),
          ...pageInput(z),
        }),
      output: z =>
        z.object({
          ...pageOutput(z),
          currency: z.string().optional(),
          costMonth: z.string().optional(),
          items: z.array(
            z.object({
              entityRef: z.string(),
              title: z.string().optional(),
              lifecycle: z.string().optional(),
              owner: z.string().optional(),
              system: z.string().optional(),
              riskTier: z.string().optional(),
              hasImpactAssessment: z.boolean().optional(),
              level: z.string().optional(),
              lastMonthCost: z.number().optional(),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'High-risk models without an impact assessment',
        input: {
          kind: 'MLModel',
          riskTier: 'high',
          impactAssessment: 'missing',
          offset: 0,
          limit: 20,
        },
      },
      {
        title: 'Production models of a team below silver',
        input: {
          kind: 'MLModel',
          lifecycle: 'production',
          owner: 'risk-ml',
          levelBelow: 'silver',
          offset: 0,
          limit: 20,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const isModel = input.kind === 'MLModel';
      if (!isModel && input.riskTier) {
        throw new InputError('riskTier: applies to kind MLModel only');
      }
      if (!isModel && input.impactAssessment) {
        throw new InputError('impactAssessment: applies to kind MLModel only');
      }
      if (!isModel && input.costAbove !== undefined) {
        throw new InputError('costAbove: applies to kind MLModel only');
      }
      if (input.pack && !input.levelBelow) {
        throw new InputError('pack: only allowed together with levelBelow');
      }
      const filter: EntityFilterQuery = { kind: input.kind };
      if (input.lifecycle) filter['spec.lifecycle'] = input.lifecycle;
      if (input.riskTier) filter['spec.risk.tier'] = input.riskTier;
      if (input.owner) {
        filter['relations.ownedBy'] = parseActionRef(
          input.owner,
          'owner',
          'group',
        );
      }
      if (input.system) {
        filter['relations.partOf'] = parseActionRef(
          input.system,
          'system',
          'system',
        );
      }
      let entities = (
        await queryAllEntities(
          deps.catalog,
          { filter, fields: FIELDS },
          credentials,
        )
      ).filter(
        e =>
          !input.impactAssessment ||
          hasImpactAssessment(e) === (input.impactAssessment === 'present'),
      );

      const clients = deps.clients(credentials);
      const levels = new Map<string, string>();
      if (input.failingCheck || input.levelBelow) {
        const candidates = entities;
        if (candidates.length > MAX_SCORECARD_CANDIDATES) {
          throw new InputError(
            `${input.failingCheck ? 'failingCheck' : 'levelBelow'}: ${
              candidates.length
            } entities match the other filters, at most ${MAX_SCORECARD_CANDIDATES} can be searched by scorecard; add lifecycle, owner, system or riskTier`,
          );
        }
        if (input.failingCheck) {
          const checks = await clients.scorecards.listChecks();
          if (!checks.some(c => c.id === input.failingCheck)) {
            throw new InputError(
              `failingCheck: no check with id ${input.failingCheck}`,
            );
          }
        }
        const scorecards = await mapConcurrent(candidates, e =>
          clients.scorecards.getEntityScorecard(entityRefOf(e)),
        );
        entities = candidates.filter((entity, index) => {
          const scorecard = scorecards[index];
          if (
            input.failingCheck &&
            !scorecard.failing.some(
              f =>
                f.checkId === input.failingCheck && f.effectiveState === 'fail',
            )
          ) {
            return false;
          }
          if (input.levelBelow) {
            const level = levelOf(scorecard, input.pack);
            if (
              level === undefined ||
              LEVELS.indexOf(level) >= LEVELS.indexOf(input.levelBelow)
            ) {
              return false;
            }
            levels.set(entityRefOf(entity), level);
          }
          return true;
        });
      }

      let costs: Map<string, number> | undefined;
      let currency: string | undefined;
      let costMonth: string | undefined;
      if (input.costAbove !== undefined) {
        const view = await clients.cost.getModelCosts({ months: 2 });
        currency = view.currency;
        costMonth = view.comparedMonths.last;
        costs = new Map(view.models.map(m => [m.entityRef, m.lastMonth]));
        entities = entities.filter(
          e => (costs!.get(entityRefOf(e)) ?? 0) > input.costAbove!,
        );
      }

      const items = entities
        .map(entity => {
          const ref = entityRefOf(entity);
          const spec = entity.spec ?? {};
          return {
            entityRef: ref,
            title: entity.metadata.title,
            lifecycle: spec.lifecycle as string | undefined,
            owner: spec.owner as string | undefined,
            system: spec.system as string | undefined,
            riskTier: (spec.risk as any)?.tier as string | undefined,
            hasImpactAssessment: isModel
              ? hasImpactAssessment(entity)
              : undefined,
            level: levels.get(ref),
            lastMonthCost: costs?.get(ref),
          };
        })
        .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      return {
        output: { ...pageOf(items, input), currency, costMonth },
      };
    },
  });
}
