import type { Entity } from '@backstage/catalog-model';
import type {
  CheckMetadata,
  CheckRule,
  EntityFacts,
  RuleOutcome,
} from '@modelops/plugin-modelops-common';

/** What a check's evaluate function receives. @public */
export interface ModelopsCheckInput {
  entity: Entity;
  /**
   * The entity's facts: `entity` (the catalog entity itself) and one
   * namespace per fact provider id, e.g. `facts.evaluation`.
   */
  facts: EntityFacts;
  now: Date;
}

/**
 * A check written in code: the same metadata as a declarative check and an
 * evaluate function. It runs in memory for every applicable entity, so it
 * must not do I/O; gather data through a fact provider instead.
 *
 * @public
 */
export interface ModelopsCheck extends CheckMetadata {
  /** The declarative rule, when the check has one; shown to users as the check's logic. */
  rule?: CheckRule;
  evaluate(input: ModelopsCheckInput): RuleOutcome;
}

/**
 * Supplies facts about many entities at once. Called once per page of
 * entities (a few hundred), so implementations answer with one bulk query,
 * never one per entity. Facts appear to rules under the provider id:
 * a provider `evaluation` returning `{ fairnessWithinThreshold: true }` is
 * read as `evaluation.fairnessWithinThreshold`.
 *
 * @public
 */
export interface ModelopsFactProvider {
  /** Namespace of the facts; lower-case letters, digits and dashes; not `entity`. */
  id: string;
  /**
   * Returns the facts per entity ref (`stringifyEntityRef` form). Entities
   * without facts may be left out of the map. Facts are those as of
   * `context.now`: a history backfill evaluates past days, so records dated
   * after `now` should not count.
   */
  getFacts(
    entities: Entity[],
    context: { now: Date },
  ): Promise<Map<string, Record<string, unknown>>>;
  /**
   * Optional: refs of the entities whose facts from this provider changed
   * after `since` (a new evaluation report, a decided review...), in one
   * query. The engine re-evaluates those entities within minutes instead of
   * at the next full run. Facts that change only with time (ages, overdue
   * flags) need not be reported: every full run recomputes them.
   */
  changedSince?(since: Date, context: { now: Date }): Promise<string[]>;
}
