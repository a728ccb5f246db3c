import { z } from 'zod';
import { DATASET_KIND, MODELOPS_API_VERSION } from './constants';
import {
  DATA_CLASSIFICATIONS,
  DATA_QUALITY_CHECKS,
  DATA_REGULATIONS,
  DATASET_SCHEMA_FORMATS,
  DATASET_TYPES,
  DRIFT_TESTS,
  LAWFUL_BASES,
  MODELOPS_LIFECYCLES,
} from './enums';
import { modelOpsMetadataSchema } from './metadataSchema';
import {
  entityRef,
  entityRefList,
  httpUrl,
  isoDuration,
  nonEmptyString,
  oneOf,
  stringList,
  text,
} from './schemaPrimitives';

/**
 * The spec of a Dataset entity. The datasheet sections follow "Datasheets
 * for Datasets" (Gebru et al.) and hold Markdown.
 *
 * @public
 */
export const datasetSpecSchema = z.strictObject({
  type: oneOf(DATASET_TYPES).optional(),
  lifecycle: oneOf(MODELOPS_LIFECYCLES),
  owner: entityRef().describe('Owning group; short refs default to Group.'),
  steward: entityRef()
    .optional()
    .describe(
      'Data steward; short refs default to User. Required by the governance checks.',
    ),
  system: entityRef().optional(),
  source: nonEmptyString()
    .optional()
    .describe('Where the data lives, e.g. warehouse.schema.table.'),
  producedBy: entityRef()
    .optional()
    .describe('Pipeline writing the data; short refs default to Component.'),
  derivedFrom: entityRefList()
    .optional()
    .describe('Upstream datasets; short refs default to Dataset.'),
  schema: z
    .strictObject({
      url: httpUrl().optional(),
      format: oneOf(DATASET_SCHEMA_FORMATS).optional(),
      validated: z.boolean().optional(),
    })
    .optional(),
  classification: oneOf(DATA_CLASSIFICATIONS).optional(),
  containsPII: z.boolean().optional(),
  piiCategories: stringList().optional(),
  regulations: z.array(oneOf(DATA_REGULATIONS)).optional(),
  lawfulBasis: oneOf(LAWFUL_BASES).optional(),
  retention: z
    .strictObject({
      period: isoDuration().optional(),
      policyUrl: httpUrl().optional(),
      archival: text().optional(),
    })
    .optional(),
  quality: z
    .strictObject({
      checks: z.array(oneOf(DATA_QUALITY_CHECKS)).optional(),
      tool: nonEmptyString().optional(),
      freshnessSlo: isoDuration().optional(),
    })
    .optional(),
  drift: z
    .strictObject({
      monitored: z.boolean().optional(),
      test: oneOf(DRIFT_TESTS).optional(),
    })
    .optional(),
  labeling: z
    .strictObject({
      protocolUrl: httpUrl().optional(),
      agreement: z
        .number()
        .min(0, { error: 'expected a number between 0 and 1' })
        .max(1, { error: 'expected a number between 0 and 1' })
        .optional()
        .describe('Inter-annotator agreement, 0 to 1.'),
    })
    .optional(),
  access: entityRefList()
    .optional()
    .describe('Groups allowed to read the data.'),
  anonymized: z.boolean().optional(),
  datasheet: z
    .strictObject({
      motivation: text().optional(),
      composition: text().optional(),
      collection: text().optional(),
      preprocessing: text().optional(),
      uses: text().optional(),
      distribution: text().optional(),
      maintenance: text().optional(),
    })
    .optional(),
});

/**
 * A whole Dataset entity document. Metadata and the envelope stay open for
 * what the catalog adds (relations, status); the spec is strict.
 *
 * @public
 */
export const datasetEntitySchema = z.looseObject({
  apiVersion: z.literal(MODELOPS_API_VERSION, {
    error: `expected "${MODELOPS_API_VERSION}"`,
  }),
  kind: z.literal(DATASET_KIND, { error: `expected "${DATASET_KIND}"` }),
  metadata: modelOpsMetadataSchema,
  spec: datasetSpecSchema,
});
