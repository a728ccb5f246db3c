import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { classifyRisk } from '@modelops/plugin-modelops-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Document } from 'yaml';
import { z as zv3 } from 'zod/v3';
import {
  type CatalogFile,
  findEntityDocument,
  readCatalogFile,
  writeCatalogFile,
} from '../util/catalogFile';
import { parseActionInput } from '../util/parseActionInput';
import { resolveWorkspacePath } from '../util/resolveWorkspacePath';
import { examples } from './createRiskAssessmentWriteAction.examples';
import { renderRiskAssessment } from './renderRiskAssessment';
import { riskAnswersSchema } from './riskAnswersSchema';

const inputSchema = (z: typeof zv3) =>
  z.object({
    answers: riskAnswersSchema(z),
    entityFile: z
      .string()
      .default('catalog-info.yaml')
      .describe(
        'The catalog file holding the MLModel, relative to the workspace.',
      ),
    entityName: z
      .string()
      .optional()
      .describe('metadata.name of the MLModel when the file holds several.'),
    entity: z
      .object({
        apiVersion: z.string(),
        kind: z.literal('MLModel'),
        metadata: z.object({ name: z.string() }).passthrough(),
      })
      .passthrough()
      .optional()
      .describe(
        'An MLModel entity (for example the output of catalog:fetch) to write to entityFile before patching it.',
      ),
    path: z
      .string()
      .default('RISK_ASSESSMENT.md')
      .describe('Where to write the assessment, relative to the workspace.'),
    humanOversight: z
      .enum([
        'human-in-the-loop',
        'human-on-the-loop',
        'human-in-command',
        'none',
      ])
      .optional()
      .describe(
        'Human oversight mode to record in spec.risk.humanOversight.mode.',
      ),
  });

// Fields the catalog adds to a stored entity; they must not go back into a source file.
const CATALOG_MANAGED_METADATA = ['uid', 'etag', 'generation'];

function toSourceDocument(entity: Record<string, any>): Document {
  const { relations, status, ...rest } = entity;
  const metadata = { ...rest.metadata };
  for (const key of CATALOG_MANAGED_METADATA) {
    delete metadata[key];
  }
  // The namespace is implied by the location a file is registered from.
  if (metadata.namespace === DEFAULT_NAMESPACE) {
    delete metadata.namespace;
  }
  return new Document({ ...rest, metadata });
}

/**
 * Creates the `modelops:risk-assessment:write` action, which classifies the
 * questionnaire answers, writes RISK_ASSESSMENT.md and records the tier in
 * `spec.risk` of the MLModel.
 *
 * @public
 */
export function createRiskAssessmentWriteAction() {
  return createTemplateAction({
    id: 'modelops:risk-assessment:write',
    description:
      'Classifies EU AI Act questionnaire answers, writes RISK_ASSESSMENT.md and patches spec.risk (tier, domain, human oversight) of the MLModel in a catalog file.',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        tier: z => z.string().describe('The EU AI Act risk tier.'),
        path: z => z.string().describe('The assessment path in the workspace.'),
        entityRef: z => z.string().describe('The assessed MLModel.'),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(inputSchema(zv3), ctx.input);
      const documentPath = await resolveWorkspacePath(
        ctx.workspacePath,
        input.path,
        'path',
      );
      const entityPath = await resolveWorkspacePath(
        ctx.workspacePath,
        input.entityFile,
        'entityFile',
      );

      let file: CatalogFile;
      if (input.entity) {
        file = {
          displayPath: input.entityFile,
          documents: [toSourceDocument(input.entity) as Document.Parsed],
        };
      } else {
        file = await readCatalogFile(entityPath, input.entityFile);
      }
      const doc = findEntityDocument(file, 'MLModel', input.entityName);
      const name = doc.getIn(['metadata', 'name']);
      if (typeof name !== 'string') {
        throw new InputError(
          `${input.entityFile}: metadata.name of the MLModel must be a string`,
        );
      }
      const namespace = doc.getIn(['metadata', 'namespace']);
      const entityRef = stringifyEntityRef({
        kind: 'MLModel',
        namespace: typeof namespace === 'string' ? namespace : undefined,
        name,
      });

      const classification = classifyRisk(input.answers);
      doc.setIn(['spec', 'risk', 'tier'], classification.tier);
      if (classification.domain && !doc.hasIn(['spec', 'risk', 'domain'])) {
        doc.setIn(['spec', 'risk', 'domain'], classification.domain);
      }
      const [annexIII] = classification.annexIIIPoints ?? [];
      if (annexIII && !doc.hasIn(['spec', 'risk', 'annexIII'])) {
        doc.setIn(['spec', 'risk', 'annexIII'], annexIII);
      }
      if (
        input.answers.publicServiceDeployer !== undefined &&
        classification.tier === 'high' &&
        !doc.hasIn(['spec', 'risk', 'publicService'])
      ) {
        doc.setIn(
          ['spec', 'risk', 'publicService'],
          input.answers.publicServiceDeployer,
        );
      }
      if (input.humanOversight) {
        doc.setIn(
          ['spec', 'risk', 'humanOversight', 'mode'],
          input.humanOversight,
        );
      }

      const title = doc.getIn(['metadata', 'title']);
      const markdown = renderRiskAssessment({
        entityRef,
        title: typeof title === 'string' ? title : name,
        answers: input.answers,
        classification,
        assessedAt: new Date().toISOString().slice(0, 10),
        assessedBy: ctx.user?.ref,
      });

      await fs.mkdir(path.dirname(entityPath), { recursive: true });
      await writeCatalogFile(entityPath, file);
      await fs.mkdir(path.dirname(documentPath), { recursive: true });
      await fs.writeFile(documentPath, markdown, 'utf8');

      ctx.logger.info(
        `Assessed ${entityRef} as ${classification.tier}; wrote ${input.path} and spec.risk in ${input.entityFile}`,
      );
      ctx.output('tier', classification.tier);
      ctx.output('path', input.path);
      ctx.output('entityRef', entityRef);
    },
  });
}
