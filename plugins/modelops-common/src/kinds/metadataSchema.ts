import { z } from 'zod';
import { httpUrl, nonEmptyString } from './schemaPrimitives';

/**
 * The parts of the standard entity metadata the ModelOps pages rely on. The
 * object stays open: the catalog adds uid, etag, namespace, annotations and
 * more, and its own entity policies validate those.
 *
 * @public
 */
export const modelOpsMetadataSchema = z.looseObject({
  name: nonEmptyString().describe('Unique name within the namespace.'),
  namespace: nonEmptyString().optional(),
  title: z.string().optional().describe('Display name.'),
  description: z.string().optional().describe('One paragraph summary.'),
  tags: z.array(nonEmptyString()).optional(),
  links: z
    .array(
      z.looseObject({
        url: httpUrl(),
        title: z.string().optional(),
        icon: z.string().optional(),
        type: z
          .string()
          .optional()
          .describe(
            'runbook, dashboard, playbook, on-call, postmortem, model-card or datasheet are placed on the ModelOps pages; other types are kept.',
          ),
      }),
    )
    .optional(),
});
