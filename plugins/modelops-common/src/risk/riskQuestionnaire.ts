import type {
  AnnexIIIArea,
  AnnexIIIDerogation,
  GeneralPurposeModelStatus,
  ProhibitedPractice,
  RiskQuestionOption,
  TransparencyDuty,
} from './types';

/**
 * Prohibited practices of Article 5(1) of the EU AI Act.
 *
 * @public
 */
export const PROHIBITED_PRACTICES: ReadonlyArray<
  RiskQuestionOption<ProhibitedPractice>
> = [
  {
    id: 'manipulative-techniques',
    article: 'Art. 5(1)(a)',
    label:
      'Uses subliminal, manipulative or deceptive techniques that materially distort behaviour and cause significant harm',
  },
  {
    id: 'exploits-vulnerabilities',
    article: 'Art. 5(1)(b)',
    label:
      'Exploits vulnerabilities due to age, disability or a social or economic situation',
  },
  {
    id: 'social-scoring',
    article: 'Art. 5(1)(c)',
    label:
      'Scores people on social behaviour or personal traits, leading to unjustified detrimental treatment (social scoring)',
  },
  {
    id: 'criminal-risk-profiling',
    article: 'Art. 5(1)(d)',
    label:
      'Predicts the risk that a person commits a criminal offence based solely on profiling or personality traits',
  },
  {
    id: 'facial-image-scraping',
    article: 'Art. 5(1)(e)',
    label:
      'Builds facial recognition databases by untargeted scraping of facial images from the internet or CCTV',
  },
  {
    id: 'emotion-recognition-work-education',
    article: 'Art. 5(1)(f)',
    label:
      'Infers emotions of people at work or in education (other than for medical or safety reasons)',
  },
  {
    id: 'sensitive-biometric-categorisation',
    article: 'Art. 5(1)(g)',
    label:
      'Categorises people from biometric data to infer race, political opinions, union membership, religion, sex life or sexual orientation',
  },
  {
    id: 'realtime-remote-biometric-identification',
    article: 'Art. 5(1)(h)',
    label:
      'Real-time remote biometric identification in publicly accessible spaces for law enforcement',
  },
];

/**
 * High-risk areas of Annex III of the EU AI Act.
 *
 * @public
 */
export const ANNEX_III_AREAS: ReadonlyArray<RiskQuestionOption<AnnexIIIArea>> =
  [
    {
      id: 'biometrics',
      article: 'Annex III(1)',
      label:
        'Biometrics: remote biometric identification, biometric categorisation or emotion recognition',
    },
    {
      id: 'critical-infrastructure',
      article: 'Annex III(2)',
      label:
        'Safety component of critical digital infrastructure, road traffic, or water, gas, heating or electricity supply',
    },
    {
      id: 'education',
      article: 'Annex III(3)',
      label:
        'Education and vocational training: admission, grading, assessing the level of education, proctoring',
    },
    {
      id: 'employment',
      article: 'Annex III(4)',
      label:
        'Employment: recruitment, selection, promotion, termination, task allocation, performance monitoring',
    },
    {
      id: 'essential-services',
      article: 'Annex III(5)',
      label:
        'Essential services: public benefits, creditworthiness and credit scoring, life and health insurance pricing, emergency call triage',
    },
    {
      id: 'law-enforcement',
      article: 'Annex III(6)',
      label:
        'Law enforcement: victim risk, polygraphs, evidence reliability, re-offending risk, profiling in investigations',
    },
    {
      id: 'migration-border-control',
      article: 'Annex III(7)',
      label:
        'Migration, asylum and border control: risk assessment, application examination, identification',
    },
    {
      id: 'justice-democracy',
      article: 'Annex III(8)',
      label:
        'Administration of justice and democratic processes, including influencing elections or voting behaviour',
    },
  ];

/**
 * Conditions of Article 6(3) under which an Annex III system is not high-risk.
 *
 * @public
 */
export const ANNEX_III_DEROGATIONS: ReadonlyArray<
  RiskQuestionOption<AnnexIIIDerogation>
> = [
  {
    id: 'narrow-procedural-task',
    article: 'Art. 6(3)(a)',
    label: 'Performs a narrow procedural task',
  },
  {
    id: 'improves-completed-human-activity',
    article: 'Art. 6(3)(b)',
    label: 'Improves the result of a previously completed human activity',
  },
  {
    id: 'detects-decision-patterns',
    article: 'Art. 6(3)(c)',
    label:
      'Detects decision-making patterns or deviations without replacing or influencing the human assessment',
  },
  {
    id: 'preparatory-task',
    article: 'Art. 6(3)(d)',
    label: 'Performs a preparatory task to an assessment in an Annex III area',
  },
];

/**
 * Transparency duties of Article 50 of the EU AI Act.
 *
 * @public
 */
export const TRANSPARENCY_DUTIES: ReadonlyArray<
  RiskQuestionOption<TransparencyDuty>
> = [
  {
    id: 'interacts-with-people',
    article: 'Art. 50(1)',
    label: 'Interacts directly with people (chatbot, voice assistant)',
  },
  {
    id: 'generates-synthetic-content',
    article: 'Art. 50(2)',
    label: 'Generates synthetic audio, image, video or text content',
  },
  {
    id: 'emotion-recognition-or-biometric-categorisation',
    article: 'Art. 50(3)',
    label: 'Recognises emotions or categorises people from biometric data',
  },
  {
    id: 'deep-fake',
    article: 'Art. 50(4)',
    label: 'Generates or manipulates image, audio or video that is a deep fake',
  },
  {
    id: 'public-interest-text',
    article: 'Art. 50(4)',
    label:
      'Generates or manipulates text published to inform the public on matters of public interest',
  },
];

/**
 * General-purpose AI model statuses (Articles 51 to 55).
 *
 * @public
 */
export const GENERAL_PURPOSE_MODEL_STATUSES: ReadonlyArray<
  RiskQuestionOption<GeneralPurposeModelStatus>
> = [
  {
    id: 'none',
    article: 'Art. 3(63)',
    label: 'Not a general-purpose AI model',
  },
  {
    id: 'gpai',
    article: 'Art. 53',
    label: 'A general-purpose AI model we provide',
  },
  {
    id: 'gpai-systemic-risk',
    article: 'Art. 51, 55',
    label:
      'A general-purpose AI model with systemic risk (for example trained with more than 10^25 FLOPs)',
  },
];

/** The identifiers of a question's options, as a non-empty tuple for enum schemas. */
function ids<TId extends string>(
  options: ReadonlyArray<RiskQuestionOption<TId>>,
): [TId, ...TId[]] {
  return options.map(o => o.id) as [TId, ...TId[]];
}

/** Identifiers of {@link PROHIBITED_PRACTICES}. @public */
export const PROHIBITED_PRACTICE_IDS = ids(PROHIBITED_PRACTICES);
/** Identifiers of {@link ANNEX_III_AREAS}. @public */
export const ANNEX_III_AREA_IDS = ids(ANNEX_III_AREAS);
/** Identifiers of {@link ANNEX_III_DEROGATIONS}. @public */
export const ANNEX_III_DEROGATION_IDS = ids(ANNEX_III_DEROGATIONS);
/** Identifiers of {@link TRANSPARENCY_DUTIES}. @public */
export const TRANSPARENCY_DUTY_IDS = ids(TRANSPARENCY_DUTIES);
/** Identifiers of {@link GENERAL_PURPOSE_MODEL_STATUSES}. @public */
export const GENERAL_PURPOSE_MODEL_STATUS_IDS = ids(
  GENERAL_PURPOSE_MODEL_STATUSES,
);
