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
  return [...segmentsOf(path)];
}

/**
 * Parsed paths, shared between evaluations. Rules name a fixed set of paths
 * and are evaluated for every entity; parsing them again each time (a regular
 * expression iterator and an array per lookup) was the largest allocation of
 * a scorecard run. The bound only guards against code that resolves
 * generated paths.
 */
const parsedPaths = new Map<string, readonly string[]>();
const MAX_PARSED_PATHS = 10_000;

function segmentsOf(path: string): readonly string[] {
  let segments = parsedPaths.get(path);
  if (!segments) {
    const parsed: string[] = [];
    for (const match of path.matchAll(SEGMENT)) {
      parsed.push(match[1] ?? match[2]);
    }
    if (parsedPaths.size >= MAX_PARSED_PATHS) parsedPaths.clear();
    parsedPaths.set(path, parsed);
    segments = parsed;
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
  for (const segment of segmentsOf(path)) {
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
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'an empty list'
      : value.map(describe).join(', ');
  }
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * How a fact is named to the people who fix it: an entity field by its YAML
 * path (`spec.risk.tier`), any other fact in words with the record it comes
 * from (`changes.productionVersionApproved` reads "production version
 * approved (changes)").
 *
 * @public
 */
export function factLabel(fact: string): string {
  if (fact.startsWith('entity.')) return fact.slice('entity.'.length);
  const [source, ...path] = fact.split('.');
  if (path.length === 0) return source;
  const words = path
    .map(p => p.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' ');
  return `${words} (${source})`;
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

function isOneOf(actual: unknown, allowed: readonly FactValue[]): boolean {
  for (const value of allowed) {
    if (matchesScalar(actual, value)) return true;
  }
  return false;
}

/** What a failed sub-rule reports when its message is not wanted. */
const UNEXPLAINED: RuleOutcome = Object.freeze({ passed: false });
/** Every passing rule shares one outcome: passing is the common case. */
const PASSED: RuleOutcome = Object.freeze({ passed: true });

/** A comparison of one fact: a rule that is not `all`, `any` or `not`. */
type FactRule = Extract<CheckRule, { fact: string }>;

/** Whether a comparison holds for the fact's value; undefined for an unknown operator. */
function holds(rule: FactRule, actual: unknown): boolean | undefined {
  switch (rule.op) {
    case 'exists':
      return isPresent(actual);
    case 'equals':
      return matchesScalar(actual, rule.value);
    case 'oneOf': {
      // A list-valued fact matches when any of its elements is allowed.
      if (!Array.isArray(actual)) return isOneOf(actual, rule.value);
      return actual.some(v => isOneOf(v, rule.value));
    }
    case 'gte':
    case 'lte': {
      const diff = compare(actual, rule.value);
      return diff !== undefined && (rule.op === 'gte' ? diff >= 0 : diff <= 0);
    }
    default:
      return undefined;
  }
}

/** Why a comparison does not hold: what was expected and what was found, in words. */
function failure(rule: FactRule, actual: unknown): string {
  const label = factLabel(rule.fact);
  switch (rule.op) {
    case 'exists':
      return `expected ${label} to be set; found nothing`;
    case 'equals':
      return `expected ${label} to be ${describe(rule.value)}; found ${describe(
        actual,
      )}`;
    case 'oneOf':
      return `expected ${label} to be one of ${describe(
        rule.value,
      )}; found ${describe(actual)}`;
    case 'gte':
    case 'lte':
      return `expected ${label} to be ${
        rule.op === 'gte' ? 'at least' : 'at most'
      } ${describe(rule.value)}; found ${describe(actual)}`;
    default:
      return `unknown operator in the rule on ${label}`;
  }
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
    let messages: string[] | undefined;
    for (const r of rule.all) {
      const outcome = evaluate(r, facts, explain);
      if (outcome.passed) continue;
      if (!explain) return UNEXPLAINED;
      (messages ??= []).push(outcome.message!);
    }
    return messages ? { passed: false, message: messages.join('; ') } : PASSED;
  }
  if ('any' in rule) {
    // Stops at the first alternative that holds, so no message is built
    // for the alternatives of a passing rule.
    const outcomes: RuleOutcome[] = [];
    for (const r of rule.any) {
      const outcome = evaluate(r, facts, explain);
      if (outcome.passed) return PASSED;
      outcomes.push(outcome);
    }
    if (!explain) return UNEXPLAINED;
    return {
      passed: false,
      message:
        outcomes.length === 0
          ? 'no alternative given'
          : `none of the alternatives holds: ${outcomes
              .map(o => o.message)
              .join('; or ')}`,
    };
  }
  // Messages are built only for failures that are reported: passing is the
  // common case over a large catalog, and building text (or closures that
  // could build it) for every evaluation was most of what a scorecard run
  // allocated. Under a `not`, a failure is the passing case, so no message
  // is built there either.
  if ('not' in rule) {
    if (!evaluate(rule.not, facts, false).passed) return PASSED;
    return explain
      ? {
          passed: false,
          message: `expected this not to hold: ${describeRule(rule.not)}`,
        }
      : UNEXPLAINED;
  }
  const actual = resolveFact(facts, rule.fact);
  const ok = holds(rule, actual);
  if (ok) return PASSED;
  if (!explain && ok === false) return UNEXPLAINED;
  return { passed: false, message: failure(rule, actual) };
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
