/*
 * Expresses a ModelOps check as a Tech Insights json-rules-engine check
 * (jsonfc), so that both engines grade the same facts with the same rule.
 *
 * Fact names: a Tech Insights fact is named by the ModelOps fact path it
 * holds (`entity.spec.fallback`, `links.runbook`, `cost.withinBudget`), and
 * it is stored by the retriever `modelops-<namespace>` (the path's first
 * segment: `entity` or a fact provider id). Absent values are stored as
 * null, so that the jsonfc checker never skips a rule for a missing fact.
 */
import type { TechInsightJsonRuleCheck } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import { JSON_RULE_ENGINE_CHECK_TYPE } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import type { CheckRule } from '@modelops/plugin-modelops-common';
import { ruleFacts } from '@modelops/plugin-modelops-common';
import type { ModelopsCheck } from '@modelops/plugin-modelops-node';
import {
  Operator,
  type NestedCondition,
  type TopLevelCondition,
} from 'json-rules-engine';
import {
  REVIEW_MAX_AGE_DAYS,
  recentReviewCheck,
} from '../../plugins/modelops-backend/src/scorecards/packs/ownershipPack';

/** Fact type per fact name, as declared in the Tech Insights fact schemas. */
export type FactTypes = Map<string, FactSchema[string]['type']>;

/**
 * The name of the custom operator that stands for the ModelOps `exists`
 * rule: the fact is present (not null, not a blank string, not an empty
 * list) exactly when the condition's value is true. json-rules-engine has
 * no such operator, and its validation schema refuses a null `value`, so
 * it is registered through the factory's documented `operators` option.
 */
export const PRESENT_OPERATOR = 'isPresent';

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The custom operators the equivalent checks need. */
export function jsonRulesOperators(): Operator[] {
  return [
    new Operator<unknown, boolean>(
      PRESENT_OPERATOR,
      (factValue, expected) => isPresent(factValue) === expected,
    ),
  ];
}

/** Retriever id that stores a fact, from the fact's namespace. */
export function retrieverIdOf(fact: string): string {
  return `modelops-${fact.split('.')[0]}`;
}

/**
 * Facts a code check reads, with its logic as a rule over a fact that a
 * retriever computes: `review.ageDays` is the age of the last attestation
 * in whole days, null when there is none.
 */
const codeCheckRules: Record<string, CheckRule> = {
  [recentReviewCheck.id]: {
    fact: 'review.ageDays',
    op: 'lte',
    value: REVIEW_MAX_AGE_DAYS,
  },
};

/** The rule a check is graded by: its declared rule, or the rule standing for a known code check. */
export function ruleOf(check: ModelopsCheck): CheckRule {
  const rule = check.rule ?? codeCheckRules[check.id];
  if (!rule) {
    throw new Error(
      `Check ${check.id} is code without a rule; it has no jsonfc equivalent`,
    );
  }
  return rule;
}

/** Every fact path the checks read, sorted. */
export function checkFacts(checks: ModelopsCheck[]): string[] {
  return [...new Set(checks.flatMap(c => ruleFacts(ruleOf(c))))].sort();
}

function comparison(
  fact: string,
  op: 'gte' | 'lte',
  value: number | string,
  negate: boolean,
): NestedCondition {
  if (typeof value !== 'number') {
    // json-rules-engine compares numbers only; ModelOps also orders ISO dates.
    throw new Error(
      `Rule on ${fact} compares with the string ${JSON.stringify(
        value,
      )}; jsonfc compares numbers only`,
    );
  }
  if (!negate) {
    return {
      fact,
      operator: op === 'gte' ? 'greaterThanInclusive' : 'lessThanInclusive',
      value,
    };
  }
  // ModelOps: not(gte) holds for a missing fact too.
  return {
    any: [
      { fact, operator: op === 'gte' ? 'lessThan' : 'greaterThan', value },
      { fact, operator: PRESENT_OPERATOR, value: false },
    ],
  };
}

function oneOf(
  fact: string,
  values: Array<string | number | boolean>,
  types: FactTypes,
  negate: boolean,
): NestedCondition {
  const type = types.get(fact);
  if (type === 'set') {
    // A list-valued fact matches when any of its elements is allowed.
    return negate
      ? {
          any: [
            { fact, operator: PRESENT_OPERATOR, value: false },
            {
              all: values.map(value => ({
                fact,
                operator: 'doesNotContain',
                value,
              })),
            },
          ],
        }
      : {
          any: values.map(value => ({ fact, operator: 'contains', value })),
        };
  }
  // Scalars, and facts never seen with a value (stored as null).
  return { fact, operator: negate ? 'notIn' : 'in', value: values };
}

/**
 * One ModelOps rule as a json-rules-engine condition. `not` is pushed down
 * to the leaves, because the jsonfc validation schema accepts only `all`,
 * `any` and leaf conditions.
 */
export function toCondition(
  rule: CheckRule,
  types: FactTypes,
  negate = false,
): NestedCondition {
  if ('all' in rule) {
    const parts = rule.all.map(r => toCondition(r, types, negate));
    return negate ? { any: parts } : { all: parts };
  }
  if ('any' in rule) {
    const parts = rule.any.map(r => toCondition(r, types, negate));
    return negate ? { all: parts } : { any: parts };
  }
  if ('not' in rule) return toCondition(rule.not, types, !negate);
  switch (rule.op) {
    case 'exists':
      return { fact: rule.fact, operator: PRESENT_OPERATOR, value: !negate };
    case 'equals':
      return {
        fact: rule.fact,
        operator: negate ? 'notEqual' : 'equal',
        value: rule.value,
      };
    case 'oneOf':
      return oneOf(rule.fact, rule.value, types, negate);
    case 'gte':
    case 'lte':
      return comparison(rule.fact, rule.op, rule.value, negate);
    default:
      throw new Error(`Unknown operator in rule ${JSON.stringify(rule)}`);
  }
}

/**
 * Where a check applies, as a jsonfc check filter on the catalog entity:
 * kind, `spec.type`, `spec.lifecycle` and `spec.risk.tier` must each be in
 * the check's list when it has one (an entity without the field does not
 * match, as in ModelOps).
 */
function filterOf(check: ModelopsCheck): TechInsightJsonRuleCheck['filter'] {
  const { kinds, types, lifecycles, riskTiers } = check.appliesTo;
  return {
    kind: kinds,
    ...(types ? { 'spec.type': types } : {}),
    ...(lifecycles ? { 'spec.lifecycle': lifecycles } : {}),
    ...(riskTiers ? { 'spec.risk.tier': riskTiers } : {}),
  };
}

/** A ModelOps check as the equivalent Tech Insights json-rules-engine check. */
export function toJsonRulesCheck(
  check: ModelopsCheck,
  types: FactTypes,
): TechInsightJsonRuleCheck {
  const rule = ruleOf(check);
  const condition = toCondition(rule, types);
  // jsonfc wants `all` or `any` at the root.
  const conditions: TopLevelCondition =
    'all' in condition || 'any' in condition
      ? (condition as TopLevelCondition)
      : { all: [condition] };
  return {
    id: check.id,
    type: JSON_RULE_ENGINE_CHECK_TYPE,
    name: check.title,
    description: check.description,
    factIds: [...new Set(ruleFacts(rule).map(retrieverIdOf))].sort(),
    filter: filterOf(check),
    rule: { conditions },
  };
}
