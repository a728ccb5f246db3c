import type { RiskControl } from './types';

/**
 * Every control the classifier can require, keyed by id. The order of this
 * object is the order controls are listed in a classification, so documents
 * generated from the same answers are identical.
 *
 * @public
 */
export const RISK_CONTROLS = {
  'ai-literacy': {
    id: 'ai-literacy',
    title: 'AI literacy',
    article: 'Art. 4',
    description:
      'Make sure staff who build, operate or use the system have sufficient AI literacy for their role.',
  },
  'cease-prohibited-practice': {
    id: 'cease-prohibited-practice',
    title: 'Do not place on the market or use',
    article: 'Art. 5',
    description:
      'The system performs a prohibited practice. Stop development or remove the practice before any use in the EU.',
  },
  'risk-management-system': {
    id: 'risk-management-system',
    title: 'Risk management system',
    article: 'Art. 9',
    description:
      'Identify, estimate and mitigate foreseeable risks across the lifecycle, and test against them.',
    evidence: 'RISK_ASSESSMENT.md',
  },
  'data-governance': {
    id: 'data-governance',
    title: 'Data and data governance',
    article: 'Art. 10',
    description:
      'Training, validation and test data are relevant, representative, examined for bias and documented.',
    evidence: 'spec.trainedOn, spec.evaluatedOn (Datasets with datasheets)',
  },
  'technical-documentation': {
    id: 'technical-documentation',
    title: 'Technical documentation',
    article: 'Art. 11, Annex IV',
    description:
      'Keep technical documentation that shows compliance, up to date before the system is put into service.',
    evidence: 'MODEL_CARD.md (link type model-card)',
  },
  'record-keeping': {
    id: 'record-keeping',
    title: 'Record-keeping and logging',
    article: 'Art. 12, 19',
    description:
      'Log events automatically over the lifetime of the system and keep the logs for at least six months.',
    evidence: 'spec.monitoring.featureLogging, spec.retention.decisionLogs',
  },
  'instructions-for-use': {
    id: 'instructions-for-use',
    title: 'Transparency and instructions for use',
    article: 'Art. 13',
    description:
      'Tell deployers the intended purpose, accuracy, known limitations and the human oversight measures.',
    evidence: 'spec.intendedUse, spec.limitations',
  },
  'human-oversight': {
    id: 'human-oversight',
    title: 'Human oversight',
    article: 'Art. 14',
    description:
      'Design the system so that people can understand, monitor, override and stop it.',
    evidence: 'spec.risk.humanOversight',
  },
  'accuracy-robustness-cybersecurity': {
    id: 'accuracy-robustness-cybersecurity',
    title: 'Accuracy, robustness and cybersecurity',
    article: 'Art. 15',
    description:
      'Declare accuracy metrics and thresholds, test robustness against errors and attacks, and secure the system.',
    evidence: 'spec.metrics',
  },
  'quality-management-system': {
    id: 'quality-management-system',
    title: 'Quality management system',
    article: 'Art. 17',
    description:
      'Run the system under documented policies for design, testing, data management and change control.',
  },
  'conformity-assessment': {
    id: 'conformity-assessment',
    title: 'Conformity assessment and CE marking',
    article: 'Art. 43, 47, 48',
    description:
      'Pass the conformity assessment, draw up the EU declaration of conformity and affix the CE marking.',
  },
  'eu-database-registration': {
    id: 'eu-database-registration',
    title: 'Registration in the EU database',
    article: 'Art. 49',
    description:
      'Register the system in the EU database before putting it into service.',
  },
  'fundamental-rights-impact-assessment': {
    id: 'fundamental-rights-impact-assessment',
    title: 'Fundamental rights impact assessment',
    article: 'Art. 27',
    description:
      'Assess the impact on fundamental rights before first use and notify the market surveillance authority.',
    evidence: 'spec.risk.impactAssessment',
  },
  'post-market-monitoring': {
    id: 'post-market-monitoring',
    title: 'Post-market monitoring',
    article: 'Art. 72',
    description:
      'Collect and analyse performance data in production for the whole lifetime of the system.',
    evidence: 'spec.monitoring, monitoring.yaml',
  },
  'serious-incident-reporting': {
    id: 'serious-incident-reporting',
    title: 'Serious incident reporting',
    article: 'Art. 73',
    description:
      'Report serious incidents to the market surveillance authority within the legal deadlines.',
    evidence: 'RUNBOOK.md (link type runbook)',
  },
  'document-non-high-risk-assessment': {
    id: 'document-non-high-risk-assessment',
    title: 'Document why the system is not high-risk',
    article: 'Art. 6(4), 49(2)',
    description:
      'Record the Art. 6(3) assessment before placing the system on the market, register it, and hand it to authorities on request.',
    evidence: 'RISK_ASSESSMENT.md',
  },
  'disclose-ai-interaction': {
    id: 'disclose-ai-interaction',
    title: 'Disclose AI interaction',
    article: 'Art. 50(1)',
    description:
      'Tell people that they are interacting with an AI system, unless it is obvious from the context.',
  },
  'mark-synthetic-content': {
    id: 'mark-synthetic-content',
    title: 'Mark synthetic content',
    article: 'Art. 50(2)',
    description:
      'Mark generated audio, image, video and text in a machine-readable format as artificially generated.',
  },
  'inform-exposed-persons': {
    id: 'inform-exposed-persons',
    title:
      'Inform people exposed to emotion recognition or biometric categorisation',
    article: 'Art. 50(3)',
    description:
      'Inform the people exposed to the system of its operation and process their data under the GDPR.',
  },
  'disclose-deep-fake': {
    id: 'disclose-deep-fake',
    title: 'Disclose deep fakes',
    article: 'Art. 50(4)',
    description:
      'Disclose that image, audio or video content has been artificially generated or manipulated.',
  },
  'disclose-generated-public-text': {
    id: 'disclose-generated-public-text',
    title: 'Disclose generated text on matters of public interest',
    article: 'Art. 50(4)',
    description:
      'Disclose that published text was generated or manipulated, unless it went through human editorial review.',
  },
  'gpai-technical-documentation': {
    id: 'gpai-technical-documentation',
    title: 'General-purpose model documentation',
    article: 'Art. 53(1)(a)-(b), Annex XI, XII',
    description:
      'Document the model for the AI Office and for downstream providers who integrate it.',
    evidence: 'MODEL_CARD.md',
  },
  'gpai-copyright-policy': {
    id: 'gpai-copyright-policy',
    title: 'Copyright policy',
    article: 'Art. 53(1)(c)',
    description:
      'Put in place a policy to comply with Union copyright law, including text and data mining opt-outs.',
  },
  'gpai-training-content-summary': {
    id: 'gpai-training-content-summary',
    title: 'Public summary of training content',
    article: 'Art. 53(1)(d)',
    description:
      'Publish a sufficiently detailed summary of the content used for training, using the AI Office template.',
    evidence: 'spec.trainedOn',
  },
  'gpai-systemic-risk-evaluation': {
    id: 'gpai-systemic-risk-evaluation',
    title: 'Model evaluation and adversarial testing',
    article: 'Art. 55(1)(a)-(b)',
    description:
      'Evaluate the model with state-of-the-art protocols including adversarial testing, and mitigate systemic risks.',
  },
  'gpai-incident-reporting': {
    id: 'gpai-incident-reporting',
    title: 'Serious incident reporting to the AI Office',
    article: 'Art. 55(1)(c)',
    description:
      'Track, document and report serious incidents and corrective measures to the AI Office.',
  },
  'gpai-cybersecurity': {
    id: 'gpai-cybersecurity',
    title: 'Cybersecurity of the model and its infrastructure',
    article: 'Art. 55(1)(d)',
    description:
      'Ensure an adequate level of cybersecurity protection for the model and its physical infrastructure.',
  },
  'voluntary-code-of-conduct': {
    id: 'voluntary-code-of-conduct',
    title: 'Voluntary code of conduct',
    article: 'Art. 95',
    description:
      'Consider applying the high-risk requirements voluntarily through a code of conduct.',
  },
} as const satisfies Record<string, RiskControl>;

/**
 * Identifier of a control in {@link RISK_CONTROLS}.
 *
 * @public
 */
export type RiskControlId = keyof typeof RISK_CONTROLS;
