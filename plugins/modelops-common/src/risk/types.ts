/**
 * Risk tiers of the EU AI Act, from most to least restrictive. The same values
 * are accepted by `spec.risk.tier` of the MLModel kind.
 *
 * @public
 */
export type RiskTier = 'unacceptable' | 'high' | 'limited' | 'minimal';

/**
 * A practice prohibited by Article 5 of the EU AI Act.
 *
 * @public
 */
export type ProhibitedPractice =
  | 'manipulative-techniques'
  | 'exploits-vulnerabilities'
  | 'social-scoring'
  | 'criminal-risk-profiling'
  | 'facial-image-scraping'
  | 'emotion-recognition-work-education'
  | 'sensitive-biometric-categorisation'
  | 'realtime-remote-biometric-identification';

/**
 * A high-risk area listed in Annex III of the EU AI Act.
 *
 * @public
 */
export type AnnexIIIArea =
  | 'biometrics'
  | 'critical-infrastructure'
  | 'education'
  | 'employment'
  | 'essential-services'
  | 'law-enforcement'
  | 'migration-border-control'
  | 'justice-democracy';

/**
 * A point and sub-point of Annex III of the EU AI Act, e.g. `5(b)` for
 * creditworthiness and credit scoring. Point 2 has no sub-points.
 *
 * @public
 */
export type AnnexIIIPoint =
  | '1(a)'
  | '1(b)'
  | '1(c)'
  | '2'
  | '3(a)'
  | '3(b)'
  | '3(c)'
  | '3(d)'
  | '4(a)'
  | '4(b)'
  | '5(a)'
  | '5(b)'
  | '5(c)'
  | '5(d)'
  | '6(a)'
  | '6(b)'
  | '6(c)'
  | '6(d)'
  | '6(e)'
  | '7(a)'
  | '7(b)'
  | '7(c)'
  | '7(d)'
  | '8(a)'
  | '8(b)';

/**
 * A condition of Article 6(3) under which a system used in an Annex III area
 * is not considered high-risk.
 *
 * @public
 */
export type AnnexIIIDerogation =
  | 'narrow-procedural-task'
  | 'improves-completed-human-activity'
  | 'detects-decision-patterns'
  | 'preparatory-task';

/**
 * A transparency duty of Article 50 of the EU AI Act.
 *
 * @public
 */
export type TransparencyDuty =
  | 'interacts-with-people'
  | 'generates-synthetic-content'
  | 'emotion-recognition-or-biometric-categorisation'
  | 'deep-fake'
  | 'public-interest-text';

/**
 * Whether the system is, or is built on, a general-purpose AI model
 * (Articles 51 to 55).
 *
 * @public
 */
export type GeneralPurposeModelStatus = 'none' | 'gpai' | 'gpai-systemic-risk';

/**
 * Answers to the AI risk questionnaire. Every field is optional: an unanswered
 * question counts as "no", so a partially filled form still yields a tier.
 *
 * @public
 */
export interface RiskQuestionnaireAnswers {
  /** Prohibited practices (Art. 5) the system performs. */
  prohibitedPractices?: ProhibitedPractice[];
  /** Safety component of a product covered by Annex I legislation (Art. 6(1)). */
  annexISafetyComponent?: boolean;
  /**
   * Annex III points and sub-points the system is used in (Art. 6(2)); the
   * sub-point decides duties such as Art. 27(1).
   */
  annexIIIPoints?: AnnexIIIPoint[];
  /**
   * Annex III areas, for answers that do not know the sub-point; a point in
   * `annexIIIPoints` already names its area.
   */
  annexIIIAreas?: AnnexIIIArea[];
  /** The Art. 6(3) condition that applies, when one does. */
  annexIIIDerogation?: AnnexIIIDerogation;
  /** Whether the system profiles natural persons; profiling voids every Art. 6(3) derogation. */
  profilesNaturalPersons?: boolean;
  /** Transparency duties (Art. 50) that apply. */
  transparencyDuties?: TransparencyDuty[];
  /** General-purpose AI model status (Art. 51-55). */
  generalPurposeModel?: GeneralPurposeModelStatus;
  /** Deployed by a public body or a private entity providing public services (Art. 27). */
  publicServiceDeployer?: boolean;
}

/**
 * A control that a risk tier or a specific answer requires.
 *
 * @public
 */
export interface RiskControl {
  /** Stable identifier, used by checks and in documents. */
  id: string;
  /** Short title. */
  title: string;
  /** The article of the EU AI Act that requires the control. */
  article: string;
  /** What the team has to do. */
  description: string;
  /** The MLModel field or document that records the evidence, when there is one. */
  evidence?: string;
}

/**
 * Result of classifying questionnaire answers.
 *
 * @public
 */
export interface RiskClassification {
  /** The resulting risk tier. */
  tier: RiskTier;
  /** Controls the tier and the answers require, without duplicates, in a stable order. */
  controls: RiskControl[];
  /** One sentence per finding that led to the tier and the controls. */
  rationale: string[];
  /** The Annex III area that made the system high-risk, used as `spec.risk.domain`. */
  domain?: string;
  /** The Annex III points and sub-points that made the system high-risk; the first is `spec.risk.annexIII`. */
  annexIIIPoints?: AnnexIIIPoint[];
}

/**
 * A question option shown in the questionnaire.
 *
 * @public
 */
export interface RiskQuestionOption<TId extends string> {
  id: TId;
  /** The article or annex point the option stems from. */
  article: string;
  label: string;
}
