import { z } from 'zod';
import { getObligation } from '../obligations/obligations';
import type { CheckDefinition, CheckRule } from './types';

const factPath = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9_-]+(\.[^.]+|\["[^"\]]+"\])*$/, {
    message: 'must be a dot path such as entity.spec.risk.tier',
  });
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * Zod schema of the rule language; used to validate checks from app-config
 * and from the API.
 *
 * @public
 */
export const checkRuleSchema: z.ZodType<CheckRule> = z.lazy(() =>
  z.union([
    z.strictObject({ fact: factPath, op: z.literal('exists') }),
    z.strictObject({ fact: factPath, op: z.literal('equals'), value: scalar }),
    z.strictObject({
      fact: factPath,
      op: z.literal('oneOf'),
      value: z.array(scalar).min(1),
    }),
    z.strictObject({
      fact: factPath,
      op: z.enum(['gte', 'lte']),
      value: z.union([z.number(), z.string()]),
    }),
    z.strictObject({ all: z.array(checkRuleSchema) }),
    z.strictObject({ any: z.array(checkRuleSchema) }),
    z.strictObject({ not: checkRuleSchema }),
  ]),
);

/**
 * Zod schema of a declarative check (app-config `modelops.scorecards.checks`).
 *
 * @public
 */
export const checkDefinitionSchema: z.ZodType<CheckDefinition> = z.strictObject(
  {
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, {
      message: 'must be lower-case letters, digits, dots and dashes',
    }),
    title: z.string().min(1),
    description: z.string().min(1),
    rationale: z.strictObject({
      practice: z.string().min(1),
      obligations: z
        .array(
          z.string().refine(id => getObligation(id) !== undefined, {
            message: 'must be the id of an obligation in OBLIGATIONS',
          }),
        )
        .optional(),
    }),
    appliesTo: z.strictObject({
      kinds: z.array(z.enum(['MLModel', 'Dataset'])).min(1),
      types: z.array(z.string()).optional(),
      lifecycles: z.array(z.string()).optional(),
      riskTiers: z.array(z.string()).optional(),
      when: checkRuleSchema.optional(),
    }),
    rule: checkRuleSchema,
    severity: z.enum(['info', 'warning', 'error', 'critical']),
    remediation: z.strictObject({
      text: z.string().min(1),
      link: z.string().min(1).optional(),
    }),
    pack: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
      message: 'must be lower-case letters, digits and dashes',
    }),
    level: z.enum(['bronze', 'silver', 'gold']),
  },
);

/**
 * Formats zod issues as `path: message` lines under a prefix (a config path
 * or a body field), so errors name exactly what is wrong.
 *
 * @public
 */
export function formatIssues(prefix: string, error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const path = [prefix, ...issue.path.map(String)]
        .filter(Boolean)
        .join('.');
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
