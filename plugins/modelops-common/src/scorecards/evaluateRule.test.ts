import fc from 'fast-check';
import { checkRuleSchema } from './checkDefinitionSchema';
import {
  evaluateRule,
  factLabel,
  parseFactPath,
  resolveFact,
  ruleFacts,
} from './evaluateRule';
import type { CheckRule } from './types';

const facts = {
  entity: {
    kind: 'MLModel',
    metadata: { annotations: { 'modelops.dev/tier': 'gold' } },
    spec: {
      lifecycle: 'production',
      risk: {
        tier: 'high',
        impactAssessment: { url: 'https://x', date: '2026-03-14' },
      },
      explainability: ['shap'],
      empty: [],
      blank: ' ',
      version: '12',
    },
  },
  evaluation: { fairnessWithinThreshold: true, auc: 0.81 },
};

describe('evaluateRule', () => {
  it('reads dot paths and quoted segments', () => {
    expect(
      parseFactPath('entity.metadata.annotations["modelops.dev/tier"]'),
    ).toEqual(['entity', 'metadata', 'annotations', 'modelops.dev/tier']);
    expect(
      resolveFact(facts, 'entity.metadata.annotations["modelops.dev/tier"]'),
    ).toBe('gold');
    expect(resolveFact(facts, 'entity.spec.nothing.deeper')).toBeUndefined();
  });

  it('treats missing, blank and empty values as absent', () => {
    const exists = (fact: string) =>
      evaluateRule({ fact, op: 'exists' }, facts).passed;
    expect(exists('entity.spec.risk.impactAssessment.url')).toBe(true);
    expect(exists('entity.spec.empty')).toBe(false);
    expect(exists('entity.spec.blank')).toBe(false);
    expect(exists('entity.spec.missing')).toBe(false);
    expect(
      evaluateRule({ fact: 'entity.spec.missing', op: 'exists' }, facts)
        .message,
    ).toBe('expected spec.missing to be set; found nothing');
  });

  it('compares values, lists, numbers and ISO dates', () => {
    expect(
      evaluateRule(
        {
          fact: 'evaluation.fairnessWithinThreshold',
          op: 'equals',
          value: true,
        },
        facts,
      ).passed,
    ).toBe(true);
    expect(
      evaluateRule(
        {
          fact: 'entity.spec.explainability',
          op: 'oneOf',
          value: ['lime', 'shap'],
        },
        facts,
      ).passed,
    ).toBe(true);
    expect(
      evaluateRule({ fact: 'evaluation.auc', op: 'gte', value: 0.8 }, facts)
        .passed,
    ).toBe(true);
    expect(
      evaluateRule({ fact: 'entity.spec.version', op: 'gte', value: 9 }, facts)
        .passed,
    ).toBe(true);
    expect(
      evaluateRule(
        {
          fact: 'entity.spec.risk.impactAssessment.date',
          op: 'gte',
          value: '2026-01-01',
        },
        facts,
      ).passed,
    ).toBe(true);
    const failed = evaluateRule(
      { fact: 'evaluation.auc', op: 'lte', value: 0.5 },
      facts,
    );
    expect(failed).toEqual({
      passed: false,
      message: 'expected auc (evaluation) to be at most 0.5; found 0.81',
    });
  });

  it('combines rules and explains failures of every branch', () => {
    const rule: CheckRule = {
      all: [
        { fact: 'entity.spec.lifecycle', op: 'equals', value: 'production' },
        {
          any: [
            { fact: 'entity.spec.a', op: 'exists' },
            { fact: 'entity.spec.b', op: 'exists' },
          ],
        },
      ],
    };
    expect(evaluateRule(rule, facts)).toEqual({
      passed: false,
      message:
        'none of the alternatives holds: expected spec.a to be set; found nothing; or expected spec.b to be set; found nothing',
    });
    expect(ruleFacts(rule)).toEqual([
      'entity.spec.lifecycle',
      'entity.spec.a',
      'entity.spec.b',
    ]);
  });

  describe('properties', () => {
    const scalar = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom('a', 'b', ''),
      fc.boolean(),
    );
    const factsArb = fc.record({
      x: fc.option(scalar, { nil: undefined }),
      y: fc.option(scalar, { nil: undefined }),
      n: fc.option(fc.double({ noNaN: true, min: -100, max: 100 }), {
        nil: undefined,
      }),
    });
    const leafArb: fc.Arbitrary<CheckRule> = fc.oneof(
      fc.record({
        fact: fc.constantFrom('f.x', 'f.y', 'f.n', 'f.z'),
        op: fc.constant('exists' as const),
      }),
      fc.record({
        fact: fc.constantFrom('f.x', 'f.y'),
        op: fc.constant('equals' as const),
        value: scalar,
      }),
      fc.record({
        fact: fc.constantFrom('f.x', 'f.y'),
        op: fc.constant('oneOf' as const),
        value: fc.array(scalar, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        fact: fc.constant('f.n'),
        op: fc.constantFrom('gte' as const, 'lte' as const),
        value: fc.integer({ min: -100, max: 100 }),
      }),
    );
    const ruleArb = fc.letrec<{ rule: CheckRule }>(tie => ({
      rule: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leafArb,
        fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('rule'), { maxLength: 3 }) }),
        fc.record({ not: tie('rule') }),
      ),
    })).rule;
    const run = (rule: CheckRule, f: Record<string, unknown>) =>
      evaluateRule(rule, { f }).passed;

    it('negation flips the outcome and double negation restores it', () => {
      fc.assert(
        fc.property(ruleArb, factsArb, (rule, f) => {
          expect(run({ not: rule }, f)).toBe(!run(rule, f));
          expect(run({ not: { not: rule } }, f)).toBe(run(rule, f));
        }),
      );
    });

    it('all and any follow De Morgan', () => {
      fc.assert(
        fc.property(
          fc.array(ruleArb, { maxLength: 4 }),
          factsArb,
          (rules, f) => {
            expect(run({ not: { all: rules } }, f)).toBe(
              run({ any: rules.map(r => ({ not: r })) }, f),
            );
            expect(run({ all: rules }, f)).toBe(rules.every(r => run(r, f)));
            expect(run({ any: rules }, f)).toBe(rules.some(r => run(r, f)));
          },
        ),
      );
    });

    it('a failing outcome always carries a message naming a fact', () => {
      fc.assert(
        fc.property(leafArb, factsArb, (rule, f) => {
          const outcome = evaluateRule(rule, { f });
          const fact = (rule as { fact: string }).fact;
          expect(
            outcome.passed || outcome.message!.includes(factLabel(fact)),
          ).toBe(true);
        }),
      );
    });

    it('for a present number, gte v or lte v always holds', () => {
      fc.assert(
        fc.property(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer(),
          (n, v) => {
            expect(
              run({ fact: 'f.n', op: 'gte', value: v }, { n }) ||
                run({ fact: 'f.n', op: 'lte', value: v }, { n }),
            ).toBe(true);
          },
        ),
      );
    });

    it('every generated rule is accepted by the schema', () => {
      fc.assert(
        fc.property(ruleArb, rule =>
          expect(checkRuleSchema.safeParse(rule).success).toBe(true),
        ),
      );
    });
  });

  describe('failure messages', () => {
    // A fact whose serialisation is counted: messages serialise the
    // compared values, so a count of 0 means no message was built.
    const counted = () => {
      const toJSON = jest.fn(() => 'big');
      return { facts: { x: { toJSON } }, toJSON };
    };

    it('are not built when a rule passes', () => {
      const { facts: f, toJSON } = counted();
      const rules: CheckRule[] = [
        { not: { fact: 'x', op: 'equals', value: 'a' } },
        {
          any: [
            { fact: 'x', op: 'exists' },
            { fact: 'x', op: 'equals', value: 'a' },
          ],
        },
        {
          all: [
            { fact: 'x', op: 'exists' },
            { not: { fact: 'x', op: 'oneOf', value: ['a', 'b'] } },
            { not: { fact: 'x', op: 'gte', value: 3 } },
          ],
        },
      ];
      for (const rule of rules) {
        expect(evaluateRule(rule, f)).toEqual({ passed: true });
      }
      expect(toJSON).not.toHaveBeenCalled();
    });

    it('are built once for a reported failure', () => {
      const { facts: f, toJSON } = counted();
      expect(
        evaluateRule(
          {
            any: [
              { not: { fact: 'x', op: 'exists' } },
              { fact: 'x', op: 'equals', value: 'a' },
            ],
          },
          f,
        ),
      ).toEqual({
        passed: false,
        message:
          'none of the alternatives holds: expected this not to hold: x exists; or expected x to be "a"; found "big"',
      });
      expect(toJSON).toHaveBeenCalledTimes(1);
    });
  });

  describe('factLabel', () => {
    it('names entity fields by their YAML path and other facts in words', () => {
      expect(factLabel('entity.spec.risk.tier')).toBe('spec.risk.tier');
      expect(factLabel('changes.productionVersionApproved')).toBe(
        'production version approved (changes)',
      );
      expect(factLabel('evaluation.fairnessWithinThreshold')).toBe(
        'fairness within threshold (evaluation)',
      );
      expect(factLabel('x')).toBe('x');
    });
  });
});
