import {
  fairnessWithinThreshold,
  metricsWithinThreshold,
} from '../scorecards/facts/EvidenceFactProvider';
import { requireActionEntity } from './requireActionEntity';
import type { ModelOpsActionDeps } from './types';

const asStrings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.map(String) : undefined;

/** `get-model-card`: what a model is for, how good it is, what it came from. */
export function registerModelCardAction(deps: ModelOpsActionDeps) {
  deps.registry.register({
    name: 'get-model-card',
    title: 'Model card summary',
    description:
      'Summarises the model card of one MLModel: purpose (primary uses and users, out-of-scope uses, allowed purposes), limitations, assumptions and fallback, quality metrics with their thresholds and the latest evaluated value, fairness metrics with thresholds, lineage (datasets trained and evaluated on, base models), risk tier and links. "withinThreshold" is computed from the latest evaluation report exactly as the scorecard checks compute it; it is absent when no report was posted.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          model: z
            .string()
            .describe(
              'The model, e.g. "credit-risk-scorer" or "mlmodel:default/credit-risk-scorer".',
            ),
        }),
      output: z => {
        const threshold = z.object({
          name: z.string(),
          threshold: z.number().optional(),
          direction: z.string().optional(),
          slice: z.string().optional(),
          latestValue: z.number().optional(),
          withinThreshold: z.boolean().optional(),
        });
        return z.object({
          entityRef: z.string(),
          title: z.string().optional(),
          description: z.string().optional(),
          type: z.string().optional(),
          lifecycle: z.string().optional(),
          owner: z.string().optional(),
          version: z.string().optional(),
          riskTier: z.string().optional(),
          purpose: z.object({
            primaryUses: z.array(z.string()).optional(),
            primaryUsers: z.array(z.string()).optional(),
            outOfScope: z.array(z.string()).optional(),
            allowedPurposes: z.array(z.string()).optional(),
          }),
          limitations: z.string().optional(),
          assumptions: z.string().optional(),
          fallback: z.string().optional(),
          latestEvaluation: z
            .object({
              modelVersion: z.string(),
              evaluatedAt: z.string(),
              datasetRef: z.string().optional(),
            })
            .optional(),
          metrics: z.array(threshold),
          fairness: z.array(threshold),
          lineage: z.object({
            trainedOn: z.array(z.string()),
            evaluatedOn: z.array(z.string()),
            derivedFrom: z.array(z.string()),
          }),
          links: z.array(
            z.object({
              type: z.string().optional(),
              title: z.string().optional(),
              url: z.string(),
            }),
          ),
        });
      },
    },
    examples: [
      {
        title: 'Model card of the credit risk scorer',
        input: { model: 'credit-risk-scorer' },
      },
    ],
    action: async ({ input, credentials }) => {
      const { entity, entityRef } = await requireActionEntity(
        deps,
        credentials,
        input.model,
        'model',
      );
      const spec = (entity.spec ?? {}) as Record<string, any>;
      const [report] = await deps
        .clients(credentials)
        .evidence.getEvaluations({ modelRef: entityRef, limit: 1 });
      const metrics = (spec.metrics ?? []).map((m: any) => ({
        name: String(m.name),
        threshold: typeof m.threshold === 'number' ? m.threshold : undefined,
        direction: m.direction,
        slice: m.slice,
        latestValue: report?.metrics.find(r => r.name === m.name && !r.slice)
          ?.value,
        withinThreshold: report
          ? metricsWithinThreshold([m], report)
          : undefined,
      }));
      const fairness = (spec.risk?.fairness ?? []).map((f: any) => ({
        name: String(f.metric),
        threshold: typeof f.threshold === 'number' ? f.threshold : undefined,
        // The largest disparity reported, overall or in any group.
        latestValue: report?.metrics
          .filter(r => r.name === f.metric)
          .map(r => Math.abs(r.value))
          .reduce<number | undefined>(
            (max, v) => (max === undefined || v > max ? v : max),
            undefined,
          ),
        withinThreshold: report
          ? fairnessWithinThreshold([f], report)
          : undefined,
      }));
      return {
        output: {
          entityRef,
          title: entity.metadata.title,
          description: entity.metadata.description,
          type: spec.type,
          lifecycle: spec.lifecycle,
          owner: spec.owner,
          version:
            spec.version === undefined ? undefined : String(spec.version),
          riskTier: spec.risk?.tier,
          purpose: {
            primaryUses: asStrings(spec.intendedUse?.primaryUses),
            primaryUsers: asStrings(spec.intendedUse?.primaryUsers),
            outOfScope: asStrings(spec.intendedUse?.outOfScope),
            allowedPurposes: asStrings(spec.allowedPurposes),
          },
          limitations: spec.limitations,
          assumptions: spec.assumptions,
          fallback: spec.fallback,
          latestEvaluation: report && {
            modelVersion: report.modelVersion,
            evaluatedAt: report.evaluatedAt,
            datasetRef: report.datasetRef,
          },
          metrics,
          fairness,
          lineage: {
            trainedOn: asStrings(spec.trainedOn) ?? [],
            evaluatedOn: asStrings(spec.evaluatedOn) ?? [],
            derivedFrom: asStrings(spec.derivedFrom) ?? [],
          },
          links: (entity.metadata.links ?? []).map(l => ({
            type: l.type,
            title: l.title,
            url: l.url,
          })),
        },
      };
    },
  });
}
