import {
  ANNEX_III_AREAS,
  ANNEX_III_DEROGATIONS,
  ANNEX_III_POINTS,
  GENERAL_PURPOSE_MODEL_STATUSES,
  PROHIBITED_PRACTICES,
  TRANSPARENCY_DUTIES,
  type RiskClassification,
  type RiskQuestionOption,
  type RiskQuestionnaireAnswers,
} from '@modelops/plugin-modelops-common';

/** What the risk assessment document is about. */
export interface RiskAssessmentDocument {
  entityRef: string;
  title?: string;
  answers: RiskQuestionnaireAnswers;
  classification: RiskClassification;
  assessedAt: string;
  assessedBy?: string;
}

function labels<TId extends string>(
  options: ReadonlyArray<RiskQuestionOption<TId>>,
  selected: TId[] | undefined,
): string {
  const chosen = options.filter(o => selected?.includes(o.id));
  if (chosen.length === 0) {
    return 'None';
  }
  return chosen.map(o => `${o.label} (${o.article})`).join('; ');
}

function yesNo(value: boolean | undefined): string {
  return value ? 'Yes' : 'No';
}

function escapeCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * Renders RISK_ASSESSMENT.md: the answers as given, the tier, the reasons and
 * the controls as a checklist, so the document doubles as the evidence trail
 * a reviewer signs off and the to-do list the team works through.
 */
export function renderRiskAssessment(doc: RiskAssessmentDocument): string {
  const { answers, classification } = doc;
  const answerRows: [string, string][] = [
    [
      'Prohibited practices (Art. 5)',
      labels(PROHIBITED_PRACTICES, answers.prohibitedPractices),
    ],
    [
      'Safety component of an Annex I product (Art. 6(1))',
      yesNo(answers.annexISafetyComponent),
    ],
    [
      'Annex III points (Art. 6(2))',
      labels(ANNEX_III_POINTS, answers.annexIIIPoints),
    ],
    [
      'Annex III high-risk areas (Art. 6(2))',
      labels(ANNEX_III_AREAS, answers.annexIIIAreas),
    ],
    [
      'Art. 6(3) condition',
      labels(
        ANNEX_III_DEROGATIONS,
        answers.annexIIIDerogation ? [answers.annexIIIDerogation] : undefined,
      ),
    ],
    ['Profiles natural persons', yesNo(answers.profilesNaturalPersons)],
    [
      'Transparency duties (Art. 50)',
      labels(TRANSPARENCY_DUTIES, answers.transparencyDuties),
    ],
    [
      'General-purpose AI model',
      labels(GENERAL_PURPOSE_MODEL_STATUSES, [
        answers.generalPurposeModel ?? 'none',
      ]),
    ],
    [
      'Public body or public service deployer (Art. 27)',
      yesNo(answers.publicServiceDeployer),
    ],
  ];

  const lines = [
    `# AI risk assessment: ${doc.title ?? doc.entityRef}`,
    '',
    `| | |`,
    `| --- | --- |`,
    `| Entity | \`${doc.entityRef}\` |`,
    `| Risk tier (EU AI Act) | **${classification.tier}** |`,
    ...(classification.domain ? [`| Domain | ${classification.domain} |`] : []),
    `| Assessed on | ${doc.assessedAt} |`,
    ...(doc.assessedBy ? [`| Assessed by | \`${doc.assessedBy}\` |`] : []),
    '',
    '## Why this tier',
    '',
    ...classification.rationale.map(r => `- ${r}`),
    '',
    '## Required controls',
    '',
    'Tick a control when its evidence exists; the scorecards check the evidence named here.',
    '',
    ...classification.controls.map(
      c =>
        `- [ ] **${c.title}** (${c.article}): ${c.description}${
          c.evidence ? ` Evidence: ${c.evidence}.` : ''
        }`,
    ),
    '',
    '## Answers',
    '',
    '| Question | Answer |',
    '| --- | --- |',
    ...answerRows.map(([q, a]) => `| ${escapeCell(q)} | ${escapeCell(a)} |`),
    '',
    '## Review',
    '',
    'Repeat this assessment when the intended purpose, the users or the training data change, and at least once a year.',
    '',
  ];
  return lines.join('\n');
}
