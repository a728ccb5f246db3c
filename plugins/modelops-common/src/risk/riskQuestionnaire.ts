import type {
  AnnexIIIArea,
  AnnexIIIPoint,
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
 * Points and sub-points of Annex III of the EU AI Act.
 *
 * @public
 */
export const ANNEX_III_POINTS: ReadonlyArray<
  RiskQuestionOption<AnnexIIIPoint> & { area: AnnexIIIArea }
> = [
  [
    '1(a)',
    'biometrics',
    'Remote biometric identification (not verification that a person is who they claim to be)',
  ],
  [
    '1(b)',
    'biometrics',
    'Biometric categorisation according to sensitive or protected attributes',
  ],
  ['1(c)', 'biometrics', 'Emotion recognition'],
  [
    '2',
    'critical-infrastructure',
    'Safety component in the management and operation of critical digital infrastructure, road traffic, or the supply of water, gas, heating or electricity',
  ],
  [
    '3(a)',
    'education',
    'Determining access or admission to, or assigning people to, education and vocational training institutions',
  ],
  [
    '3(b)',
    'education',
    'Evaluating learning outcomes, including steering the learning process',
  ],
  [
    '3(c)',
    'education',
    'Assessing the appropriate level of education a person will receive or can access',
  ],
  [
    '3(d)',
    'education',
    'Monitoring and detecting prohibited behaviour of students during tests',
  ],
  [
    '4(a)',
    'employment',
    'Recruitment or selection: targeted job ads, analysing and filtering applications, evaluating candidates',
  ],
  [
    '4(b)',
    'employment',
    'Decisions on terms of work, promotion or termination, task allocation on behaviour or traits, monitoring and evaluating performance',
  ],
  [
    '5(a)',
    'essential-services',
    'Public authorities evaluating eligibility for essential public assistance benefits and services, including healthcare',
  ],
  [
    '5(b)',
    'essential-services',
    'Evaluating creditworthiness or establishing a credit score (not detecting financial fraud)',
  ],
  [
    '5(c)',
    'essential-services',
    'Risk assessment and pricing in life and health insurance',
  ],
  [
    '5(d)',
    'essential-services',
    'Evaluating and classifying emergency calls, dispatching emergency services, emergency healthcare patient triage',
  ],
  [
    '6(a)',
    'law-enforcement',
    'Assessing the risk of a person becoming the victim of criminal offences',
  ],
  [
    '6(b)',
    'law-enforcement',
    'Polygraphs and similar tools in law enforcement',
  ],
  ['6(c)', 'law-enforcement', 'Evaluating the reliability of evidence'],
  [
    '6(d)',
    'law-enforcement',
    'Assessing the risk of offending or re-offending, not solely on profiling',
  ],
  [
    '6(e)',
    'law-enforcement',
    'Profiling in the detection, investigation or prosecution of criminal offences',
  ],
  [
    '7(a)',
    'migration-border-control',
    'Polygraphs and similar tools in migration, asylum and border control',
  ],
  [
    '7(b)',
    'migration-border-control',
    'Assessing a security, irregular migration or health risk of a person entering',
  ],
  [
    '7(c)',
    'migration-border-control',
    'Examining applications for asylum, visas and residence permits',
  ],
  [
    '7(d)',
    'migration-border-control',
    'Detecting, recognising or identifying people in migration, asylum and border control (not verifying travel documents)',
  ],
  [
    '8(a)',
    'justice-democracy',
    'Assisting a judicial authority in researching and interpreting facts and the law and applying the law',
  ],
  [
    '8(b)',
    'justice-democracy',
    'Influencing the outcome of an election or referendum or voting behaviour',
  ],
].map(([id, area, label]) => ({
  id: id as AnnexIIIPoint,
  area: area as AnnexIIIArea,
  article: `Annex III ${id}`,
  label,
}));

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
/** Identifiers of {@link ANNEX_III_POINTS}. @public */
export const ANNEX_III_POINT_IDS = ids(ANNEX_III_POINTS);
/** Identifiers of {@link ANNEX_III_DEROGATIONS}. @public */
export const ANNEX_III_DEROGATION_IDS = ids(ANNEX_III_DEROGATIONS);
/** Identifiers of {@link TRANSPARENCY_DUTIES}. @public */
export const TRANSPARENCY_DUTY_IDS = ids(TRANSPARENCY_DUTIES);
/** Identifiers of {@link GENERAL_PURPOSE_MODEL_STATUSES}. @public */
export const GENERAL_PURPOSE_MODEL_STATUS_IDS = ids(
  GENERAL_PURPOSE_MODEL_STATUSES,
);
