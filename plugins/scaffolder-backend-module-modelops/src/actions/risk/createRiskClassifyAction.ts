import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { classifyRisk } from '@modelops/plugin-modelops-common';
import { z as zv3 } from 'zod/v3';
import { parseActionInput } from '../util/parseActionInput';
import { examples } from './createRiskClassifyAction.examples';
import { riskAnswersSchema } from './riskAnswersSchema';

const inputSchema = (z: typeof zv3) =>
  z.object({ answers: riskAnswersSchema(z) });

/**
 * Creates the `modelops:risk:classify` action, which turns risk questionnaire
 * answers into an EU AI Act tier, the controls it requires and the reasons.
 *
 * @public
 */
export function createRiskClassifyAction() {
  return createTemplateAction({
    id: 'modelops:risk:classify',
    description:
      'Classifies EU AI Act questionnaire answers into a risk tier (unacceptable, high, limited, minimal), the controls it requires and the rationale.',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        tier: z =>
          z
            .enum(['unacceptable', 'high', 'limited', 'minimal'])
            .describe('The EU AI Act risk tier.'),
        controls: z =>
          z
            .array(
              z.object({
                id: z.string(),
                title: z.string(),
                article: z.string(),
                description: z.string(),
                evidence: z.string().optional(),
              }),
            )
            .describe('Controls the tier and answers require.'),
        rationale: z =>
          z.array(z.string()).describe('One sentence per finding.'),
        domain: z =>
          z
            .string()
            .optional()
            .describe('The Annex III area that made the system high-risk.'),
      },
    },
    async handler(ctx) {
      const { answers } = parseActionInput(inputSchema(zv3), ctx.input);
      const result = classifyRisk(answers);
      ctx.logger.info(
        `Risk tier ${result.tier} with ${result.controls.length} controls`,
      );
      ctx.output('tier', result.tier);
      ctx.output('controls', result.controls);
      ctx.output('rationale', result.rationale);
      if (result.domain) {
        ctx.output('domain', result.domain);
      }
    },
  });
}
