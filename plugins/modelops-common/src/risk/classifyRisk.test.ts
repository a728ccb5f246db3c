import fc from 'fast-check';
import { classifyRisk } from './classifyRisk';
import {
  ANNEX_III_AREA_IDS,
  ANNEX_III_DEROGATION_IDS,
  GENERAL_PURPOSE_MODEL_STATUS_IDS,
  PROHIBITED_PRACTICE_IDS,
  TRANSPARENCY_DUTY_IDS,
} from './riskQuestionnaire';
import { RISK_CONTROLS } from './riskControls';
import type { RiskQuestionnaireAnswers, RiskTier } from './types';

const HIGH_RISK_CORE = [
  'risk-management-system',
  'data-governance',
  'technical-documentation',
  'record-keeping',
  'instructions-for-use',
  'human-oversight',
  'accuracy-robustness-cybersecurity',
  'quality-management-system',
  'conformity-assessment',
  'eu-database-registration',
  'post-market-monitoring',
  'serious-incident-reporting',
];

describe('classifyRisk', () => {
  it.each<{
    name: string;
    answers: RiskQuestionnaireAnswers;
    tier: RiskTier;
    includes: string[];
    excludes: string[];
    domain?: string;
  }>([
    {
      name: 'nothing answered',
      answers: {},
      tier: 'minimal',
      includes: ['ai-literacy', 'voluntary-code-of-conduct'],
      excludes: ['human-oversight', 'disclose-ai-interaction'],
    },
    {
      name: 'social scoring',
      answers: { prohibitedPractices: ['social-scoring'] },
      tier: 'unacceptable',
      includes: ['cease-prohibited-practice'],
      excludes: ['human-oversight', 'voluntary-code-of-conduct'],
    },
    {
      name: 'prohibited practice wins over high-risk area and chatbot',
      answers: {
        prohibitedPractices: ['emotion-recognition-work-education'],
        annexIIIAreas: ['employment'],
        transparencyDuties: ['interacts-with-people'],
      },
      tier: 'unacceptable',
      includes: ['cease-prohibited-practice'],
      excludes: ['disclose-ai-interaction', 'conformity-assessment'],
    },
    {
      name: 'credit scoring',
      answers: { annexIIIPoints: ['5(b)'] },
      tier: 'high',
      includes: [...HIGH_RISK_CORE, 'fundamental-rights-impact-assessment'],
      excludes: ['voluntary-code-of-conduct'],
      domain: 'essential-services',
    },
    {
      name: 'CV screening in recruitment',
      answers: { annexIIIAreas: ['employment'] },
      tier: 'high',
      includes: HIGH_RISK_CORE,
      excludes: ['fundamental-rights-impact-assessment'],
      domain: 'employment',
    },
    {
      name: 'exam grading by a public school',
      answers: { annexIIIAreas: ['education'], publicServiceDeployer: true },
      tier: 'high',
      includes: ['fundamental-rights-impact-assessment'],
      excludes: [],
      domain: 'education',
    },
    {
      name: 'safety component of a medical device',
      answers: { annexISafetyComponent: true },
      tier: 'high',
      includes: HIGH_RISK_CORE,
      excludes: ['fundamental-rights-impact-assessment'],
    },
    {
      name: 'Annex III area with a narrow procedural task',
      answers: {
        annexIIIAreas: ['employment'],
        annexIIIDerogation: 'narrow-procedural-task',
      },
      tier: 'minimal',
      includes: ['document-non-high-risk-assessment'],
      excludes: ['conformity-assessment'],
    },
    {
      name: 'derogation voided by profiling',
      answers: {
        annexIIIAreas: ['employment'],
        annexIIIDerogation: 'preparatory-task',
        profilesNaturalPersons: true,
      },
      tier: 'high',
      includes: HIGH_RISK_CORE,
      excludes: ['document-non-high-risk-assessment'],
      domain: 'employment',
    },
    {
      name: 'customer service chatbot',
      answers: { transparencyDuties: ['interacts-with-people'] },
      tier: 'limited',
      includes: ['disclose-ai-interaction'],
      excludes: ['voluntary-code-of-conduct', 'human-oversight'],
    },
    {
      name: 'image generator producing deep fakes',
      answers: {
        transparencyDuties: ['generates-synthetic-content', 'deep-fake'],
      },
      tier: 'limited',
      includes: ['mark-synthetic-content', 'disclose-deep-fake'],
      excludes: ['disclose-ai-interaction'],
    },
    {
      name: 'high-risk chatbot keeps both sets of duties',
      answers: {
        annexIIIAreas: ['migration-border-control'],
        transparencyDuties: ['interacts-with-people'],
      },
      tier: 'high',
      includes: [...HIGH_RISK_CORE, 'disclose-ai-interaction'],
      excludes: [],
      domain: 'migration-border-control',
    },
    {
      name: 'derogated Annex III chatbot is limited',
      answers: {
        annexIIIAreas: ['education'],
        annexIIIDerogation: 'improves-completed-human-activity',
        transparencyDuties: ['interacts-with-people'],
      },
      tier: 'limited',
      includes: [
        'document-non-high-risk-assessment',
        'disclose-ai-interaction',
      ],
      excludes: ['conformity-assessment'],
    },
    {
      name: 'general-purpose model',
      answers: { generalPurposeModel: 'gpai' },
      tier: 'minimal',
      includes: [
        'gpai-technical-documentation',
        'gpai-copyright-policy',
        'gpai-training-content-summary',
      ],
      excludes: ['gpai-systemic-risk-evaluation'],
    },
    {
      name: 'general-purpose model with systemic risk generating text',
      answers: {
        generalPurposeModel: 'gpai-systemic-risk',
        transparencyDuties: ['generates-synthetic-content'],
      },
      tier: 'limited',
      includes: [
        'gpai-training-content-summary',
        'gpai-systemic-risk-evaluation',
        'gpai-incident-reporting',
        'gpai-cybersecurity',
        'mark-synthetic-content',
      ],
      excludes: [],
    },
    {
      name: 'explicit no to general-purpose',
      answers: { generalPurposeModel: 'none', annexISafetyComponent: false },
      tier: 'minimal',
      includes: ['voluntary-code-of-conduct'],
      excludes: ['gpai-copyright-policy'],
    },
  ])('$name -> $tier', ({ answers, tier, includes, excludes, domain }) => {
    const result = classifyRisk(answers);
    const ids = result.controls.map(c => c.id);
    expect(result.tier).toBe(tier);
    expect(ids).toEqual(expect.arrayContaining(includes));
    for (const id of excludes) {
      expect(ids).not.toContain(id);
    }
    expect(result.domain).toBe(domain);
    expect(result.rationale.length).toBeGreaterThan(0);
  });

  describe('Annex III sub-points and the Art. 27(1) impact assessment', () => {
    const FRIA = 'fundamental-rights-impact-assessment';
    it.each<{
      name: string;
      answers: RiskQuestionnaireAnswers;
      tier: RiskTier;
      points?: string[];
      fria: boolean;
      cites: RegExp;
    }>([
      {
        name: 'credit scoring by a bank',
        answers: { annexIIIPoints: ['5(b)'] },
        tier: 'high',
        points: ['5(b)'],
        fria: true,
        cites: /Annex III 5\(b\): Evaluating creditworthiness/,
      },
      {
        name: 'life insurance pricing',
        answers: { annexIIIPoints: ['5(c)'] },
        tier: 'high',
        points: ['5(c)'],
        fria: true,
        cites: /every deployer of an Annex III 5\(c\) system/,
      },
      {
        name: 'CV screening by a private employer',
        answers: { annexIIIPoints: ['4(a)'] },
        tier: 'high',
        points: ['4(a)'],
        fria: false,
        cites: /Annex III 4\(a\): Recruitment or selection/,
      },
      {
        name: 'emergency triage in a private clinic',
        answers: { annexIIIPoints: ['5(d)'] },
        tier: 'high',
        points: ['5(d)'],
        fria: false,
        cites: /Annex III 5\(d\): Evaluating and classifying emergency calls/,
      },
      {
        name: 'emergency triage by a public hospital',
        answers: { annexIIIPoints: ['5(d)'], publicServiceDeployer: true },
        tier: 'high',
        points: ['5(d)'],
        fria: true,
        cites: /governed by public law or providing public services/,
      },
      {
        name: 'grid load control by a public utility (Annex III point 2)',
        answers: { annexIIIPoints: ['2'], publicServiceDeployer: true },
        tier: 'high',
        points: ['2'],
        fria: false,
        cites: /leaves out Annex III point 2/,
      },
      {
        name: 'medical device component deployed by a public hospital (Annex I)',
        answers: { annexISafetyComponent: true, publicServiceDeployer: true },
        tier: 'high',
        fria: false,
        cites: /high-risk through Annex I/,
      },
      {
        name: 'essential services without a sub-point',
        answers: { annexIIIAreas: ['essential-services'] },
        tier: 'high',
        fria: false,
        cites: /answer the sub-point to decide/,
      },
      {
        name: 'credit scoring as a narrow procedural task',
        answers: {
          annexIIIPoints: ['5(b)'],
          annexIIIDerogation: 'narrow-procedural-task',
        },
        tier: 'minimal',
        fria: false,
        cites: /but not high-risk because Art\. 6\(3\)\(a\)/,
      },
    ])('$name -> $tier', ({ answers, tier, points, fria, cites }) => {
      const result = classifyRisk(answers);
      expect(result.tier).toBe(tier);
      expect(result.annexIIIPoints).toEqual(points);
      expect(result.controls.map(c => c.id).includes(FRIA)).toBe(fria);
      expect(result.rationale.join('\n')).toMatch(cites);
    });
  });

  it('cites the article of each finding in the rationale', () => {
    const result = classifyRisk({
      annexIIIAreas: ['essential-services'],
      transparencyDuties: ['interacts-with-people'],
    });
    expect(result.rationale).toEqual([
      expect.stringContaining('Annex III(5)'),
      expect.stringContaining('Art. 27'),
      expect.stringContaining('Art. 50(1)'),
    ]);
  });

  const answersArbitrary: fc.Arbitrary<RiskQuestionnaireAnswers> = fc.record(
    {
      prohibitedPractices: fc.subarray([...PROHIBITED_PRACTICE_IDS]),
      annexISafetyComponent: fc.boolean(),
      annexIIIAreas: fc.subarray([...ANNEX_III_AREA_IDS]),
      annexIIIDerogation: fc.constantFrom(...ANNEX_III_DEROGATION_IDS),
      profilesNaturalPersons: fc.boolean(),
      transparencyDuties: fc.subarray([...TRANSPARENCY_DUTY_IDS]),
      generalPurposeModel: fc.constantFrom(...GENERAL_PURPOSE_MODEL_STATUS_IDS),
      publicServiceDeployer: fc.boolean(),
    },
    { requiredKeys: [] },
  );

  it('lists each control once, in catalogue order, with any answers', () => {
    const catalogue = Object.keys(RISK_CONTROLS);
    fc.assert(
      fc.property(answersArbitrary, answers => {
        const ids = classifyRisk(answers).controls.map(c => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        const positions = ids.map(id => catalogue.indexOf(id));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(ids).toContain('ai-literacy');
      }),
    );
  });

  it('never lowers the tier when a prohibited practice is added', () => {
    fc.assert(
      fc.property(
        answersArbitrary,
        fc.constantFrom(...PROHIBITED_PRACTICE_IDS),
        (answers, practice) => {
          const result = classifyRisk({
            ...answers,
            prohibitedPractices: [practice],
          });
          expect(result.tier).toBe('unacceptable');
        },
      ),
    );
  });

  it('does not depend on the order of answers', () => {
    fc.assert(
      fc.property(answersArbitrary, answers => {
        const reversed: RiskQuestionnaireAnswers = {
          ...answers,
          transparencyDuties: answers.transparencyDuties
            ? [...answers.transparencyDuties].reverse()
            : undefined,
        };
        expect(classifyRisk(reversed).controls).toEqual(
          classifyRisk(answers).controls,
        );
      }),
    );
  });
});
