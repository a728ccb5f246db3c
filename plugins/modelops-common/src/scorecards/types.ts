/**
 * Shared scorecard types: the check model, the rule language and the
 * results that the backend stores and the UI renders.
 */

/** How bad a failing check is; also the weight of the check in the score. @public */
export type CheckSeverity = 'info' | 'warning' | 'error' | 'critical';

/** The maturity level a check belongs to inside its pack. @public */
export type CheckLevel = 'bronze' | 'silver' | 'gold';

/** The level an entity reached in a pack; `none` when a bronze check fails. @public */
export type PackLevel = 'none' | CheckLevel;

/** The packs that ship with ModelOps; custom checks may name any other pack. @public */
export type ShippedPackId =
  | 'production-readiness'
  | 'responsible-ai'
  | 'data-governance'
  | 'documentation'
  | 'ownership'
  | 'cost';

/**
 * A rule of the declarative check language. A leaf reads one fact by its dot
 * path (`entity.spec.risk.tier`, `evaluation.fairnessWithinThreshold`) and
 * compares it; `all`, `any` and `not` combine rules.
 *
 * @public
 */
export type CheckRule =
  | { fact: string; op: 'exists' }
  | { fact: string; op: 'equals'; value: FactValue }
  | { fact: string; op: 'oneOf'; value: FactValue[] }
  | { fact: string; op: 'gte' | 'lte'; value: number | string }
  | { all: CheckRule[] }
  | { any: CheckRule[] }
  | { not: CheckRule };

/** A scalar a rule compares a fact with. @public */
export type FactValue = string | number | boolean;

/** Why a check exists: the practice it serves and the obligations it evidences. @public */
export interface CheckRationale {
  /** Seed curriculum module and practice text, e.g. "Module 6: Conduct impact assessments ...". */
  practice: string;
  /**
   * Ids of the obligations the check evidences, from `OBLIGATIONS`
   * (EU AI Act, NIST AI RMF 1.0, ISO/IEC 42001 Annex A, GDPR), e.g.
   * `eu-ai-act.art-10-2-fg` or `nist-ai-rmf.measure-2.11`. A check applies
   * only inside the scope of every EU AI Act obligation it cites.
   */
  obligations?: string[];
}

/** Which entities a check applies to; every listed dimension must match. @public */
export interface CheckAppliesTo {
  kinds: Array<'MLModel' | 'Dataset'>;
  types?: string[];
  lifecycles?: string[];
  /** Risk tiers of MLModels; an entity without a tier never matches a tier list. */
  riskTiers?: string[];
  /**
   * A further condition on the entity's own fields (`entity.spec...`), for
   * scopes the lists cannot express, such as Art. 50 duties declared in
   * `spec.risk.transparency` or the deployers Art. 27(1) names.
   */
  when?: CheckRule;
}

/** What to do when the check fails. @public */
export interface CheckRemediation {
  text: string;
  link?: string;
}

/** Everything about a check except how it is evaluated. @public */
export interface CheckMetadata {
  /** Stable id, e.g. `responsible-ai.impact-assessment`. */
  id: string;
  title: string;
  description: string;
  rationale: CheckRationale;
  appliesTo: CheckAppliesTo;
  severity: CheckSeverity;
  remediation: CheckRemediation;
  pack: string;
  level: CheckLevel;
}

/** A check declared as data: metadata plus a rule (app-config, shipped packs). @public */
export interface CheckDefinition extends CheckMetadata {
  rule: CheckRule;
}

/** The stored outcome of one check on one entity. @public */
export type CheckState = 'pass' | 'fail';

/** The outcome shown to users, after waivers are applied. @public */
export type EffectiveCheckState = CheckState | 'waived';

/** One check's result on one entity. @public */
export interface CheckResult {
  entityRef: string;
  checkId: string;
  pack: string;
  level: CheckLevel;
  severity: CheckSeverity;
  state: CheckState;
  /** Why the check failed, naming the fact; undefined when it passed. */
  message?: string;
  /** When the state last changed (ISO 8601). */
  changedAt: string;
}

/** Level and score of one entity in one pack. @public */
export interface PackScore {
  pack: string;
  level: PackLevel;
  /** 0..100, severity weighted share of applicable checks passing or waived. */
  score: number;
  passing: number;
  failing: number;
  waived: number;
}

/** Level and score of one entity in every pack that applies to it. @public */
export interface EntityScore {
  packs: PackScore[];
  /** 0..100 over all applicable checks, weighted by severity. */
  score: number;
}
