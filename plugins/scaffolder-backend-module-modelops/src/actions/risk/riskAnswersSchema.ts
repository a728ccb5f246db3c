import {
  ANNEX_III_AREA_IDS,
  ANNEX_III_DEROGATION_IDS,
  ANNEX_III_POINT_IDS,
  GENERAL_PURPOSE_MODEL_STATUS_IDS,
  PROHIBITED_PRACTICE_IDS,
  TRANSPARENCY_DUTY_IDS,
} from '@modelops/plugin-modelops-common';
import type { z as zv3 } from 'zod/v3';

/**
 * The zod schema of the risk questionnaire answers, built from the option
 * lists in the common package so the action, the form field and the
 * classifier accept exactly the same identifiers.
 */
export const riskAnswersSchema = (z: typeof zv3) =>
  z
    .object({
      prohibitedPractices: z
        .array(z.enum(PROHIBITED_PRACTICE_IDS))
        .optional()
        .describe('Prohibited practices of Art. 5 the system performs.'),
      annexISafetyComponent: z
        .boolean()
        .optional()
        .describe('Safety component of an Annex I product (Art. 6(1)).'),
      annexIIIPoints: z
        .array(z.enum(ANNEX_III_POINT_IDS))
        .optional()
        .describe(
          'Annex III points and sub-points the system is used in, e.g. 5(b).',
        ),
      annexIIIAreas: z
        .array(z.enum(ANNEX_III_AREA_IDS))
        .optional()
        .describe(
          'Annex III high-risk areas, when the sub-point is not known.',
        ),
      annexIIIDerogation: z
        .enum(ANNEX_III_DEROGATION_IDS)
        .optional()
        .describe('The Art. 6(3) condition that applies, if any.'),
      profilesNaturalPersons: z
        .boolean()
        .optional()
        .describe('Whether the system profiles natural persons.'),
      transparencyDuties: z
        .array(z.enum(TRANSPARENCY_DUTY_IDS))
        .optional()
        .describe('Transparency duties of Art. 50 that apply.'),
      generalPurposeModel: z
        .enum(GENERAL_PURPOSE_MODEL_STATUS_IDS)
        .optional()
        .describe('General-purpose AI model status (Art. 51-55).'),
      publicServiceDeployer: z
        .boolean()
        .optional()
        .describe(
          'Deployed by a public body or a provider of public services (Art. 27).',
        ),
    })
    .strict()
    .describe('Answers to the EU AI Act risk questionnaire.');
