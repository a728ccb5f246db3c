import type { CheckRule, FactValue } from './types';

/** The facts of one entity: namespaces (`entity`, provider ids) of nested values. @public */
export type EntityFacts = Record<string, unknown>;

/** The outcome of a rule: whether it holds and, if not, why. @public */
export interface RuleOutcome {
  passed: boolean;
  /** Names the fact and what was expected; set when the rule does not hold. */
  message?: string;
}

const SEGMENT = /\["([^"\]]+)"\]|([^.[\]]+)/g;

/**
 * Splits a fact path into its segments. Dots separate segments; a segment
 * that itself holds dots (annotation keys) is written `["modelops.dev/x"]`.
 *
 * @public
 */
export function parseFactPath(path: string): string[] {
  const segments: string[] = [];
  for (const match of path.matchAll(SEGMENT)) {
    segments.push(match[1] ?? match[2]);
  }
  return segments;
}

/**
 * Reads a fact by its path; undefined when any segment is missing. Array
 * elements are addressed by their index.
 *
 * @public
 */
export function resolveFact(facts: EntityFacts, path: string): unknown {
  let current: unknown = facts;
  for (const segment of parseFactPath(path)) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    if (!Object.prototype.hasOwnProperty.call(current, segment)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** A value counts as present unless it is absent, null, blank or an empty list. */
function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value);
}

/**
 * Numbers compare numerically (numeric strings included, as YAML may quote
 * them); other strings compare lexicographically, which orders ISO 8601
 * dates correctly.
 */
function compare(
  actual: unknown,
  expected: number | string,
): number | undefined {
  if (typeof expected === 'number') {
    const n =
      typeof actual === 'string' && actual.trim() !== ''
        ? Number(actual)
        : actual;
    return typeof n === 'number' && Number.isFinite(n)
      ? n - expected
      : undefined;
  }
  if (typeof actual === 'string') {
    if (actual < expected) return -1;
    return actual > expected ? 1 : 0;
  }
  return undefined;
}

function matchesScalar(actual: unknown, expected: FactValue): boolean {
  return actual === expected;
}

/** What a failed sub-rule reports when its message is not wanted. */
const UNEXPLAINED: RuleOutcome = { passed: false };

/**
 * Messages are built only for failures that are reported: a passing check is
 * the common case over a large catalog, and serialising its compared values
 * for nothing was most of the memory an evaluation run allocated. Under a
 * `not`, a failure is the passing case, so no message is built there either.
 */
function leaf(
  passed: boolean,
  explain: boolean,
  message: () => string,
): RuleOutcome {
  if (passed) return { passed };
  return explain ? { passed, message: message() } : UNEXPLAINED;
}

/**
 * Evaluates a rule against the facts of one entity. Never throws for data:
 * a missing fact makes a comparison fail with a message naming the fact.
 *
 * @public
 */
export function evaluateRule(rule: CheckRule, facts: EntityFacts): RuleOutcome {
  return evaluate(rule, facts, true);
}

function evaluate(
  rule: CheckRule,
  facts: EntityFacts,
  explain: boolean,
): RuleOutcome {
  if ('all' in rule) {
    const failed = rule.all
      .map(r => evaluate(r, facts, explain))
      .filter(o => !o.passed);
    if (failed.length > 0 && !explain) return UNEXPLAINED;
    return failed.length === 0
      ? { passed: true }
      : { passed: false, message: failed.map(o => o.message).join('; ') };
  }
  if ('any' in rule) {
    // Stops at the first alternative that holds, so no message is built
    // for the alternatives of a passing rule.
    const outcomes: RuleOutcome[] = [];
    for (const r of rule.any) {
      const outcome = evaluate(r, facts, explain);
      if (outcome.passed) return { passed: true };
      outcomes.push(outcome);
    }
    if (!explain) return UNEXPLAINED;
    return {
      passed: false,
      message:
        outcomes.length === 0
          ? 'no alternative given'
          : `none of: ${outcomes.map(o => o.message).join(' | ')}`,
    };
  }
  if ('not' in rule) {
    const inner = evaluate(rule.not, facts, false);
    return leaf(
      !inner.passed,
      explain,
      () => `expected the opposite of ${describeRule(rule.not)}`,
    );
  }
  const actual = resolveFact(facts, rule.fact);
  switch (rule.op) {
    case 'exists':
      return leaf(isPresent(actual), explain, () => `${rule.fact} is missing`);
    case 'equals':
      return leaf(
        matchesScalar(actual, rule.value),
        explain,
        () =>
          `${rule.fact} should equal ${describe(rule.value)} but is ${describe(
            actual,
          )}`,
      );
    case 'oneOf': {
      // A list-valued fact matches when any of its elements is allowed.
      const values = Array.isArray(actual) ? actual : [actual];
      const ok = values.some(v => rule.value.some(e => matchesScalar(v, e)));
      return leaf(
        ok,
        explain,
        () =>
          `${rule.fact} should be one of ${describe(
            rule.value,
          )} but is ${describe(actual)}`,
      );
    }
    case 'gte':
    case 'lte': {
      const diff = compare(actual, rule.value);
      const ok =
        diff !== undefined && (rule.op === 'gte' ? diff >= 0 : diff <= 0);
      const word = rule.op === 'gte' ? 'at least' : 'at most';
      return leaf(
        ok,
        explain,
        () =>
          `${rule.fact} should be ${word} ${describe(
            rule.value,
          )} but is ${describe(actual)}`,
      );
    }
    default:
      return {
        passed: false,
        message: `unknown operator in rule on ${
          (rule as { fact: string }).fact
        }`,
      };
  }
}

/**
 * A short human-readable form of a rule, for messages and documentation.
 *
 * @public
 */
export function describeRule(rule: CheckRule): string {
  if ('all' in rule) return `all(${rule.all.map(describeRule).join(', ')})`;
  if ('any' in rule) return `any(${rule.any.map(describeRule).join(', ')})`;
  if ('not' in rule) return `not(${describeRule(rule.not)})`;
  if (rule.op === 'exists') return `${rule.fact} exists`;
  return `${rule.fact} ${rule.op} ${describe(rule.value)}`;
}

/**
 * Every fact path a rule reads, so that documentation and validation can
 * list what a check depends on.
 *
 * @public
 */
export function ruleFacts(rule: CheckRule): string[] {
  if ('all' in rule) return [...new Set(rule.all.flatMap(ruleFacts))];
  if ('any' in rule) return [...new Set(rule.any.flatMap(ruleFacts))];
  if ('not' in rule) return ruleFacts(rule.not);
  return [rule.fact];
}
