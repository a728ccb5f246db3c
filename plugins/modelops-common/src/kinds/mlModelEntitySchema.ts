import { z } from 'zod';
import { MLMODEL_KIND, MODELOPS_API_VERSION } from './constants';
import {
  AI_ACT_ROLES,
  CONFORMITY_PROCEDURES,
  DEPLOYMENT_STRATEGIES,
  DRIFT_TESTS,
  HUMAN_OVERSIGHT_MODES,
  METRIC_DIRECTIONS,
  MLMODEL_FORMATS,
  MLMODEL_TYPES,
  MODELOPS_LIFECYCLES,
  RETRAINING_TRIGGERS,
  RISK_TIERS,
  SERVING_MODES,
} from './enums';
import { modelOpsMetadataSchema } from './metadataSchema';
import { registrySchema } from './registryRecordSchema';
import {
  entityRef,
  entityRefList,
  httpUrl,
  isoDate,
  isoDuration,
  nonEmptyString,
  nonNegativeNumber,
  oneOf,
  stringList,
  text,
} from './schemaPrimitives';

// Every object is strict so that a misspelt key is reported instead of
// silently ignored; only owner and lifecycle are required so that a one-line
// model can enter the catalog and the scorecards show what is missing.

const intendedUseSchema = z.strictObject({
  primaryUses: stringList().optional(),
  primaryUsers: stringList().optional(),
  outOfScope: stringList().optional(),
});

const kpiSchema = z.strictObject({
  name: nonEmptyString(),
  target: z
    .union([z.string(), z.number()], {
      error: 'expected a string or a number',
    })
    .optional(),
  businessOutcome: text().optional(),
});

const metricSchema = z.strictObject({
  name: nonEmptyString(),
  threshold: z.number().optional(),
  direction: oneOf(METRIC_DIRECTIONS).optional(),
  slice: nonEmptyString().optional(),
});

const riskSchema = z.strictObject({
  tier: oneOf(RISK_TIERS).optional().describe('EU AI Act risk category.'),
  domain: nonEmptyString().optional(),
  impactAssessment: z
    .strictObject({
      url: httpUrl().optional(),
      date: isoDate().optional(),
    })
    .optional(),
  riskManagement: z
    .strictObject({
      url: httpUrl()
        .optional()
        .describe(
          'The risk management file: identified risks, their estimates, the measures taken and the residual risk.',
        ),
      reviewedAt: isoDate()
        .optional()
        .describe('When the risk management file was last reviewed.'),
    })
    .optional()
    .describe('Risk management system of a high-risk model (Art. 9).'),
  humanOversight: z
    .strictObject({
      mode: oneOf(HUMAN_OVERSIGHT_MODES).optional(),
      optOut: z.boolean().optional(),
    })
    .optional(),
  explainability: stringList()
    .optional()
    .describe('Explanation methods, e.g. shap, lime.'),
  protectedAttributes: stringList().optional(),
  fairness: z
    .array(
      z.strictObject({
        metric: nonEmptyString().describe(
          'A metric of the documented vocabulary (statistical-parity-difference, disparate-impact-ratio, equalized-odds-difference, ...) or any other name, reported as non-standard.',
        ),
        threshold: z
          .number()
          .optional()
          .describe(
            'For difference metrics the largest disparity in absolute value; for ratio metrics the smallest ratio (0.8 for the four-fifths rule).',
          ),
        min: z.number().optional().describe('Every value at least this.'),
        max: z.number().optional().describe('Every value at most this.'),
      }),
    )
    .optional(),
  reviewBoard: entityRef().optional(),
  // What the EU AI Act obligations are scoped and evidenced by.
  roles: z
    .array(oneOf(AI_ACT_ROLES))
    .min(1)
    .optional()
    .describe(
      'EU AI Act roles the organisation holds for this model; both when absent.',
    ),
  annexIII: z
    .string()
    .regex(/^[1-8](\([a-e]\))?$/, {
      message: 'expected an Annex III point such as 5(b) or 2',
    })
    .optional()
    .describe('Annex III point and sub-point the model is used in, e.g. 5(b).'),
  annexI: z
    .boolean()
    .optional()
    .describe(
      'Safety component of a product under the Annex I legislation (Art. 6(1)).',
    ),
  publicService: z
    .boolean()
    .optional()
    .describe(
      'Deployed by a body governed by public law or a private entity providing public services (Art. 27(1)).',
    ),
  transparency: z
    .strictObject({
      interaction: z
        .strictObject({
          notice: nonEmptyString()
            .optional()
            .describe('How people are told they interact with an AI system.'),
        })
        .optional()
        .describe('The system interacts directly with people (Art. 50(1)).'),
      syntheticContent: z
        .strictObject({
          marking: nonEmptyString()
            .optional()
            .describe('The machine-readable marking, e.g. c2pa or watermark.'),
        })
        .optional()
        .describe('The system generates synthetic content (Art. 50(2)).'),
      deepFake: z
        .strictObject({
          disclosure: nonEmptyString()
            .optional()
            .describe('How the content is disclosed as generated.'),
        })
        .optional()
        .describe(
          'The system generates or manipulates deep fakes (Art. 50(4)).',
        ),
    })
    .optional(),
  conformityAssessment: z
    .strictObject({
      procedure: oneOf(CONFORMITY_PROCEDURES).optional(),
      date: isoDate().optional(),
      declarationUrl: httpUrl()
        .optional()
        .describe('The EU declaration of conformity (Art. 47).'),
    })
    .optional()
    .describe('Conformity assessment (Art. 43).'),
  euDatabaseId: nonEmptyString()
    .optional()
    .describe('Registration number in the EU database (Art. 49, 71).'),
});

const deploymentSchema = z
  .strictObject({
    serving: oneOf(SERVING_MODES).optional(),
    strategy: oneOf(DEPLOYMENT_STRATEGIES).optional(),
    autoscaling: z
      .strictObject({
        minReplicas: z
          .int({ error: 'expected a whole number' })
          .min(0, { error: 'expected a whole number >= 0' })
          .optional(),
        maxReplicas: z
          .int({ error: 'expected a whole number' })
          .min(1, { error: 'expected a whole number >= 1' })
          .optional(),
        metric: nonEmptyString().optional(),
      })
      .superRefine((value, ctx) => {
        if (
          value.minReplicas !== undefined &&
          value.maxReplicas !== undefined &&
          value.minReplicas > value.maxReplicas
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['minReplicas'],
            input: value.minReplicas,
            message: `expected at most maxReplicas (${value.maxReplicas})`,
          });
        }
      })
      .optional(),
    latencySloMs: nonNegativeNumber().optional(),
    coldStartSloMs: nonNegativeNumber().optional(),
    maxErrorRate: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Error budget: the largest share of failed requests, 0 to 1.'),
    circuitBreaker: z.boolean().optional(),
    isolated: z.boolean().optional(),
    challenger: entityRef()
      .optional()
      .describe('Model evaluated against this one in production.'),
    servedBy: entityRefList()
      .optional()
      .describe(
        'Model servers serving this model (servedBy/serves); short refs default to Component.',
      ),
  })
  .optional();

const monitoringSchema = z
  .strictObject({
    drift: z
      .strictObject({
        test: oneOf(DRIFT_TESTS).optional(),
        features: z.boolean().optional(),
        output: z.boolean().optional(),
        maxStatistic: nonNegativeNumber()
          .optional()
          .describe(
            'Largest drift statistic of the declared test before drift is a finding (e.g. PSI 0.2, KS 0.1).',
          ),
        minPValue: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe(
            'Smallest p-value of the declared test before drift is a finding (e.g. 0.01 for KS).',
          ),
      })
      .optional(),
    featureLogging: z.boolean().optional(),
    alerts: stringList().optional(),
    dashboard: httpUrl().optional(),
    retraining: z
      .strictObject({
        triggers: z.array(oneOf(RETRAINING_TRIGGERS)).optional(),
        cadence: isoDuration().optional(),
      })
      .optional(),
  })
  .optional();

const costSchema = z
  .strictObject({
    costCenter: nonEmptyString().optional(),
    monthlyBudget: nonNegativeNumber().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, {
        error: 'expected an ISO 4217 currency code like USD',
      })
      .optional(),
    tags: z.record(z.string(), z.string()).optional(),
    targetCostPer1kInferences: nonNegativeNumber().optional(),
  })
  .optional();

const retentionSchema = z
  .strictObject({
    decisionLogs: isoDuration().optional(),
    evaluationEvidence: isoDuration().optional(),
  })
  .optional();

/**
 * The spec of an MLModel entity.
 *
 * @public
 */
export const mlModelSpecSchema = z.strictObject({
  // identity
  type: oneOf(MLMODEL_TYPES).optional(),
  lifecycle: oneOf(MODELOPS_LIFECYCLES),
  owner: entityRef().describe('Owning group; short refs default to Group.'),
  businessOwner: entityRef().optional(),
  system: entityRef().optional(),
  framework: nonEmptyString().optional(),
  format: oneOf(MLMODEL_FORMATS).optional(),
  license: nonEmptyString().optional(),
  version: nonEmptyString().optional(),
  registry: registrySchema.optional(),
  // lineage
  trainedOn: entityRefList()
    .optional()
    .describe('Training datasets; short refs default to Dataset.'),
  evaluatedOn: entityRefList()
    .optional()
    .describe('Evaluation datasets; short refs default to Dataset.'),
  derivedFrom: entityRefList()
    .optional()
    .describe('Base models; short refs default to MLModel.'),
  // purpose
  intendedUse: intendedUseSchema.optional(),
  allowedPurposes: stringList().optional(),
  limitations: text().optional(),
  assumptions: text().optional(),
  fallback: text()
    .optional()
    .describe('What serves requests when the model fails.'),
  // value
  kpis: z.array(kpiSchema).optional(),
  // quality
  metrics: z.array(metricSchema).optional(),
  // risk and compliance
  risk: riskSchema.optional(),
  // operations
  deployment: deploymentSchema,
  monitoring: monitoringSchema,
  // money
  cost: costSchema,
  // records
  retention: retentionSchema,
});

/**
 * A whole MLModel entity document. Metadata and the envelope stay open for
 * what the catalog adds (relations, status); the spec is strict.
 *
 * @public
 */
export const mlModelEntitySchema = z.looseObject({
  apiVersion: z.literal(MODELOPS_API_VERSION, {
    error: `expected "${MODELOPS_API_VERSION}"`,
  }),
  kind: z.literal(MLMODEL_KIND, { error: `expected "${MLMODEL_KIND}"` }),
  metadata: modelOpsMetadataSchema,
  spec: mlModelSpecSchema,
});
