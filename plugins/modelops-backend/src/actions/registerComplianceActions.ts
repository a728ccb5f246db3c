import {
  OBLIGATION_INSTRUMENTS,
  type ObligationAssessment,
  type ObligationStatus,
} from '@modelops/plugin-modelops-common';
import { pageInput, pageOf, pageOutput } from './pageOf';
import { requireActionEntity } from './requireActionEntity';
import type { ModelOpsActionDeps } from './types';

const STATUSES = [
  'met',
  'failing',
  'not-evidenced',
  'not-applicable',
] as const satisfies readonly ObligationStatus[];

/** Failing first: what an assistant is asked about is what is not met. */
const STATUS_ORDER: Record<ObligationStatus, number> = {
  failing: 0,
  'not-evidenced': 1,
  met: 2,
  'not-applicable': 3,
};

const compactObligation = (a: ObligationAssessment) => ({
  id: a.obligation.id,
  citation: a.citation,
  title: a.obligation.title,
  binds: a.obligation.binds,
  status: a.status,
  scope: a.applicability.state,
  scopeReason: a.applicability.reason,
  appliesFrom: a.applicability.appliesFrom,
  inForce: a.applicability.inForce,
  daysLeft: a.applicability.daysLeft,
  checks: a.checks.map(c => ({
    id: c.id,
    title: c.title,
    state: c.state,
    message: c.message,
  })),
});

/**
 * `get-model-obligations` and `get-annex-iv-dossier`: the compliance routes
 * for one model, as an assistant asks them ("which EU AI Act obligations
 * apply to this model, and which are met?", "what is missing from its
 * technical documentation?").
 */
export function registerComplianceActions(deps: ModelOpsActionDeps) {
  deps.registry.register({
    name: 'get-model-obligations',
    title: 'Obligations that apply to a model and whether they are met',
    description:
      'For one MLModel: each tracked obligation of the EU AI Act (by default; or NIST AI RMF 1.0, ISO/IEC 42001:2023 Annex A, GDPR), whether it binds the model (scope, with the field that decided), from which date it applies and how many days are left (inForce is true once it applies), and its status: met (every check citing it passes or is waived), failing (a check citing it fails, with what the check found), not-evidenced (no check citing it has been evaluated), or not-applicable. Failing obligations come first. "counts" gives the number of obligations per status before paging; "status" narrows the list.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          model: z
            .string()
            .describe('The model, e.g. "credit-risk-scorer" or a full ref.'),
          instrument: z
            .enum(OBLIGATION_INSTRUMENTS)
            .default('eu-ai-act')
            .describe('Which instrument the obligations come from.'),
          status: z
            .enum(STATUSES)
            .optional()
            .describe('Only obligations with this status.'),
          ...pageInput(z),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          asOf: z.string().describe('The day dates are counted from.'),
          counts: z
            .object({
              met: z.number(),
              failing: z.number(),
              'not-evidenced': z.number(),
              'not-applicable': z.number(),
            })
            .describe('Obligations per status, before the status filter.'),
          obligations: z.object({
            ...pageOutput(z),
            items: z.array(
              z.object({
                id: z.string(),
                citation: z
                  .string()
                  .describe('As written in the instrument, e.g. Art. 50(1).'),
                title: z.string(),
                binds: z.array(z.string()).describe('provider, deployer'),
                status: z.enum(STATUSES),
                scope: z
                  .string()
                  .describe('applies, not-applicable or undetermined'),
                scopeReason: z.string(),
                appliesFrom: z.string().optional(),
                inForce: z.boolean(),
                daysLeft: z.number().optional(),
                checks: z.array(
                  z.object({
                    id: z.string(),
                    title: z.string(),
                    state: z.string(),
                    message: z.string().optional(),
                  }),
                ),
              }),
            ),
          }),
        }),
    },
    examples: [
      {
        title: 'EU AI Act obligations of the credit risk scorer',
        input: {
          model: 'credit-risk-scorer',
          instrument: 'eu-ai-act',
          offset: 0,
          limit: 20,
        },
      },
      {
        title: 'ISO/IEC 42001 controls the support assistant fails',
        input: {
          model: 'support-assistant',
          instrument: 'iso-42001',
          status: 'failing',
          offset: 0,
          limit: 20,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const { entityRef } = await requireActionEntity(
        deps,
        credentials,
        input.model,
        'model',
      );
      const compliance = await deps
        .clients(credentials)
        .compliance.getEntityCompliance({
          entityRef,
          instrument: input.instrument,
        });
      const counts = Object.fromEntries(
        STATUSES.map(s => [
          s,
          compliance.obligations.filter(o => o.status === s).length,
        ]),
      ) as Record<ObligationStatus, number>;
      const listed = compliance.obligations
        .filter(o => !input.status || o.status === input.status)
        .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
        .map(compactObligation);
      return {
        output: {
          entityRef: compliance.entityRef,
          asOf: compliance.asOf,
          counts,
          obligations: pageOf(listed, input),
        },
      };
    },
  });

  deps.registry.register({
    name: 'get-annex-iv-dossier',
    title: 'Annex IV technical documentation of a model',
    description:
      "The EU AI Act Annex IV technical documentation of one MLModel's current version, generated from what the portal holds (the entity, its datasets and datasheets, evaluations, monitoring, the risk assessment, change approvals, delivery history, waivers), as Markdown in its nine sections. Each section lists its gaps: the field or evidence that would fill it. Use it to answer what is missing before a conformity assessment.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          model: z
            .string()
            .describe('The model, e.g. "credit-risk-scorer" or a full ref.'),
        }),
      output: z =>
        z.object({
          fileName: z
            .string()
            .describe('Named after the model and its version.'),
          markdown: z.string(),
        }),
    },
    examples: [
      {
        title: 'Technical documentation of the credit risk scorer',
        input: { model: 'credit-risk-scorer' },
      },
    ],
    action: async ({ input, credentials }) => {
      const { entityRef } = await requireActionEntity(
        deps,
        credentials,
        input.model,
        'model',
      );
      const dossier = await deps
        .clients(credentials)
        .compliance.getDossier(entityRef);
      return {
        output: { fileName: dossier.fileName, markdown: dossier.content },
      };
    },
  });
}
