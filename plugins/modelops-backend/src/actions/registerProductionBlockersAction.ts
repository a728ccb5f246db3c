import type { ChangeRequest, Feedback } from '@modelops/plugin-modelops-common';
import { requireActionEntity } from './requireActionEntity';
import { compactCheck, compactCheckSchema } from './registerScorecardAction';
import type { ModelOpsActionDeps } from './types';

/** Severities whose failure blocks a promotion to production. */
export const BLOCKING_SEVERITIES = ['critical', 'error'];
const LISTED = 10;

const compactChange = (c: ChangeRequest) => ({
  id: c.id,
  kind: c.kind,
  modelVersion: c.modelVersion,
  status: c.status,
  requesterRef: c.requesterRef,
  createdAt: c.createdAt,
  decidedBy: c.decidedBy,
});

const compactFeedback = (f: Feedback) => ({
  id: f.id,
  category: f.category,
  state: f.state,
  text: f.text.slice(0, 280),
  createdAt: f.createdAt,
});

/** `get-production-blockers`: what stands between a model and production. */
export function registerProductionBlockersAction(deps: ModelOpsActionDeps) {
  deps.registry.register({
    name: 'get-production-blockers',
    title: 'What blocks production for a model',
    description: `Answers "what must I fix before this model can go to production?" for one MLModel. Three kinds of blocker: failing scorecard checks of severity ${BLOCKING_SEVERITIES.join(
      ' or ',
    )} that no active waiver covers (with what each found and how to fix it); a missing approval (no approved promotion of the version the model declares in spec.version, decided by the review group; pending requests are listed); and unresolved user feedback (open or acknowledged). "blockers" lists each one in words; readyForProduction is true only when there is none.`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          model: z
            .string()
            .describe('The model, e.g. "credit-limit-optimizer".'),
        }),
      output: z => {
        const change = z.object({
          id: z.string(),
          kind: z.string(),
          modelVersion: z.string(),
          status: z.string(),
          requesterRef: z.string(),
          createdAt: z.string(),
          decidedBy: z.string().optional(),
        });
        return z.object({
          entityRef: z.string(),
          lifecycle: z.string().optional(),
          version: z.string().optional(),
          readyForProduction: z.boolean(),
          blockers: z.array(z.string()).describe('Each blocker in words.'),
          scorecardEvaluatedAt: z.string().optional(),
          blockingChecks: z.object({
            total: z.number(),
            items: z.array(compactCheckSchema(z)),
          }),
          approval: z.object({
            reviewGroup: z.string(),
            approvedPromotion: change.optional(),
            pending: z.array(change),
          }),
          unresolvedFeedback: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                id: z.string(),
                category: z.string(),
                state: z.string(),
                text: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
        });
      },
    },
    examples: [
      {
        title: 'Before promoting the credit limit optimizer',
        input: { model: 'credit-limit-optimizer' },
      },
    ],
    action: async ({ input, credentials }) => {
      const { entity, entityRef } = await requireActionEntity(
        deps,
        credentials,
        input.model,
        'model',
      );
      const clients = deps.clients(credentials);
      const [scorecard, changes, open, acknowledged] = await Promise.all([
        clients.scorecards.getEntityScorecard(entityRef),
        clients.changes.listChanges({ entityRef, limit: 500 }),
        clients.feedback.listFeedback({ entityRef, state: 'open', limit: 500 }),
        clients.feedback.listFeedback({
          entityRef,
          state: 'acknowledged',
          limit: 500,
        }),
      ]);
      const rawVersion = entity.spec?.version;
      const version =
        rawVersion === undefined || rawVersion === null
          ? undefined
          : String(rawVersion);

      const blockingChecks = scorecard.failing
        .filter(
          v =>
            v.effectiveState === 'fail' &&
            BLOCKING_SEVERITIES.includes(v.severity),
        )
        .map(compactCheck);
      const approvedPromotion = changes.items.find(
        c =>
          c.kind === 'promote' &&
          c.status === 'approved' &&
          version !== undefined &&
          c.modelVersion === version,
      );
      const pending = changes.items.filter(c => c.status === 'pending');
      const unresolved = [...open, ...acknowledged].sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt),
      );

      const blockers: string[] = [];
      if (!scorecard.evaluatedAt) {
        blockers.push('The scorecard has not evaluated this model yet.');
      }
      for (const check of blockingChecks) {
        blockers.push(
          `Check "${check.title}" (${check.severity}) fails${
            check.message ? `: ${check.message}` : ''
          }. Fix: ${check.remediation}`,
        );
      }
      if (version === undefined) {
        blockers.push(
          'The model declares no spec.version, so no promotion can be approved for it.',
        );
      } else if (!approvedPromotion) {
        blockers.push(
          `No approved promotion of version ${version} by ${
            changes.reviewGroup
          }${
            pending.length > 0
              ? ` (${pending.length} request(s) pending)`
              : '; request one with request-production-change'
          }.`,
        );
      }
      if (unresolved.length > 0) {
        blockers.push(
          `${unresolved.length} unresolved feedback report(s) from users.`,
        );
      }

      return {
        output: {
          entityRef,
          lifecycle: entity.spec?.lifecycle as string | undefined,
          version,
          readyForProduction: blockers.length === 0,
          blockers,
          scorecardEvaluatedAt: scorecard.evaluatedAt,
          blockingChecks: {
            total: blockingChecks.length,
            items: blockingChecks.slice(0, LISTED * 2),
          },
          approval: {
            reviewGroup: changes.reviewGroup,
            approvedPromotion: approvedPromotion
              ? compactChange(approvedPromotion)
              : undefined,
            pending: pending.slice(0, LISTED).map(compactChange),
          },
          unresolvedFeedback: {
            total: unresolved.length,
            items: unresolved.slice(0, LISTED).map(compactFeedback),
          },
        },
      };
    },
  });
}
