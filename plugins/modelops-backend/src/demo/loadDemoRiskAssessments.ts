/*
 * loadDemoRiskAssessments: at startup, records the risk assessments of
 * risk-assessments.json in the folder named by
 * `modelops.demoData.evidenceDirectory`, so that the demo models' declared
 * tiers are held to an assessment as a portal's would be. Each entry holds
 * the questionnaire answers, who answered and when; the tier is classified
 * here, as the route does, never read from the file. An entry already
 * recorded (same model, author and time) is not recorded again.
 */
import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  classifyRisk,
  entityRefOfKind,
  RISK_CLASSIFIER_VERSION,
  riskQuestionnaireAnswersSchema,
} from '@modelops/plugin-modelops-common';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { RiskAssessmentStore } from '../risk';
import { zodIssuesToInputError } from '../service/zodIssuesToInputError';
import {
  DEMO_EVIDENCE_CONFIG_KEY,
  readDemoEntries,
  type DemoFileResult,
} from './loadDemoEvidence';

const demoAssessmentSchema = z.strictObject({
  entityRef: entityRefOfKind('mlmodel'),
  answers: riskQuestionnaireAnswersSchema,
  assessedBy: entityRefOfKind('user'),
  // Stored in the one fixed-width UTC form of every time column.
  assessedAt: z.iso.datetime().transform(v => new Date(v).toISOString()),
});

/** Options of {@link loadDemoRiskAssessments}. */
export interface LoadDemoRiskAssessmentsOptions {
  config: RootConfigService;
  logger: LoggerService;
  store: RiskAssessmentStore;
  /** Base of a relative directory; the backend's working directory by default. */
  workingDirectory?: string;
}

/**
 * Records the demo risk assessments when the config names a directory.
 *
 * @returns the counts, or undefined when no directory is configured
 */
export async function loadDemoRiskAssessments(
  options: LoadDemoRiskAssessmentsOptions,
): Promise<DemoFileResult | undefined> {
  const configured = options.config.getOptionalString(DEMO_EVIDENCE_CONFIG_KEY);
  if (!configured) return undefined;
  const { logger, store } = options;
  const path = resolve(
    options.workingDirectory ?? process.cwd(),
    configured,
    'risk-assessments.json',
  );
  const result: DemoFileResult = { created: 0, unchanged: 0, rejected: 0 };
  for (const [index, entry] of (
    await readDemoEntries(path, logger)
  ).entries()) {
    const parsed = demoAssessmentSchema.safeParse(entry);
    if (!parsed.success) {
      const error = zodIssuesToInputError(parsed.error, `entry ${index}`);
      logger.warn(`Skipped demo risk assessment in ${path}: ${error.message}`);
      result.rejected += 1;
      continue;
    }
    const { entityRef, answers, assessedBy, assessedAt } = parsed.data;
    const recorded = await store.list(entityRef);
    if (
      recorded.some(
        a => a.assessedAt === assessedAt && a.assessedBy === assessedBy,
      )
    ) {
      result.unchanged += 1;
      continue;
    }
    const classification = classifyRisk(answers);
    await store.add(
      {
        entityRef,
        answers,
        tier: classification.tier,
        domain: classification.domain,
        annexIIIPoints: classification.annexIIIPoints,
        classifierVersion: RISK_CLASSIFIER_VERSION,
        assessedBy,
      },
      assessedAt,
    );
    result.created += 1;
  }
  logger.info(
    `Demo risk assessments from ${path}: ${result.created} recorded ` +
      `(${result.unchanged} already present, ${result.rejected} rejected)`,
  );
  return result;
}
