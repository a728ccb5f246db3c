import {
  CHANGE_KINDS,
  FEEDBACK_CATEGORIES,
  REVIEW_DECISIONS,
} from '@modelops/plugin-modelops-common';
import { parseActionRef } from './parseActionRef';
import type { ModelOpsActionDeps } from './types';

const writes = { readOnly: false, destructive: false, idempotent: false };

/**
 * The write actions. Each posts to the route the portal's own button posts
 * to, as the caller: the route checks the permission, validates the body
 * (its errors name the field), writes in one transaction, notifies and emits
 * its auditor event with the caller as actor. Input fields carry the names
 * of the route's body fields, so the route's messages name them.
 */
export function registerWriteActions(deps: ModelOpsActionDeps) {
  deps.registry.register({
    name: 'report-model-problem',
    title: 'Report a problem with a model',
    description:
      "Reports a problem a user met with an MLModel (a wrong prediction, a bias concern, a usability problem or an outage) on the caller's behalf. The owning team is notified; the report stays open until the owners resolve it. Needs the modelops.feedback.create permission on the model.",
    attributes: writes,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The model, e.g. "credit-risk-scorer".'),
          category: z.enum(FEEDBACK_CATEGORIES),
          text: z
            .string()
            .describe(
              "What happened, in the reporter's words (up to 4,000 characters).",
            ),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          category: z.string(),
          state: z.string(),
          reporterRef: z.string(),
          createdAt: z.string(),
        }),
    },
    examples: [
      {
        title: 'A wrong decline',
        input: {
          entityRef: 'credit-risk-scorer',
          category: 'wrong-prediction',
          text: 'Application 7731 was declined although the applicant has a 6-year clean bureau history.',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const feedback = await deps.clients(credentials).feedback.createFeedback({
        ...input,
        entityRef: parseActionRef(input.entityRef, 'entityRef', 'mlmodel'),
      });
      return {
        output: {
          id: feedback.id,
          entityRef: feedback.entityRef,
          category: feedback.category,
          state: feedback.state,
          reporterRef: feedback.reporterRef,
          createdAt: feedback.createdAt,
        },
      };
    },
  });

  deps.registry.register({
    name: 'request-waiver',
    title: 'Request a scorecard waiver',
    description:
      'Asks for a temporary waiver of one failing scorecard check on one model or dataset, with a reason (at least 10 characters) and an expiry at most 365 days ahead. The waiver is pending until a member of the review board other than the requester approves it; only then does the check count as waived. Needs the modelops.waiver.request permission on the entity.',
    attributes: writes,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The model or dataset, e.g. "credit-limit-optimizer".'),
          checkId: z
            .string()
            .describe('The check, e.g. "responsible-ai.impact-assessment".'),
          reason: z.string(),
          expiresAt: z
            .string()
            .describe('ISO 8601 date or time, e.g. "2027-03-31".'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          checkId: z.string(),
          status: z.string(),
          requestedBy: z.string(),
          expiresAt: z.string(),
        }),
    },
    examples: [
      {
        title: 'Waive the impact assessment until the assessment is signed',
        input: {
          entityRef: 'credit-limit-optimizer',
          checkId: 'responsible-ai.impact-assessment',
          reason:
            'The assessment is with legal for signature; due by the end of the quarter.',
          expiresAt: '2027-03-31',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const waiver = await deps.clients(credentials).scorecards.requestWaiver({
        ...input,
        entityRef: parseActionRef(input.entityRef, 'entityRef', 'mlmodel'),
      });
      return {
        output: {
          id: waiver.id,
          entityRef: waiver.entityRef,
          checkId: waiver.checkId,
          status: waiver.status,
          requestedBy: waiver.requestedBy,
          expiresAt: waiver.expiresAt,
        },
      };
    },
  });

  deps.registry.register({
    name: 'attest-review-item',
    title: 'Attest an ownership review item',
    description:
      'Decides one item of an ownership review cycle (ids come from get-team-reviews): keep (the team still owns it), transfer (to another group, given in transferTo, who must accept) or retire. Members of the owning team may decide, and review administrators; anyone else is refused.',
    attributes: writes,
    schema: {
      input: z =>
        z.object({
          itemId: z.string().describe('The review item id.'),
          decision: z.enum(REVIEW_DECISIONS),
          note: z.string().optional(),
          transferTo: z
            .string()
            .optional()
            .describe('Receiving group ref, only for decision "transfer".'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          ownerRef: z.string(),
          state: z.string(),
          decision: z.string().optional(),
          decidedBy: z.string().optional(),
          decidedAt: z.string().optional(),
          transferTo: z.string().optional(),
        }),
    },
    examples: [
      {
        title: 'Keep a model',
        input: { itemId: '12', decision: 'keep', note: 'Still ours.' },
      },
    ],
    action: async ({ input, credentials }) => {
      const { itemId, ...request } = input;
      const item = await deps
        .clients(credentials)
        .reviews.attest(itemId, request);
      return {
        output: {
          id: item.id,
          entityRef: item.entityRef,
          ownerRef: item.ownerRef,
          state: item.state,
          decision: item.decision,
          decidedBy: item.decidedBy,
          decidedAt: item.decidedAt,
          transferTo: item.transferTo,
        },
      };
    },
  });

  deps.registry.register({
    name: 'request-production-change',
    title: 'Request a production change',
    description:
      'Asks the review group to approve a promotion of a model version to production, or a rollback, with a reason and evidence links (a promotion needs at least one http(s) link, for example the evaluation report). The request is pending until a member of the review group other than the requester decides. Needs the modelops.change.request permission on the model.',
    attributes: writes,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The model, e.g. "credit-limit-optimizer".'),
          kind: z.enum(CHANGE_KINDS),
          modelVersion: z.string(),
          evidenceLinks: z.array(z.string()).default([]),
          reason: z.string(),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          kind: z.string(),
          modelVersion: z.string(),
          status: z.string(),
          requesterRef: z.string(),
          createdAt: z.string(),
        }),
    },
    examples: [
      {
        title: 'Promote version 1.3.0',
        input: {
          entityRef: 'credit-limit-optimizer',
          kind: 'promote',
          modelVersion: '1.3.0',
          evidenceLinks: ['https://mlflow.example/runs/4711'],
          reason: 'Beats the champion on AUC with fairness within thresholds.',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const change = await deps.clients(credentials).changes.requestChange({
        ...input,
        entityRef: parseActionRef(input.entityRef, 'entityRef', 'mlmodel'),
      });
      return {
        output: {
          id: change.id,
          entityRef: change.entityRef,
          kind: change.kind,
          modelVersion: change.modelVersion,
          status: change.status,
          requesterRef: change.requesterRef,
          createdAt: change.createdAt,
        },
      };
    },
  });
}
