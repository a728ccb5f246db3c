import {
  ANNEX_III_AREAS,
  ANNEX_III_DEROGATIONS,
  PROHIBITED_PRACTICES,
  TRANSPARENCY_DUTIES,
} from './riskQuestionnaire';
import { RISK_CONTROLS, type RiskControlId } from './riskControls';
import type {
  RiskClassification,
  RiskQuestionOption,
  RiskQuestionnaireAnswers,
  RiskTier,
  TransparencyDuty,
} from './types';

const HIGH_RISK_CONTROLS: RiskControlId[] = [
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

const TRANSPARENCY_CONTROLS: Record<TransparencyDuty, RiskControlId> = {
  'interacts-with-people': 'disclose-ai-interaction',
  'generates-synthetic-content': 'mark-synthetic-content',
  'emotion-recognition-or-biometric-categorisation': 'inform-exposed-persons',
  'deep-fake': 'disclose-deep-fake',
  'public-interest-text': 'disclose-generated-public-text',
};

function describe<TId extends string>(
  options: ReadonlyArray<RiskQuestionOption<TId>>,
  id: TId,
): string {
  const option = options.find(o => o.id === id);
  // Unknown ids cannot come from the typed API; keep the id so nothing is silently dropped.
  return option ? `${option.article}: ${option.label}` : id;
}

function unique<T>(values: readonly T[] | undefined): T[] {
  return [...new Set(values ?? [])];
}

/**
 * Classifies answers to the AI risk questionnaire into an EU AI Act risk tier,
 * the controls that tier requires and the reasons for it.
 *
 * @remarks
 * The order of precedence follows the Act: a prohibited practice (Art. 5)
 * makes the system unacceptable whatever else applies; a safety component of
 * an Annex I product (Art. 6(1)) or use in an Annex III area (Art. 6(2)) makes
 * it high-risk unless an Art. 6(3) condition applies and it does not profile
 * people; otherwise a transparency duty (Art. 50) makes it limited, and
 * everything else is minimal. Transparency and general-purpose model duties
 * add their controls to any tier below unacceptable, because they apply on
 * top of the high-risk requirements.
 *
 * The function is pure so the questionnaire form can preview the result
 * while the user answers.
 *
 * @public
 */
export function classifyRisk(
  answers: RiskQuestionnaireAnswers,
): RiskClassification {
  const rationale: string[] = [];
  const controls = new Set<RiskControlId>(['ai-literacy']);

  const prohibited = unique(answers.prohibitedPractices);
  if (prohibited.length > 0) {
    for (const practice of prohibited) {
      rationale.push(
        `Prohibited practice, ${describe(PROHIBITED_PRACTICES, practice)}.`,
      );
    }
    controls.add('cease-prohibited-practice');
    return finish('unacceptable', controls, rationale, undefined);
  }

  let tier: RiskTier = 'minimal';
  let domain: string | undefined;

  if (answers.annexISafetyComponent) {
    tier = 'high';
    rationale.push(
      'Art. 6(1): safety component of a product covered by Annex I harmonisation legislation that needs third-party conformity assessment.',
    );
  }

  const areas = unique(answers.annexIIIAreas);
  if (areas.length > 0) {
    const derogation = answers.annexIIIDerogation;
    if (derogation && !answers.profilesNaturalPersons) {
      rationale.push(
        `Used in ${areas
          .map(a => describe(ANNEX_III_AREAS, a))
          .join('; ')}, but not high-risk because ${describe(
          ANNEX_III_DEROGATIONS,
          derogation,
        )}.`,
      );
      controls.add('document-non-high-risk-assessment');
    } else {
      tier = 'high';
      domain = areas[0];
      for (const area of areas) {
        rationale.push(
          `High-risk use (Art. 6(2)), ${describe(ANNEX_III_AREAS, area)}.`,
        );
      }
      if (derogation) {
        rationale.push(
          'Art. 6(3) conditions do not apply because the system profiles natural persons.',
        );
      }
    }
  }

  if (tier === 'high') {
    HIGH_RISK_CONTROLS.forEach(c => controls.add(c));
    // Art. 27 binds public deployers and deployers of credit scoring and insurance pricing (Annex III 5(b), 5(c)).
    if (answers.publicServiceDeployer || areas.includes('essential-services')) {
      controls.add('fundamental-rights-impact-assessment');
      rationale.push(
        'Art. 27: a fundamental rights impact assessment is required before first use.',
      );
    }
  }

  const duties = unique(answers.transparencyDuties);
  for (const duty of duties) {
    controls.add(TRANSPARENCY_CONTROLS[duty]);
    rationale.push(
      `Transparency duty, ${describe(TRANSPARENCY_DUTIES, duty)}.`,
    );
  }
  if (duties.length > 0 && tier === 'minimal') {
    tier = 'limited';
  }

  if (
    answers.generalPurposeModel === 'gpai' ||
    answers.generalPurposeModel === 'gpai-systemic-risk'
  ) {
    controls.add('gpai-technical-documentation');
    controls.add('gpai-copyright-policy');
    controls.add('gpai-training-content-summary');
    rationale.push(
      'Art. 53: obligations of providers of general-purpose AI models apply.',
    );
  }
  if (answers.generalPurposeModel === 'gpai-systemic-risk') {
    controls.add('gpai-systemic-risk-evaluation');
    controls.add('gpai-incident-reporting');
    controls.add('gpai-cybersecurity');
    rationale.push(
      'Art. 55: obligations of providers of general-purpose AI models with systemic risk apply.',
    );
  }

  if (tier === 'minimal') {
    controls.add('voluntary-code-of-conduct');
    rationale.push(
      'No prohibited practice, high-risk use or transparency duty applies: minimal risk.',
    );
  }

  return finish(tier, controls, rationale, domain);
}

function finish(
  tier: RiskTier,
  controls: Set<RiskControlId>,
  rationale: string[],
  domain: string | undefined,
): RiskClassification {
  // Catalogue order rather than insertion order keeps documents stable across answer orderings.
  const ordered = (Object.keys(RISK_CONTROLS) as RiskControlId[])
    .filter(id => controls.has(id))
    .map(id => ({ ...RISK_CONTROLS[id] }));
  return { tier, controls: ordered, rationale, ...(domain ? { domain } : {}) };
}
