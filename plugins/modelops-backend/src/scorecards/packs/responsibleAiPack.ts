import type { CheckDefinition } from '@modelops/plugin-modelops-common';
import { practice } from './practices';

const pack = 'responsible-ai';
const models: CheckDefinition['appliesTo'] = { kinds: ['MLModel'] };
/** The EU AI Act's obligations for high-risk systems (Art. 8-15, 26-27). */
const highRisk: CheckDefinition['appliesTo'] = {
  kinds: ['MLModel'],
  riskTiers: ['high'],
};
/** Transparency obligations reach limited-risk systems too (Art. 50). */
const limitedOrHigh: CheckDefinition['appliesTo'] = {
  kinds: ['MLModel'],
  riskTiers: ['limited', 'high'],
};

/**
 * Responsible AI and compliance. The risk tier decides which checks apply:
 * every model must state a tier; high-risk models need an impact
 * assessment, human oversight, explainability, fairness thresholds met and
 * decision logs kept; unacceptable-risk models must not be developed or served.
 */
export const responsibleAiPack: CheckDefinition[] = [
  {
    id: `${pack}.risk-tier`,
    title: 'Risk tier classified',
    description:
      'The model is classified under the EU AI Act tiers; the tier decides which checks apply.',
    rationale: {
      practice: practice(1, 'regulatory exposure'),
      euAiAct: 'Art. 6 and Annex III',
      nistAiRmf: 'MAP 1.5',
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
      euAiAct: 'Art. 5',
      nistAiRmf: 'GOVERN 1.1',
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
      euAiAct: 'Art. 5',
      nistAiRmf: 'GOVERN 1.1',
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
    description: 'A dated fundamental-rights impact assessment is linked.',
    rationale: {
      practice: practice(6, 'impact assessments'),
      euAiAct: 'Art. 27',
      nistAiRmf: 'MAP 5.1',
    },
    appliesTo: highRisk,
    rule: {
      all: [
        { fact: 'entity.spec.risk.impactAssessment.url', op: 'exists' },
        { fact: 'entity.spec.risk.impactAssessment.date', op: 'exists' },
      ],
    },
    severity: 'critical',
    remediation: {
      text: 'Link the assessment in spec.risk.impactAssessment (url and date).',
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
      euAiAct: 'Art. 14',
      nistAiRmf: 'MANAGE 2.4',
    },
    appliesTo: highRisk,
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
      euAiAct: 'Art. 13',
      nistAiRmf: 'MEASURE 2.9',
    },
    appliesTo: highRisk,
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
      euAiAct: 'Art. 13(3)(b)',
      nistAiRmf: 'MAP 1.1',
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
      euAiAct: 'Art. 10(2)(f)',
      nistAiRmf: 'MEASURE 2.11',
    },
    appliesTo: highRisk,
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
    id: `${pack}.fairness-met`,
    title: 'Fairness thresholds met',
    description:
      'The latest evaluation report keeps every fairness metric within its threshold.',
    rationale: {
      practice: practice(6, 'Validate fairness metrics'),
      euAiAct: 'Art. 15',
      nistAiRmf: 'MEASURE 2.11',
    },
    appliesTo: highRisk,
    rule: {
      fact: 'evaluation.fairnessWithinThreshold',
      op: 'equals',
      value: true,
    },
    severity: 'critical',
    remediation: {
      text: 'Post an evaluation report with per-group metrics; mitigate the disparity if a threshold is breached.',
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
      euAiAct: 'Art. 12 and Art. 19',
      nistAiRmf: 'GOVERN 1.4',
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
      euAiAct: 'Annex IV 2(d)',
      nistAiRmf: 'MAP 2.3',
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
      nistAiRmf: 'GOVERN 2.1',
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
      euAiAct: 'Annex III',
      nistAiRmf: 'MAP 1.1',
    },
    appliesTo: models,
    rule: { fact: 'entity.spec.risk.domain', op: 'exists' },
    severity: 'info',
    remediation: { text: 'Set spec.risk.domain.' },
    pack,
    level: 'gold',
  },
];
