import {
  ANNEX_III_AREAS,
  ANNEX_III_DEROGATIONS,
  ANNEX_III_POINTS,
  PROHIBITED_PRACTICES,
  TRANSPARENCY_DUTIES,
} from './riskQuestionnaire';
import { RISK_CONTROLS, type RiskControlId } from './riskControls';
import type {
  AnnexIIIArea,
  AnnexIIIPoint,
  RiskClassification,
  RiskQuestionOption,
  RiskQuestionnaireAnswers,
  RiskTier,
  TransparencyDuty,
} from './types';

/**
 * The version of the classification rules in {@link classifyRisk}. Raise it
 * with every change that can give the same answers another tier or other
 * controls: a recorded assessment keeps the version that classified it, so
 * a reviewer can tell an assessment made under older rules.
 *
 * @public
 */
export const RISK_CLASSIFIER_VERSION = '1.0.0';

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
 * Annex III answers carry their sub-point (`5(b)`), which decides the
 * fundamental rights impact assessment of Art. 27(1); an area answered
 * without a sub-point is high-risk all the same, and the rationale says
 * what the sub-point would decide.
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

  const points = unique(answers.annexIIIPoints);
  const areaOf = (point: AnnexIIIPoint): AnnexIIIArea =>
    ANNEX_III_POINTS.find(p => p.id === point)!.area;
  // Areas answered without a sub-point; a point already names its area.
  const bareAreas = unique(answers.annexIIIAreas).filter(
    area => !points.some(p => areaOf(p) === area),
  );
  const areas = unique([...points.map(areaOf), ...bareAreas]);
  const uses = [
    ...points.map(p => describe(ANNEX_III_POINTS, p)),
    ...bareAreas.map(
      a => `${describe(ANNEX_III_AREAS, a)} (sub-point not answered)`,
    ),
  ];
  let highViaAnnexIII = false;
  if (areas.length > 0) {
    const derogation = answers.annexIIIDerogation;
    if (derogation && !answers.profilesNaturalPersons) {
      rationale.push(
        `Used in ${uses.join('; ')}, but not high-risk because ${describe(
          ANNEX_III_DEROGATIONS,
          derogation,
        )}.`,
      );
      controls.add('document-non-high-risk-assessment');
    } else {
      tier = 'high';
      highViaAnnexIII = true;
      domain = areas[0];
      for (const use of uses) {
        rationale.push(`High-risk use (Art. 6(2)), ${use}.`);
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
    const fria = fundamentalRightsAssessment(
      highViaAnnexIII ? points : [],
      highViaAnnexIII ? bareAreas : [],
      answers.publicServiceDeployer === true,
    );
    if (fria.required) controls.add('fundamental-rights-impact-assessment');
    if (fria.reason) rationale.push(fria.reason);
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

  return finish(
    tier,
    controls,
    rationale,
    domain,
    tier === 'high' ? points : [],
  );
}

/**
 * Art. 27(1): deployers of Art. 6(2) (Annex III) systems other than point 2
 * assess the impact on fundamental rights when they are bodies governed by
 * public law or private entities providing public services, and every
 * deployer of an Annex III 5(b) or 5(c) system does. Annex I systems are
 * out of its scope.
 */
function fundamentalRightsAssessment(
  points: AnnexIIIPoint[],
  bareAreas: AnnexIIIArea[],
  publicService: boolean,
): { required: boolean; reason?: string } {
  const creditOrInsurance = points.filter(p => p === '5(b)' || p === '5(c)');
  if (creditOrInsurance.length > 0) {
    return {
      required: true,
      reason: `Art. 27(1): every deployer of an Annex III ${creditOrInsurance.join(
        ' or ',
      )} system performs a fundamental rights impact assessment before first use.`,
    };
  }
  const outsidePoint2 =
    points.some(p => p !== '2') ||
    bareAreas.some(a => a !== 'critical-infrastructure');
  if (publicService && outsidePoint2) {
    return {
      required: true,
      reason:
        'Art. 27(1): a deployer governed by public law or providing public services performs a fundamental rights impact assessment before first use.',
    };
  }
  if (bareAreas.includes('essential-services')) {
    return {
      required: false,
      reason:
        'Art. 27(1): a fundamental rights impact assessment is required if the use is Annex III 5(b) (credit scoring) or 5(c) (life and health insurance pricing); answer the sub-point to decide.',
    };
  }
  if (publicService) {
    return {
      required: false,
      reason:
        'Art. 27(1) does not apply: it leaves out Annex III point 2 and systems that are high-risk through Annex I.',
    };
  }
  return { required: false };
}

function finish(
  tier: RiskTier,
  controls: Set<RiskControlId>,
  rationale: string[],
  domain: string | undefined,
  annexIIIPoints: AnnexIIIPoint[] = [],
): RiskClassification {
  // Catalogue order rather than insertion order keeps documents stable across answer orderings.
  const ordered = (Object.keys(RISK_CONTROLS) as RiskControlId[])
    .filter(id => controls.has(id))
    .map(id => ({ ...RISK_CONTROLS[id] }));
  return {
    tier,
    controls: ordered,
    rationale,
    ...(domain ? { domain } : {}),
    ...(annexIIIPoints.length > 0 ? { annexIIIPoints } : {}),
  };
}
