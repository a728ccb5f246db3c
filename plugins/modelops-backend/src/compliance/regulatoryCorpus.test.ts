/*
 * The regulatory corpus: for every obligation a shipped check cites, an
 * entity that meets it and one that does not, run through the real checks
 * and the compliance assessment; for every shipped check that cites an
 * obligation, the same pair at check level; and risk cases with their
 * expected tier and Annex III sub-point.
 *
 * The entities are generated from the checks themselves rather than written
 * out: a small solver reads a check's scope (`appliesTo`) and rule and
 * changes a base model or dataset until the rule holds, or until it does
 * not. Facts of other providers (records, evaluation, changes...) are set
 * in their namespace as the providers report them; the two checks written
 * in code get their facts from fixtures below. Each case then asserts what
 * the real check returns and the status the compliance view would show.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  checkApplies,
  classifyRisk,
  evaluateRule,
  getObligation,
  obligationApplicability,
  resolveFact,
  type AnnexIIIPoint,
  type CheckRule,
  type EntityFacts,
  type ObligationStatus,
  type RiskQuestionnaireAnswers,
  type RiskTier,
} from '@modelops/plugin-modelops-common';
import type { ModelopsCheck } from '@modelops/plugin-modelops-node';
import { shippedChecks } from '../scorecards/packs/shippedChecks';
import { assessCompliance, type CheckOutcome } from './assessCompliance';

const NOW = new Date('2026-12-02T09:00:00Z');
const CHECKS = shippedChecks();

type Json = Record<string, any>;

/** A candidate entity and the facts the providers would report on it. */
interface Case {
  entity: Json;
  /** Provider namespaces other than `entity`. */
  facts: Record<string, Json>;
}

const clone = (c: Case): Case => structuredClone(c);

function base(kind: 'MLModel' | 'Dataset'): Case {
  return {
    entity: {
      apiVersion: 'modelops.dev/v1alpha1',
      kind,
      metadata: { name: 'corpus', namespace: 'default' },
      spec: { owner: 'group:default/corpus', lifecycle: 'production' },
    },
    facts: {},
  };
}

function factsOf(c: Case): EntityFacts {
  return { ...c.facts, entity: c.entity };
}

/** Where a fact path lives: the entity, or a provider's namespace. */
function target(c: Case, path: string): { root: Json; segments: string[] } {
  const [ns, ...rest] = path.split('.');
  if (ns === 'entity') return { root: c.entity, segments: rest };
  c.facts[ns] ??= {};
  return { root: c.facts[ns], segments: rest };
}

function setFact(c: Case, path: string, value: unknown) {
  const { root, segments } = target(c, path);
  let node = root;
  segments.slice(0, -1).forEach((segment, i) => {
    const next = segments[i + 1];
    if (node[segment] === null || typeof node[segment] !== 'object') {
      node[segment] = /^\d+$/.test(next) ? [] : {};
    }
    node = node[segment];
  });
  node[segments[segments.length - 1]] = value;
}

function unsetFact(c: Case, path: string) {
  const { root, segments } = target(c, path);
  let node = root;
  for (const segment of segments.slice(0, -1)) {
    if (node[segment] === null || typeof node[segment] !== 'object') return;
    node = node[segment];
  }
  delete node[segments[segments.length - 1]];
}

/** A value of the kind the field holds, chosen by its name. */
function sample(path: string): unknown {
  const last = path.split('.').pop()!;
  if (/url$/i.test(last)) return `https://corpus.example/${last}`;
  if (/(date|At)$/.test(last)) return '2026-06-01';
  if (/^(trainedOn|evaluatedOn|derivedFrom)$/.test(last)) {
    return ['dataset:default/corpus-data'];
  }
  return `corpus ${last}`;
}

const holds = (rule: CheckRule, c: Case) =>
  evaluateRule(rule, factsOf(c)).passed;
const evaluateFact = (c: Case, path: string) => resolveFact(factsOf(c), path);

/**
 * Changes the case until the rule holds; false when it cannot. A rule
 * asking one fact for several values at once (`spec.quality.checks` holds
 * completeness and accuracy) is solved again with list-valued facts.
 */
function satisfy(rule: CheckRule, c: Case, lists = false): boolean {
  if (holds(rule, c)) return true;
  if ('all' in rule) {
    const attempt = clone(c);
    if (
      rule.all.every(r => satisfy(r, attempt, lists)) &&
      holds(rule, attempt)
    ) {
      Object.assign(c, attempt);
      return true;
    }
    return !lists && satisfy(rule, c, true);
  }
  if ('any' in rule) {
    for (const alternative of rule.any) {
      const attempt = clone(c);
      if (satisfy(alternative, attempt, lists)) {
        Object.assign(c, attempt);
        return true;
      }
    }
    return false;
  }
  if ('not' in rule) return violate(rule.not, c) && holds(rule, c);
  switch (rule.op) {
    case 'exists':
      setFact(c, rule.fact, sample(rule.fact));
      break;
    case 'equals':
    case 'gte':
    case 'lte':
      setFact(c, rule.fact, rule.value);
      break;
    case 'oneOf': {
      const current = evaluateFact(c, rule.fact);
      if (!lists) setFact(c, rule.fact, rule.value[0]);
      else if (Array.isArray(current)) current.push(rule.value[0]);
      else setFact(c, rule.fact, [rule.value[0]]);
      break;
    }
    default:
      return false;
  }
  return holds(rule, c);
}

/** Changes the case until the rule does not hold; false when it cannot. */
function violate(rule: CheckRule, c: Case): boolean {
  if (!holds(rule, c)) return true;
  if ('all' in rule) {
    for (const part of rule.all) {
      const attempt = clone(c);
      if (violate(part, attempt) && !holds(rule, attempt)) {
        Object.assign(c, attempt);
        return true;
      }
    }
    return false;
  }
  if ('any' in rule)
    return rule.any.every(r => violate(r, c)) && !holds(rule, c);
  if ('not' in rule) return satisfy(rule.not, c) && !holds(rule, c);
  switch (rule.op) {
    case 'exists':
      unsetFact(c, rule.fact);
      break;
    case 'equals':
      setFact(
        c,
        rule.fact,
        typeof rule.value === 'boolean' ? !rule.value : 'corpus-other',
      );
      break;
    case 'oneOf':
      setFact(c, rule.fact, 'corpus-other');
      break;
    case 'gte':
    case 'lte':
      if (typeof rule.value === 'number') {
        setFact(c, rule.fact, rule.value + (rule.op === 'gte' ? -1 : 1));
      } else unsetFact(c, rule.fact);
      break;
    default:
      return false;
  }
  return !holds(rule, c);
}

function applies(check: ModelopsCheck, c: Case): boolean {
  return checkApplies(check.appliesTo, c.entity as Entity);
}

function passes(check: ModelopsCheck, c: Case): boolean {
  return check.evaluate({
    entity: c.entity as Entity,
    facts: factsOf(c),
    now: NOW,
  }).passed;
}

/** Brings the case inside the check's scope; false when it cannot. */
function enterScope(check: ModelopsCheck, c: Case): boolean {
  const a = check.appliesTo;
  if (!a.kinds.includes(c.entity.kind)) return false;
  const spec = c.entity.spec;
  if (a.types && !a.types.includes(spec.type)) spec.type = a.types[0];
  if (a.lifecycles && !a.lifecycles.includes(spec.lifecycle)) {
    spec.lifecycle = a.lifecycles[0];
  }
  if (a.riskTiers && !a.riskTiers.includes(spec.risk?.tier)) {
    setFact(c, 'entity.spec.risk.tier', a.riskTiers[0]);
  }
  if (a.when && !satisfy(a.when, c)) return false;
  return applies(check, c);
}

/**
 * What the evidence providers report on the version in service
 * (`evaluation.current`, `monitoring.current`), with one judgement met or
 * missed: the facts the evidence checks written in code read.
 */
function judge(
  source: 'evaluation' | 'monitoring',
  judged: string,
): { meet: (c: Case) => void; violate: (c: Case) => void } {
  const set = (c: Case, met: boolean) => {
    c.entity.spec.version ??= '1.0.0';
    c.facts[source] ??= {};
    c.facts[source].current ??= {
      described: `latest ${source} of ${c.entity.spec.version} on 2026-11-30`,
      ageDays: 2,
      maxAgeDays: 180,
      stale: false,
      judgements: {},
    };
    c.facts[source].current.judgements[judged] = {
      met,
      failures: met ? [] : [`${judged} 0.31 misses its bound 0.1`],
      evidence: [`${judged} ${met ? 0.04 : 0.31} against the bound 0.1`],
    };
  };
  return { meet: c => set(c, true), violate: c => set(c, false) };
}

/** A recorded risk assessment, recent enough for a high-risk model. */
function recordAssessment(c: Case, tier: string) {
  c.facts.risk = {
    latest: {
      tier,
      assessedAt: '2026-11-15T10:00:00.000Z',
      assessedBy: 'user:default/corpus-assessor',
      classifierVersion: '1.0.0',
    },
  };
}

/** Facts of the checks written in code, which have no rule to solve. */
const CODE_CHECK_FACTS: Record<
  string,
  { meet: (c: Case) => void; violate: (c: Case) => void }
> = {
  'production-readiness.metrics-met': judge('evaluation', 'metrics'),
  'responsible-ai.fairness-met': judge('evaluation', 'fairness'),
  'production-readiness.drift-within-threshold': judge('monitoring', 'drift'),
  'production-readiness.latency-within-slo': judge('monitoring', 'latency'),
  'production-readiness.error-rate-within-budget': judge(
    'monitoring',
    'errorRate',
  ),
  'production-readiness.cold-start-within-slo': judge(
    'monitoring',
    'coldStart',
  ),
  'ownership.references-resolve': {
    meet: c => {
      c.facts.references = { problems: [], checked: 4 };
    },
    violate: c => {
      c.facts.references = {
        problems: [
          'spec.businessOwner names user:default/nobody, which is not in the catalog',
        ],
        checked: 4,
      };
    },
  },
  'ownership.retired-without-dependents': {
    meet: c => {
      c.entity.relations = [];
    },
    violate: c => {
      c.entity.relations = [
        { type: 'dependencyOf', targetRef: 'component:default/loan-api' },
      ];
    },
  },
  'ownership.recent-review': {
    meet: c => setFact(c, 'review.lastAttestedAt', '2026-11-01T10:00:00Z'),
    violate: c => setFact(c, 'review.lastAttestedAt', '2026-03-01T10:00:00Z'),
  },
  'responsible-ai.serious-incidents-reported': {
    meet: c => {
      c.facts.incidents = {
        recorded: 0,
        unassessed: [],
        seriousUnreported: [],
      };
    },
    violate: c => {
      c.facts.incidents = {
        recorded: 1,
        unassessed: [{ incidentId: 'INC-1', openedAt: '2026-11-20T08:00:00Z' }],
        seriousUnreported: [],
      };
    },
  },
  'responsible-ai.risk-assessed': {
    meet: c => {
      c.entity.spec.risk ??= {};
      c.entity.spec.risk.tier ??= 'minimal';
      recordAssessment(c, c.entity.spec.risk.tier);
    },
    // The declared tier edited away from what the assessment found.
    violate: c => {
      const declared = c.entity.spec.risk?.tier;
      recordAssessment(c, declared === 'high' ? 'minimal' : 'high');
    },
  },
};

/** Changes the case until the check passes while it still applies. */
function meet(check: ModelopsCheck, c: Case): boolean {
  const code = CODE_CHECK_FACTS[check.id];
  if (code) code.meet(c);
  else if (!check.rule || !satisfy(check.rule, c)) return false;
  return passes(check, c) && applies(check, c);
}

function breach(check: ModelopsCheck, c: Case): boolean {
  const code = CODE_CHECK_FACTS[check.id];
  if (code) code.violate(c);
  else if (!check.rule || !violate(check.rule, c)) return false;
  return !passes(check, c);
}

/** What the compliance view shows for an obligation on the case, after every applicable check ran. */
function statusOf(obligationId: string, c: Case): ObligationStatus | undefined {
  const entity = c.entity as Entity;
  const outcomes = new Map<string, CheckOutcome>(
    CHECKS.filter(check => applies(check, c)).map(check => [
      check.id,
      { state: passes(check, c) ? 'pass' : 'fail' },
    ]),
  );
  return assessCompliance({
    entity,
    checks: CHECKS,
    outcomes,
    today: NOW,
  }).find(a => a.obligation.id === obligationId)?.status;
}

/**
 * An entity meeting an obligation: in the scope of one citing check (each
 * is tried as the seed), with every citing check that applies passing;
 * meeting one check can bring another into scope, hence the rounds.
 */
function meetingObligation(
  obligationId: string,
  citing: ModelopsCheck[],
): Case | undefined {
  for (const seed of citing) {
    for (const kind of seed.appliesTo.kinds) {
      const c = base(kind);
      if (!enterScope(seed, c)) continue;
      for (let round = 0; round < 4; round++) {
        for (const check of citing) {
          if (applies(check, c) && !passes(check, c)) meet(check, c);
        }
      }
      if (applies(seed, c) && statusOf(obligationId, c) === 'met') return c;
    }
  }
  return undefined;
}

/** The meeting entity with one citing check broken, while it still applies. */
function failingObligation(
  obligationId: string,
  citing: ModelopsCheck[],
  meeting: Case,
): { c: Case; broken: string } | undefined {
  for (const check of citing) {
    if (!applies(check, meeting)) continue;
    const c = clone(meeting);
    if (breach(check, c) && applies(check, c)) {
      if (statusOf(obligationId, c) === 'failing')
        return { c, broken: check.id };
    }
  }
  return undefined;
}

const cited = [
  ...new Set(CHECKS.flatMap(c => c.rationale.obligations ?? [])),
].sort();
/** Checks written in code that cite an obligation, and so need facts above. */
const codeChecks = CHECKS.filter(
  c => !c.rule && (c.rationale.obligations ?? []).length > 0,
).map(c => c.id);
const citingChecks = (id: string) =>
  CHECKS.filter(c => c.rationale.obligations?.includes(id));

/**
 * Obligations no entity can meet through the checks, with what holds
 * instead. Art. 5(1) is met by not being a prohibited practice: the checks
 * citing it apply to unacceptable-risk models only, and one of them fails
 * on every such model by design.
 */
const MET_BY_BEING_OUT_OF_SCOPE: Record<string, { tier: RiskTier }> = {
  'eu-ai-act.art-5-1': { tier: 'high' },
};
/** The check behind that: no unacceptable-risk model is responsible, retired or not. */
const NEVER_MET = new Set(['responsible-ai.acceptable-risk']);

describe('regulatory corpus', () => {
  it('covers every obligation a shipped check cites', () => {
    expect(cited.length).toBeGreaterThan(40);
    expect(cited.filter(id => !getObligation(id))).toEqual([]);
    // A new check written in code needs its facts here to join the corpus.
    expect(codeChecks.filter(id => !CODE_CHECK_FACTS[id])).toEqual([]);
  });

  describe.each(cited.filter(id => !MET_BY_BEING_OUT_OF_SCOPE[id]))(
    '%s',
    id => {
      const citing = citingChecks(id);
      const meeting = meetingObligation(id, citing);

      it('is met by an entity whose citing checks pass', () => {
        expect(meeting).toBeDefined();
        const c = meeting!;
        const applying = citing.filter(check => applies(check, c));
        expect(applying.length).toBeGreaterThan(0);
        for (const check of applying) {
          expect({ check: check.id, passes: passes(check, c) }).toEqual({
            check: check.id,
            passes: true,
          });
        }
        const obligation = getObligation(id)!;
        expect(
          obligationApplicability(obligation, c.entity as Entity, NOW).state,
        ).not.toBe('not-applicable');
        expect(statusOf(id, c)).toBe('met');
      });

      it('fails on the same entity with one citing check broken', () => {
        const failing = failingObligation(id, citing, meeting!);
        expect(failing).toBeDefined();
        const check = CHECKS.find(x => x.id === failing!.broken)!;
        const outcome = check.evaluate({
          entity: failing!.c.entity as Entity,
          facts: factsOf(failing!.c),
          now: NOW,
        });
        expect(outcome.passed).toBe(false);
        // The failure says what to fix.
        expect(outcome.message).toMatch(/\w{3,}/);
        expect(statusOf(id, failing!.c)).toBe('failing');
      });
    },
  );

  it('meets Art. 5(1) only by not being a prohibited practice', () => {
    const prohibited = base('MLModel');
    setFact(prohibited, 'entity.spec.risk.tier', 'unacceptable');
    expect(statusOf('eu-ai-act.art-5-1', prohibited)).toBe('failing');
    // Retiring it ends the breach of the serving check, not of the tier one.
    prohibited.entity.spec.lifecycle = 'retired';
    expect(statusOf('eu-ai-act.art-5-1', prohibited)).toBe('failing');
    const reclassified = base('MLModel');
    setFact(
      reclassified,
      'entity.spec.risk.tier',
      MET_BY_BEING_OUT_OF_SCOPE['eu-ai-act.art-5-1'].tier,
    );
    expect(statusOf('eu-ai-act.art-5-1', reclassified)).toBe('not-applicable');
  });

  describe.each(
    CHECKS.filter(c => (c.rationale.obligations ?? []).length > 0).map(c => [
      c.id,
      c,
    ]),
  )('check %s', (_id, check) => {
    it('passes an entity in its scope that meets it and fails one that does not', () => {
      const c = base(check.appliesTo.kinds[0]);
      expect(enterScope(check, c)).toBe(true);
      const ok = clone(c);
      const met = meet(check, ok);
      // Only a check that fails on every entity in its scope cannot be met.
      expect(met).toBe(!NEVER_MET.has(check.id));
      expect(applies(check, ok) && passes(check, ok)).toBe(met);
      const bad = clone(met ? ok : c);
      expect(breach(check, bad)).toBe(true);
      expect(applies(check, bad)).toBe(true);
      expect(passes(check, bad)).toBe(false);
    });
  });
});

/** Risk cases: a use case, its questionnaire answers and what the classifier must say. */
interface RiskCase {
  useCase: string;
  answers: RiskQuestionnaireAnswers;
  tier: RiskTier;
  annexIII?: AnnexIIIPoint;
  domain?: string;
  /** Whether Art. 27(1) asks the deployer for a fundamental rights impact assessment. */
  fria: boolean;
}

const RISK_CASES: RiskCase[] = [
  {
    useCase: 'Credit scoring of consumer loan applicants',
    answers: { annexIIIPoints: ['5(b)'], profilesNaturalPersons: true },
    tier: 'high',
    annexIII: '5(b)',
    domain: 'essential-services',
    fria: true,
  },
  {
    useCase: 'Pricing of life and health insurance',
    answers: { annexIIIPoints: ['5(c)'] },
    tier: 'high',
    annexIII: '5(c)',
    domain: 'essential-services',
    fria: true,
  },
  {
    useCase: 'Screening and ranking CVs of job applicants',
    answers: { annexIIIPoints: ['4(a)'], profilesNaturalPersons: true },
    tier: 'high',
    annexIII: '4(a)',
    domain: 'employment',
    fria: false,
  },
  {
    useCase: 'Task allocation and performance monitoring of workers',
    answers: { annexIIIPoints: ['4(b)'] },
    tier: 'high',
    annexIII: '4(b)',
    domain: 'employment',
    fria: false,
  },
  {
    useCase: 'Emergency call triage and dispatch of ambulances',
    answers: { annexIIIPoints: ['5(d)'] },
    tier: 'high',
    annexIII: '5(d)',
    domain: 'essential-services',
    fria: false,
  },
  {
    useCase: 'Emergency triage run by a public hospital',
    answers: { annexIIIPoints: ['5(d)'], publicServiceDeployer: true },
    tier: 'high',
    annexIII: '5(d)',
    domain: 'essential-services',
    fria: true,
  },
  {
    useCase: 'Eligibility for public assistance benefits',
    answers: { annexIIIPoints: ['5(a)'], publicServiceDeployer: true },
    tier: 'high',
    annexIII: '5(a)',
    domain: 'essential-services',
    fria: true,
  },
  {
    useCase: 'Admission decisions of a university',
    answers: { annexIIIPoints: ['3(a)'], publicServiceDeployer: true },
    tier: 'high',
    annexIII: '3(a)',
    domain: 'education',
    fria: true,
  },
  {
    useCase: 'Proctoring that flags cheating in online exams',
    answers: { annexIIIPoints: ['3(d)'] },
    tier: 'high',
    annexIII: '3(d)',
    domain: 'education',
    fria: false,
  },
  {
    useCase: 'Load balancing of an electricity grid operated for the public',
    answers: { annexIIIPoints: ['2'], publicServiceDeployer: true },
    tier: 'high',
    annexIII: '2',
    domain: 'critical-infrastructure',
    // Art. 27(1) leaves point 2 out, whoever deploys it.
    fria: false,
  },
  {
    useCase: 'Remote biometric identification in a stadium',
    answers: { annexIIIPoints: ['1(a)'] },
    tier: 'high',
    annexIII: '1(a)',
    domain: 'biometrics',
    fria: false,
  },
  {
    useCase: 'Assessing visa applications at the border',
    answers: { annexIIIPoints: ['7(c)'], publicServiceDeployer: true },
    tier: 'high',
    annexIII: '7(c)',
    domain: 'migration-border-control',
    fria: true,
  },
  {
    useCase:
      'CV parsing that only extracts fields for a recruiter (Art. 6(3)(a))',
    answers: {
      annexIIIPoints: ['4(a)'],
      annexIIIDerogation: 'narrow-procedural-task',
    },
    tier: 'minimal',
    fria: false,
  },
  {
    useCase: 'CV ranking claiming a derogation while profiling applicants',
    answers: {
      annexIIIPoints: ['4(a)'],
      annexIIIDerogation: 'preparatory-task',
      profilesNaturalPersons: true,
    },
    tier: 'high',
    annexIII: '4(a)',
    domain: 'employment',
    fria: false,
  },
  {
    useCase: 'Customer service chat assistant',
    answers: { transparencyDuties: ['interacts-with-people'] },
    tier: 'limited',
    fria: false,
  },
  {
    useCase: 'Social scoring of citizens',
    answers: {
      prohibitedPractices: ['social-scoring'],
      annexIIIPoints: ['5(a)'],
    },
    tier: 'unacceptable',
    fria: false,
  },
  {
    useCase: 'Weld inspection as a safety component of machinery (Annex I)',
    answers: { annexISafetyComponent: true },
    tier: 'high',
    fria: false,
  },
  {
    useCase: 'Product recommendations in a web shop',
    answers: {},
    tier: 'minimal',
    fria: false,
  },
];

describe('risk classification corpus', () => {
  it.each(RISK_CASES.map(c => [c.useCase, c] as const))('%s', (_name, rc) => {
    const result = classifyRisk(rc.answers);
    expect(result.tier).toBe(rc.tier);
    expect(result.annexIIIPoints?.[0]).toBe(rc.annexIII);
    expect(result.domain).toBe(rc.domain);
    expect(
      result.controls.some(
        c => c.id === 'fundamental-rights-impact-assessment',
      ),
    ).toBe(rc.fria);
    // The classification recorded on a model decides the obligations the
    // same way: Art. 27(1) applies exactly where the classifier asked for it.
    const entity: Entity = {
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: { name: 'case' },
      spec: {
        owner: 'group:default/corpus',
        lifecycle: 'production',
        risk: {
          tier: result.tier,
          ...(result.annexIIIPoints
            ? { annexIII: result.annexIIIPoints[0] }
            : {}),
          ...(rc.answers.annexISafetyComponent ? { annexI: true } : {}),
          publicService: rc.answers.publicServiceDeployer ?? false,
        },
      },
    };
    const fria = obligationApplicability(
      getObligation('eu-ai-act.art-27-1')!,
      entity,
      NOW,
    );
    expect(fria.state).toBe(rc.fria ? 'applies' : 'not-applicable');
    expect(fria.appliesFrom).toBe('2027-12-02');
    // Technical documentation binds high-risk models only: Annex III
    // systems from 2 December 2027, Annex I ones from 2 August 2028.
    const documentation = obligationApplicability(
      getObligation('eu-ai-act.art-11-1')!,
      entity,
      NOW,
    );
    expect({
      state: documentation.state,
      inForce: documentation.inForce,
      appliesFrom: documentation.appliesFrom,
    }).toEqual({
      state: rc.tier === 'high' ? 'applies' : 'not-applicable',
      inForce: false,
      appliesFrom:
        rc.annexIII || rc.tier !== 'high' ? '2027-12-02' : '2028-08-02',
    });
  });
});
