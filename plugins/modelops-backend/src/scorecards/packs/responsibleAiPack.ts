import type {
  CheckDefinition,
  CheckRule,
  ObligationRole,
} from '@modelops/plugin-modelops-common';
import type { ModelopsCheck } from '@modelops/plugin-modelops-node';
import { currentEvidenceOutcome } from './currentEvidence';
import { practice } from './practices';

const pack = 'responsible-ai';
const models: CheckDefinition['appliesTo'] = { kinds: ['MLModel'] };
/** High-risk models, whichever EU AI Act role the organisation holds. */
const highRisk: CheckDefinition['appliesTo'] = {
  kinds: ['MLModel'],
  riskTiers: ['high'],
};
/** Purpose restriction and provenance matter once people meet the output. */
const limitedOrHigh: CheckDefinition['appliesTo'] = {
  kinds: ['MLModel'],
  riskTiers: ['limited', 'high'],
};

/**
 * The organisation holds an EU AI Act role for the model: `spec.risk.roles`
 * lists it, or is absent (a catalogued in-house model is usually both
 * provided and deployed by its owner).
 */
function holdsRole(role: ObligationRole): CheckRule {
  return {
    any: [
      { not: { fact: 'entity.spec.risk.roles', op: 'exists' } },
      { fact: 'entity.spec.risk.roles', op: 'oneOf', value: [role] },
    ],
  };
}

/** High-risk obligations of providers (Art. 9-17, 43, 49, 72, 73). */
const highRiskProvider: CheckDefinition['appliesTo'] = {
  ...highRisk,
  when: holdsRole('provider'),
};
/** High-risk provider obligations that start once the system is placed on the market. */
const highRiskProviderInService: CheckDefinition['appliesTo'] = {
  ...highRiskProvider,
  lifecycles: ['production', 'deprecated'],
};
/** An Annex III point other than 2 (critical infrastructure), which Art. 27(1) and 49(1) leave out. */
const annexIIIExceptPoint2: CheckRule[] = [
  { fact: 'entity.spec.risk.annexIII', op: 'exists' },
  { not: { fact: 'entity.spec.risk.annexIII', op: 'equals', value: '2' } },
];
/** Art. 50 duties bind whatever the tier; a minimal-risk model has none by definition. */
function transparencyDuty(
  duty: 'interaction' | 'syntheticContent' | 'deepFake',
  role: ObligationRole,
): CheckDefinition['appliesTo'] {
  return {
    ...limitedOrHigh,
    when: {
      all: [
        { fact: `entity.spec.risk.transparency.${duty}`, op: 'exists' },
        holdsRole(role),
      ],
    },
  };
}
/** A dated assessment is linked: what both the impact assessment checks read. */
const assessmentOnFile: CheckRule = {
  all: [
    { fact: 'entity.spec.risk.impactAssessment.url', op: 'exists' },
    { fact: 'entity.spec.risk.impactAssessment.date', op: 'exists' },
  ],
};

/** How old the latest review of the risk management file may be (Art. 9(2)). */
export const RISK_MANAGEMENT_MAX_AGE_DAYS = 365;

/**
 * Responsible AI and compliance. The risk tier, the EU AI Act role and the
 * recorded scope decide which checks apply: every model states a tier;
 * high-risk models need an impact assessment, human oversight,
 * explainability, fairness thresholds met, logs kept, technical
 * documentation, instructions for use, post-market monitoring, change
 * control, conformity assessment and registration; the deployers Art. 27(1)
 * names need a fundamental rights impact assessment; Art. 50 duties need
 * their notice, marking or disclosure; unacceptable-risk models must not be
 * developed or served. Each check cites the obligations it evidences by id
 * (see `OBLIGATIONS` in the common package) and applies only inside their
 * scope.
 */
export const responsibleAiPack: CheckDefinition[] = [
  {
    id: `${pack}.risk-tier`,
    title: 'Risk tier classified',
    description:
      'The model is classified under the EU AI Act tiers; the tier decides which checks apply.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: [
        'eu-ai-act.art-6-2-3',
        'nist-ai-rmf.govern-1.3',
        'iso-42001.a.5.2',
      ],
    },
    appliesTo: models,
    rule: {
      fact: 'entity.spec.risk.tier',
      op: 'oneOf',
      value: ['unacceptable', 'high', 'limited', 'minimal'],
    },
    severity: 'critical',
    remediation: {
      text: 'Set spec.risk.tier (high, limited or minimal); the risk classification template step helps.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.prohibited-practice`,
    title: 'No prohibited practice in use',
    description:
      'A model classified as unacceptable risk is retired: not developed, not served, not kept as deprecated.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: ['eu-ai-act.art-5-1', 'nist-ai-rmf.govern-1.1'],
    },
    appliesTo: { kinds: ['MLModel'], riskTiers: ['unacceptable'] },
    // A deprecated model still serves traffic, so only retired is compliant.
    rule: { fact: 'entity.spec.lifecycle', op: 'equals', value: 'retired' },
    severity: 'critical',
    remediation: {
      text: 'Stop development and serving and set spec.lifecycle: retired, or re-assess the risk tier with the risk classification template.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.acceptable-risk`,
    title: 'Risk is acceptable',
    description:
      'The model is not an unacceptable-risk (prohibited) system. A model classified as unacceptable risk never reaches a Responsible AI level, retired or not: retiring it ends the breach, it does not make the system responsible.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: ['eu-ai-act.art-5-1', 'nist-ai-rmf.govern-1.1'],
    },
    appliesTo: { kinds: ['MLModel'], riskTiers: ['unacceptable'] },
    rule: {
      fact: 'entity.spec.risk.tier',
      op: 'oneOf',
      value: ['high', 'limited', 'minimal'],
    },
    severity: 'critical',
    remediation: {
      text: 'None for this model: a prohibited practice cannot be made compliant. Retire it (spec.lifecycle: retired) and, if the use case is rebuilt, classify the new model with the risk classification template.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.impact-assessment`,
    title: 'Impact assessment on file',
    description:
      'A dated assessment of the impacts on individuals, groups and society is linked.',
    rationale: {
      practice: practice(6, 'impact assessments'),
      obligations: [
        'nist-ai-rmf.map-5.1',
        'iso-42001.a.5.2',
        'iso-42001.a.5.3',
        'iso-42001.a.5.4',
      ],
    },
    appliesTo: highRisk,
    rule: assessmentOnFile,
    severity: 'critical',
    remediation: {
      text: 'Link the assessment in spec.risk.impactAssessment (url and date).',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.risk-management-system`,
    title: 'Risk management system maintained',
    description:
      'The risk management file (identified and foreseeable risks, their estimates, the measures adopted and the residual risk) is linked and was reviewed in the last 12 months: Art. 9 asks for a continuous process, reviewed and updated over the life cycle.',
    rationale: {
      practice: practice(6, 'impact assessments'),
      obligations: ['eu-ai-act.art-9-1-2', 'nist-ai-rmf.govern-1.5'],
    },
    appliesTo: highRiskProvider,
    rule: {
      all: [
        { fact: 'entity.spec.risk.riskManagement.url', op: 'exists' },
        {
          fact: 'records.riskManagementReviewAgeDays',
          op: 'lte',
          value: RISK_MANAGEMENT_MAX_AGE_DAYS,
        },
      ],
    },
    severity: 'critical',
    remediation: {
      text: 'Link the risk management file in spec.risk.riskManagement.url and record the date of its latest review in spec.risk.riskManagement.reviewedAt; review it at least once a year and whenever the model changes.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.human-oversight`,
    title: 'Human oversight and opt-out',
    description:
      'A human can override decisions and affected people can opt out.',
    rationale: {
      practice: practice(6, 'opt-out mechanisms'),
      obligations: [
        'eu-ai-act.art-14-4-de',
        'gdpr.art-22-3',
        'nist-ai-rmf.map-3.5',
        'nist-ai-rmf.manage-2.4',
      ],
    },
    appliesTo: highRiskProvider,
    rule: {
      all: [
        {
          fact: 'entity.spec.risk.humanOversight.mode',
          op: 'oneOf',
          value: ['human-in-the-loop', 'human-on-the-loop', 'human-in-command'],
        },
        {
          fact: 'entity.spec.risk.humanOversight.optOut',
          op: 'equals',
          value: true,
        },
      ],
    },
    severity: 'critical',
    remediation: {
      text: 'Set spec.risk.humanOversight.mode (not none) and optOut: true once the override exists.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.explainability`,
    title: 'Explainability technique',
    description: 'Decisions affecting people can be explained (SHAP, LIME...).',
    rationale: {
      practice: practice(6, 'explainability techniques'),
      obligations: ['eu-ai-act.art-13-1', 'nist-ai-rmf.measure-2.9'],
    },
    appliesTo: highRiskProvider,
    rule: { fact: 'entity.spec.risk.explainability', op: 'exists' },
    severity: 'error',
    remediation: {
      text: 'List the techniques in spec.risk.explainability, e.g. [shap].',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.allowed-purposes`,
    title: 'Purpose restricted',
    description:
      'The purposes the model may be used for are listed, against function creep.',
    rationale: {
      practice: practice(6, 'Restrict model usage'),
      obligations: ['nist-ai-rmf.map-3.3', 'iso-42001.a.9.4'],
    },
    appliesTo: limitedOrHigh,
    rule: { fact: 'entity.spec.allowedPurposes', op: 'exists' },
    severity: 'error',
    remediation: {
      text: 'List spec.allowedPurposes; consumers outside them need a new assessment.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.fairness-thresholds`,
    title: 'Fairness thresholds defined',
    description:
      'Protected attributes and fairness metrics with thresholds are declared.',
    rationale: {
      practice: practice(3, 'bias audits'),
      obligations: ['eu-ai-act.art-10-2-fg', 'nist-ai-rmf.measure-2.11'],
    },
    appliesTo: highRiskProvider,
    rule: {
      all: [
        { fact: 'entity.spec.risk.protectedAttributes', op: 'exists' },
        { fact: 'entity.spec.risk.fairness', op: 'exists' },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Set spec.risk.protectedAttributes and spec.risk.fairness ({metric, threshold}).',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.decision-log-retention`,
    title: 'Decision logs retained',
    description:
      'Decisions and their justifications are kept for at least six months.',
    rationale: {
      practice: practice(6, 'Archive model decisions'),
      obligations: [
        'eu-ai-act.art-19-1',
        'eu-ai-act.art-26-6',
        'iso-42001.a.6.2.8',
      ],
    },
    appliesTo: highRisk,
    rule: { fact: 'records.decisionLogDays', op: 'gte', value: 183 },
    severity: 'error',
    remediation: {
      text: 'Set spec.retention.decisionLogs to an ISO 8601 duration of at least P6M (e.g. P7Y).',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.provenance`,
    title: 'Training data provenance',
    description:
      'The datasets the model was trained and evaluated on are referenced.',
    rationale: {
      practice: practice(6, 'data provenance'),
      obligations: ['nist-ai-rmf.map-2.3', 'iso-42001.a.7.5'],
    },
    appliesTo: limitedOrHigh,
    rule: {
      all: [
        { fact: 'entity.spec.trainedOn', op: 'exists' },
        { fact: 'entity.spec.evaluatedOn', op: 'exists' },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Reference Dataset entities in spec.trainedOn and spec.evaluatedOn.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.review-board`,
    title: 'Review board assigned',
    description: 'A review board evaluates the application.',
    rationale: {
      practice: practice(6, 'review boards'),
      obligations: ['nist-ai-rmf.measure-1.3'],
    },
    appliesTo: highRisk,
    rule: { fact: 'entity.spec.risk.reviewBoard', op: 'exists' },
    severity: 'warning',
    remediation: { text: 'Set spec.risk.reviewBoard to the reviewing group.' },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.regulated-domain`,
    title: 'Domain stated',
    description:
      'The application domain (credit, hiring, health...) is stated for regulatory scoping.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: ['nist-ai-rmf.map-1.1'],
    },
    appliesTo: models,
    rule: { fact: 'entity.spec.risk.domain', op: 'exists' },
    severity: 'info',
    remediation: { text: 'Set spec.risk.domain.' },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.high-risk-route`,
    title: 'High-risk route recorded',
    description:
      'A high-risk model records why it is high-risk: its Annex III point and sub-point, or that it is a safety component under Annex I. The route decides the dates and the Art. 27 and 49 duties.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: ['eu-ai-act.art-6-2-3', 'nist-ai-rmf.govern-1.1'],
    },
    appliesTo: highRisk,
    rule: {
      any: [
        { fact: 'entity.spec.risk.annexIII', op: 'exists' },
        { fact: 'entity.spec.risk.annexI', op: 'equals', value: true },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Set spec.risk.annexIII to the Annex III point, e.g. 5(b) for credit scoring, or spec.risk.annexI: true for a safety component of an Annex I product.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.fundamental-rights-impact-assessment`,
    title: 'Fundamental rights impact assessment',
    description:
      'Before first use, deployers that provide public services, and deployers of credit scoring or life and health insurance pricing (Annex III 5(b), 5(c)), assess the impact on fundamental rights.',
    rationale: {
      practice: practice(6, 'impact assessments'),
      obligations: ['eu-ai-act.art-27-1', 'iso-42001.a.5.4'],
    },
    appliesTo: {
      ...highRisk,
      when: {
        all: [
          holdsRole('deployer'),
          ...annexIIIExceptPoint2,
          {
            any: [
              {
                fact: 'entity.spec.risk.publicService',
                op: 'equals',
                value: true,
              },
              {
                fact: 'entity.spec.risk.annexIII',
                op: 'oneOf',
                value: ['5(b)', '5(c)'],
              },
            ],
          },
        ],
      },
    },
    rule: assessmentOnFile,
    severity: 'critical',
    remediation: {
      text: 'Carry out the assessment of Art. 27(1) (processes, period and frequency of use, affected groups, risks of harm, human oversight, measures) and link it in spec.risk.impactAssessment (url and date).',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.technical-documentation`,
    title: 'Technical documentation fields',
    description:
      'The fields the Annex IV technical documentation is generated from are filled: intended use, version, training and evaluation data, metrics with thresholds, limitations.',
    rationale: {
      practice: practice(6, 'data provenance'),
      obligations: [
        'eu-ai-act.art-11-1',
        'eu-ai-act.annex-iv-1-a',
        'eu-ai-act.annex-iv-2-d',
        'eu-ai-act.annex-iv-2-g',
        'iso-42001.a.6.2.7',
      ],
    },
    appliesTo: highRiskProvider,
    rule: {
      all: [
        { fact: 'entity.spec.intendedUse.primaryUses', op: 'exists' },
        { fact: 'entity.spec.version', op: 'exists' },
        { fact: 'entity.spec.trainedOn', op: 'exists' },
        { fact: 'entity.spec.evaluatedOn', op: 'exists' },
        { fact: 'entity.spec.metrics.0.threshold', op: 'exists' },
        { fact: 'entity.spec.limitations', op: 'exists' },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Fill spec.intendedUse.primaryUses, spec.version, spec.trainedOn, spec.evaluatedOn, spec.metrics (with thresholds) and spec.limitations; the compliance tab lists the dossier gaps section by section.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.instructions-for-use`,
    title: 'Instructions for use state limits',
    description:
      'Deployers are told the limitations of performance, the uses out of scope and the purposes allowed.',
    rationale: {
      practice: practice(3, 'assumptions, limitations'),
      obligations: ['eu-ai-act.art-13-3-b', 'iso-42001.a.8.2'],
    },
    appliesTo: highRiskProvider,
    rule: {
      all: [
        { fact: 'entity.spec.limitations', op: 'exists' },
        { fact: 'entity.spec.intendedUse.outOfScope', op: 'exists' },
        { fact: 'entity.spec.allowedPurposes', op: 'exists' },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Fill spec.limitations, spec.intendedUse.outOfScope and spec.allowedPurposes.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.automatic-logs`,
    title: 'Events logged automatically',
    description:
      'Inputs and outputs are recorded automatically while the system runs, so that its operation can be traced.',
    rationale: {
      practice: practice(6, 'Archive model decisions'),
      obligations: ['eu-ai-act.art-12-1', 'iso-42001.a.6.2.8'],
    },
    appliesTo: highRiskProvider,
    rule: {
      fact: 'entity.spec.monitoring.featureLogging',
      op: 'equals',
      value: true,
    },
    severity: 'error',
    remediation: {
      text: 'Log inputs and outputs in production and set spec.monitoring.featureLogging: true.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.post-market-monitoring`,
    title: 'Post-market monitoring',
    description:
      'A model in service is monitored for drift of its output and alerts are defined, so that performance data is collected and acted on over its lifetime.',
    rationale: {
      practice: practice(5, 'prediction drift'),
      obligations: [
        'eu-ai-act.art-72-1-2',
        'nist-ai-rmf.manage-4.1',
        'iso-42001.a.6.2.6',
      ],
    },
    appliesTo: highRiskProviderInService,
    rule: {
      all: [
        { fact: 'entity.spec.monitoring.drift.test', op: 'exists' },
        { fact: 'entity.spec.monitoring.alerts', op: 'exists' },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Set spec.monitoring.drift (test on the output) and spec.monitoring.alerts, and post monitoring snapshots from production.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.change-control`,
    title: 'Modifications managed',
    description:
      'The version in service was promoted through an approved change request, as the quality management system’s procedure for modifications requires.',
    rationale: {
      practice: practice(3, 'version control'),
      obligations: ['eu-ai-act.art-17-1-a', 'nist-ai-rmf.manage-4.1'],
    },
    appliesTo: highRiskProviderInService,
    rule: {
      fact: 'changes.productionVersionApproved',
      op: 'equals',
      value: true,
    },
    severity: 'error',
    remediation: {
      text: 'Request a promotion of spec.version with its evidence on the model page, and have the review group approve it.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.conformity-assessment`,
    title: 'Conformity assessed',
    description:
      'A model in service records its conformity assessment: the procedure followed, its date and the EU declaration of conformity.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: ['eu-ai-act.art-43'],
    },
    appliesTo: highRiskProviderInService,
    rule: {
      all: [
        {
          fact: 'entity.spec.risk.conformityAssessment.procedure',
          op: 'exists',
        },
        { fact: 'entity.spec.risk.conformityAssessment.date', op: 'exists' },
        {
          fact: 'entity.spec.risk.conformityAssessment.declarationUrl',
          op: 'exists',
        },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Record spec.risk.conformityAssessment (procedure: internal-control or notified-body, date, declarationUrl).',
    },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.eu-database-registration`,
    title: 'Registered in the EU database',
    description:
      'A model in service under Annex III (other than point 2) records its EU database registration.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: ['eu-ai-act.art-49-1'],
    },
    appliesTo: {
      ...highRiskProviderInService,
      when: { all: [holdsRole('provider'), ...annexIIIExceptPoint2] },
    },
    rule: { fact: 'entity.spec.risk.euDatabaseId', op: 'exists' },
    severity: 'error',
    remediation: {
      text: 'Register the system in the EU database and set spec.risk.euDatabaseId.',
    },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.transparency-duties`,
    title: 'Transparency duties recorded',
    description:
      'A limited-risk model records which Art. 50 duty makes it limited risk: interaction with people, synthetic content or deep fakes.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: ['nist-ai-rmf.govern-1.1'],
    },
    appliesTo: { kinds: ['MLModel'], riskTiers: ['limited'] },
    rule: { fact: 'entity.spec.risk.transparency', op: 'exists' },
    severity: 'error',
    remediation: {
      text: 'Declare the duty under spec.risk.transparency (interaction, syntheticContent or deepFake) with how it is met.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.ai-interaction-disclosed`,
    title: 'People told they talk to an AI',
    description:
      'A system that interacts with people tells them they are interacting with an AI system, unless it is obvious.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: ['eu-ai-act.art-50-1', 'iso-42001.a.8.2'],
    },
    appliesTo: transparencyDuty('interaction', 'provider'),
    rule: {
      fact: 'entity.spec.risk.transparency.interaction.notice',
      op: 'exists',
    },
    severity: 'critical',
    remediation: {
      text: 'Show people a notice at the start of the interaction and describe it in spec.risk.transparency.interaction.notice.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.synthetic-content-marked`,
    title: 'Generated content marked',
    description:
      'Synthetic audio, image, video or text is marked in a machine-readable format, detectable as generated.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: ['eu-ai-act.art-50-2'],
    },
    appliesTo: transparencyDuty('syntheticContent', 'provider'),
    rule: {
      fact: 'entity.spec.risk.transparency.syntheticContent.marking',
      op: 'exists',
    },
    severity: 'critical',
    remediation: {
      text: 'Mark the output (for example C2PA content credentials or a watermark) and name the technique in spec.risk.transparency.syntheticContent.marking.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.deep-fake-disclosed`,
    title: 'Deep fakes disclosed',
    description:
      'Image, audio or video content that is a deep fake is disclosed as artificially generated or manipulated.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      obligations: ['eu-ai-act.art-50-4'],
    },
    appliesTo: transparencyDuty('deepFake', 'deployer'),
    rule: {
      fact: 'entity.spec.risk.transparency.deepFake.disclosure',
      op: 'exists',
    },
    severity: 'critical',
    remediation: {
      text: 'Label the content where it is shown and describe the label in spec.risk.transparency.deepFake.disclosure.',
    },
    pack,
    level: 'bronze',
  },
];

/**
 * Fairness judged on evidence: the newest evaluation of the version in
 * service, within the evidence age limit, meets every declared bound
 * (differences in absolute value, ratios such as the disparate impact
 * ratio from below) and reports results by group for every protected
 * attribute.
 */
export const fairnessMetCheck: ModelopsCheck = {
  id: `${pack}.fairness-met`,
  title: 'Fairness thresholds met',
  description:
    'The latest evaluation of the version in service, recent enough to count, meets every declared fairness bound and reports results by group for each protected attribute.',
  rationale: {
    practice: practice(6, 'Validate fairness metrics'),
    obligations: [
      'eu-ai-act.art-10-2-fg',
      'eu-ai-act.art-9-8',
      'nist-ai-rmf.measure-2.11',
    ],
  },
  appliesTo: highRiskProvider,
  severity: 'critical',
  remediation: {
    text: 'Post an evaluation report of the version in spec.version with per-group metrics; mitigate the disparity if a bound is breached.',
  },
  pack,
  level: 'silver',
  evaluate: ({ entity, facts }) =>
    currentEvidenceOutcome(
      entity,
      facts,
      'evaluation',
      'fairness',
      'expected fairness bounds in spec.risk.fairness or protected attributes in spec.risk.protectedAttributes; found neither',
    ),
};

/** Days Art. 73(2) allows between becoming aware of a serious incident and reporting it. */
export const SERIOUS_INCIDENT_REPORT_DAYS = 15;
const DAY_MS = 24 * 60 * 60 * 1000;

interface IncidentFacts {
  unassessed?: Array<{ incidentId: string; openedAt: string }>;
  seriousUnreported?: Array<{
    incidentId: string;
    openedAt: string;
    assessedAt?: string;
  }>;
}

/** `INC-1 (opened 2026-10-03, 60 days ago)`. */
function incidentLabel(
  incident: { incidentId: string; openedAt: string },
  now: Date,
): string {
  const days = Math.max(
    0,
    Math.floor((now.getTime() - Date.parse(incident.openedAt)) / DAY_MS),
  );
  return `${incident.incidentId} (opened ${incident.openedAt.slice(
    0,
    10,
  )}, ${days} ${days === 1 ? 'day' : 'days'} ago)`;
}

/** The first few incidents by name, then how many more. */
function listIncidents(
  incidents: Array<{ incidentId: string; openedAt: string }>,
  now: Date,
): string {
  const shown = incidents.slice(0, 3).map(i => incidentLabel(i, now));
  const more = incidents.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/**
 * Serious-incident reporting (Art. 73; for deployers Art. 26(5)). A check in
 * code because its message names the incidents. Reads the `incidents`
 * facts: every incident the delivery feature recorded on the model must
 * carry an assessment saying whether it is serious, and a serious one a
 * report to the market surveillance authority.
 */
export const seriousIncidentsReportedCheck: ModelopsCheck = {
  id: `${pack}.serious-incidents-reported`,
  title: 'Incidents assessed, serious ones reported',
  description: `Every incident recorded on the model is assessed as serious or not (Art. 3(49)), and each serious incident is reported to the market surveillance authority, at the latest ${SERIOUS_INCIDENT_REPORT_DAYS} days after it became known (Art. 73(2)).`,
  rationale: {
    practice: practice(7, 'runbooks for incident response'),
    obligations: [
      'eu-ai-act.art-73-1',
      'eu-ai-act.art-73-2',
      'eu-ai-act.art-26-5',
      'nist-ai-rmf.manage-4.3',
      'iso-42001.a.8.4',
    ],
  },
  appliesTo: highRisk,
  severity: 'critical',
  remediation: {
    text: 'For each incident, record whether it is a serious incident and why (POST /delivery/incident-assessments); for a serious one, report it to the market surveillance authority and record when (reportedAt) and under which reference.',
  },
  pack,
  level: 'silver',
  evaluate({ facts, now }) {
    const incidents = facts.incidents as IncidentFacts | undefined;
    if (!incidents) {
      return {
        passed: false,
        message:
          'expected the incidents recorded by the delivery feature to be read; found nothing',
      };
    }
    const problems: string[] = [];
    const unassessed = incidents.unassessed ?? [];
    if (unassessed.length === 1) {
      problems.push(
        `incident ${listIncidents(
          unassessed,
          now,
        )} has no serious-incident assessment recorded`,
      );
    } else if (unassessed.length > 1) {
      problems.push(
        `${
          unassessed.length
        } incidents have no serious-incident assessment recorded: ${listIncidents(
          unassessed,
          now,
        )}`,
      );
    }
    for (const incident of (incidents.seriousUnreported ?? []).slice(0, 3)) {
      problems.push(
        `incident ${incidentLabel(
          incident,
          now,
        )} was assessed serious and no report to the market surveillance authority is recorded (Art. 73(2) allows at most ${SERIOUS_INCIDENT_REPORT_DAYS} days)`,
      );
    }
    if (problems.length === 0) return { passed: true };
    const message = problems.join('; ');
    return {
      passed: false,
      message: message.charAt(0).toUpperCase() + message.slice(1),
    };
  },
};

/** How old a high-risk model's latest risk assessment may be: twelve months. */
export const RISK_ASSESSMENT_MAX_AGE_DAYS = 365;

interface LatestRiskAssessment {
  tier: string;
  assessedAt: string;
  assessedBy: string;
  classifierVersion: string;
}

/**
 * The declared tier bound to a recorded assessment. `spec.risk.tier`
 * decides which responsible-AI checks apply, so a tier edited by hand to
 * `minimal` would switch every high-risk check off; this check holds the
 * tier to the latest assessment recorded with the questionnaire (`risk`
 * facts), and asks a high-risk model to be reassessed after each approved
 * promotion (`changes` facts) and at least every twelve months.
 */
export const riskAssessedCheck: ModelopsCheck = {
  id: `${pack}.risk-assessed`,
  title: 'Risk tier matches its assessment',
  description: `spec.risk.tier is the tier of the latest risk assessment recorded with the questionnaire; for a high-risk model that assessment is newer than its latest approved promotion and at most ${RISK_ASSESSMENT_MAX_AGE_DAYS} days old.`,
  rationale: {
    practice: practice(1, 'regulatory exposure'),
    obligations: [
      'eu-ai-act.art-6-2-3',
      'nist-ai-rmf.govern-1.3',
      'nist-ai-rmf.govern-1.5',
    ],
  },
  appliesTo: models,
  severity: 'critical',
  remediation: {
    text: 'Run the AI risk assessment template on the model (or POST /risk-assessments with the questionnaire answers) and set spec.risk.tier to the tier it gives.',
  },
  pack,
  level: 'silver',
  evaluate({ entity, facts, now }) {
    const declared = (entity.spec?.risk as { tier?: unknown } | undefined)
      ?.tier;
    const declaredText =
      typeof declared === 'string' && declared !== '' ? declared : 'not set';
    const latest = (facts.risk as { latest?: LatestRiskAssessment } | undefined)
      ?.latest;
    if (!latest) {
      return {
        passed: false,
        message: `expected a risk assessment recorded with the questionnaire; found none, so spec.risk.tier (${declaredText}) is only declared`,
      };
    }
    const day = latest.assessedAt.slice(0, 10);
    // Who assessed is in the record (GET /risk-assessments); the message
    // stays in words, without a raw user ref.
    const by = `the latest assessment, recorded on ${day},`;
    if (declared !== latest.tier) {
      return {
        passed: false,
        message: `spec.risk.tier is ${declaredText}; ${by} classified it ${latest.tier}`,
      };
    }
    if (latest.tier === 'high') {
      const promotedAt = (
        facts.changes as { latestApprovedPromotionAt?: string } | undefined
      )?.latestApprovedPromotionAt;
      if (promotedAt && latest.assessedAt < promotedAt) {
        return {
          passed: false,
          message: `${by} predates the latest approved promotion on ${promotedAt.slice(
            0,
            10,
          )}; a high-risk model is reassessed after each promotion`,
        };
      }
      const ageDays = Math.floor(
        (now.getTime() - Date.parse(latest.assessedAt)) / DAY_MS,
      );
      if (ageDays > RISK_ASSESSMENT_MAX_AGE_DAYS) {
        return {
          passed: false,
          message: `${by} is ${ageDays} days old; a high-risk model is reassessed at least every ${RISK_ASSESSMENT_MAX_AGE_DAYS} days`,
        };
      }
    }
    return {
      passed: true,
      message: `spec.risk.tier ${latest.tier} is the tier of ${by} (classifier ${latest.classifierVersion})`,
    };
  },
};
