/*
 * Recorded risk assessments: the answers to the EU AI Act questionnaire a
 * person gave for a model, with the tier the classifier derived from them.
 * The backend classifies the answers itself and takes the author from the
 * caller's credentials, so neither the tier nor the author can be sent.
 */
import { z } from 'zod';
import {
  ANNEX_III_AREA_IDS,
  ANNEX_III_DEROGATION_IDS,
  ANNEX_III_POINT_IDS,
  GENERAL_PURPOSE_MODEL_STATUS_IDS,
  PROHIBITED_PRACTICE_IDS,
  TRANSPARENCY_DUTY_IDS,
} from '../risk/riskQuestionnaire';
import type {
  AnnexIIIPoint,
  RiskQuestionnaireAnswers,
  RiskTier,
} from '../risk/types';
import { entityRefOfKind } from './evidence';

/**
 * The questionnaire answers as the backend accepts them: the identifiers of
 * the option lists of the questionnaire, nothing else.
 *
 * @public
 */
export const riskQuestionnaireAnswersSchema = z.strictObject({
  prohibitedPractices: z.array(z.enum(PROHIBITED_PRACTICE_IDS)).optional(),
  annexISafetyComponent: z.boolean().optional(),
  annexIIIPoints: z.array(z.enum(ANNEX_III_POINT_IDS)).optional(),
  annexIIIAreas: z.array(z.enum(ANNEX_III_AREA_IDS)).optional(),
  annexIIIDerogation: z.enum(ANNEX_III_DEROGATION_IDS).optional(),
  profilesNaturalPersons: z.boolean().optional(),
  transparencyDuties: z.array(z.enum(TRANSPARENCY_DUTY_IDS)).optional(),
  generalPurposeModel: z.enum(GENERAL_PURPOSE_MODEL_STATUS_IDS).optional(),
  publicServiceDeployer: z.boolean().optional(),
}) satisfies z.ZodType<RiskQuestionnaireAnswers>;

/** Body of `POST /risk-assessments`. @public */
export const riskAssessmentInputSchema = z.strictObject({
  entityRef: entityRefOfKind('mlmodel'),
  answers: riskQuestionnaireAnswersSchema,
});

/** A risk assessment as a client sends it. @public */
export type RiskAssessmentInput = z.input<typeof riskAssessmentInputSchema>;
/** A risk assessment after validation and normalisation. @public */
export type RiskAssessmentData = z.output<typeof riskAssessmentInputSchema>;

/** Query of `GET /risk-assessments`. @public */
export const riskAssessmentListQuerySchema = z.strictObject({
  entityRef: entityRefOfKind('mlmodel'),
});

/** A recorded risk assessment. @public */
export interface RiskAssessment {
  id: string;
  entityRef: string;
  answers: RiskQuestionnaireAnswers;
  /** The tier {@link classifyRisk} derived from the answers. */
  tier: RiskTier;
  /** The Annex III area that made the model high-risk, when one did. */
  domain?: string;
  annexIIIPoints?: AnnexIIIPoint[];
  /** {@link RISK_CLASSIFIER_VERSION} of the rules that classified it. */
  classifierVersion: string;
  /** Who recorded it: the user entity ref of the caller. */
  assessedBy: string;
  /** When it was recorded (ISO 8601). */
  assessedAt: string;
}

/** Answer of `GET /risk-assessments`: newest first. @public */
export interface RiskAssessmentList {
  entityRef: string;
  items: RiskAssessment[];
}
