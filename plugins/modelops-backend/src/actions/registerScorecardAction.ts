import type { CheckResultView } from '@modelops/plugin-modelops-common';
import { pageInput, pageOf, pageOutput } from './pageOf';
import { requireActionEntity } from './requireActionEntity';
import type { ModelOpsActionDeps } from './types';
import type { z as zod } from 'zod/v3';

/** A failing or waived check as an assistant needs it. */
export function compactCheck(view: CheckResultView) {
  return {
    checkId: view.checkId,
    title: view.check.title,
    pack: view.pack,
    level: view.level,
    severity: view.severity,
    state: view.effectiveState,
    message: view.message,
    remediation: view.check.remediation.text,
    waiverId: view.waiverId,
  };
}

/** Output schema of {@link compactCheck}. */
export function compactCheckSchema(z: typeof zod) {
  return z.object({
    checkId: z.string(),
    title: z.string(),
    pack: z.string(),
    level: z.string(),
    severity: z.string(),
    state: z.string().describe('fail, or waived while a waiver is active'),
    message: z.string().optional().describe('What the check found'),
    remediation: z.string(),
    waiverId: z.string().optional(),
  });
}

/** `get-scorecard`: levels, failing checks with remediation, waivers. */
export function registerScorecardAction(deps: ModelOpsActionDeps) {
  deps.registry.register({
    name: 'get-scorecard',
    title: 'Scorecard of a model or dataset',
    description:
      'The scorecard of one MLModel or Dataset from its latest evaluation: overall score (0-100, severity weighted), level and score per pack (none, bronze, silver, gold), the failing and waived checks, most severe first, each with what the check found and how to fix it, the number of passing checks, and the waivers requested or granted. Failing checks are paged.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .describe(
              'A model name such as "credit-risk-scorer", or a full ref such as "dataset:default/credit-features".',
            ),
          ...pageInput(z),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          evaluatedAt: z
            .string()
            .optional()
            .describe('Absent when the entity was never evaluated.'),
          score: z.number(),
          packs: z.array(
            z.object({
              pack: z.string(),
              level: z.string(),
              score: z.number(),
              passing: z.number(),
              failing: z.number(),
              waived: z.number(),
            }),
          ),
          passing: z.number().describe('Checks passing.'),
          failing: z.object({
            ...pageOutput(z),
            items: z.array(compactCheckSchema(z)),
          }),
          waivers: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                id: z.string(),
                checkId: z.string(),
                status: z.string(),
                reason: z.string(),
                requestedBy: z.string(),
                expiresAt: z.string(),
              }),
            ),
          }),
        }),
    },
    examples: [
      {
        title: 'Scorecard of the credit limit optimizer',
        input: { entity: 'credit-limit-optimizer', offset: 0, limit: 20 },
      },
    ],
    action: async ({ input, credentials }) => {
      const { entityRef: ref } = await requireActionEntity(
        deps,
        credentials,
        input.entity,
        'entity',
      );
      const scorecard = await deps
        .clients(credentials)
        .scorecards.getEntityScorecard(ref);
      const waivers = scorecard.waivers.filter(
        w => w.status === 'pending' || w.status === 'approved',
      );
      return {
        output: {
          entityRef: scorecard.entityRef,
          evaluatedAt: scorecard.evaluatedAt,
          score: scorecard.score,
          packs: scorecard.packs,
          passing: scorecard.passing,
          failing: pageOf(scorecard.failing.map(compactCheck), input),
          waivers: {
            total: waivers.length,
            items: waivers.slice(0, 20).map(w => ({
              id: w.id,
              checkId: w.checkId,
              status: w.status,
              reason: w.reason,
              requestedBy: w.requestedBy,
              expiresAt: w.expiresAt,
            })),
          },
        },
      };
    },
  });
}
