import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  classifyRisk,
  RiskAssessmentClient,
  type RiskQuestionnaireAnswers,
} from '@modelops/plugin-modelops-common';
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

function exists(absolutePath: string): Promise<boolean> {
  return fs.access(absolutePath).then(
    () => true,
    () => false,
  );
}

function refOf(
  kind: string,
  metadata: { name?: unknown; namespace?: unknown },
) {
  return stringifyEntityRef({
    kind,
    namespace:
      typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    name: String(metadata.name),
  }).toLocaleLowerCase('en-US');
}

function ownerOf(owner: unknown): string | undefined {
  return typeof owner === 'string'
    ? owner.trim().toLocaleLowerCase('en-US')
    : undefined;
}

/*
 * The folder the assessment goes to may already hold another model's files
 * (a workspace fetched from a repository, or a second run into a shared
 * folder). Writing the given entity there would replace another team's
 * catalog file and assessment, so the action refuses unless the files there
 * are about the same model with the same owner.
 */
async function refuseForeignFolder(
  entity: { kind: string; metadata: Record<string, unknown>; spec?: unknown },
  entityPath: string,
  entityFile: string,
  documentPath: string,
  documentFile: string,
): Promise<void> {
  const ref = refOf('MLModel', entity.metadata);
  const owner = ownerOf(
    (entity.spec as Record<string, unknown> | undefined)?.owner,
  );
  if (await exists(entityPath)) {
    const existing = await readCatalogFile(entityPath, entityFile);
    for (const doc of existing.documents) {
      const value = doc.toJS() as Record<string, any> | null;
      if (!value?.kind || !value.metadata?.name) continue;
      const existingRef = refOf(value.kind, value.metadata);
      const existingOwner = ownerOf(value.spec?.owner);
      if (existingRef !== ref || existingOwner !== owner) {
        throw new InputError(
          `${entityFile}: already holds ${existingRef} owned by ${
            existingOwner ?? 'nobody'
          }; refusing to overwrite it with ${ref} owned by ${
            owner ?? 'nobody'
          }. Choose the folder of ${ref}.`,
        );
      }
    }
  }
  if (await exists(documentPath)) {
    const text = await fs.readFile(documentPath, 'utf8');
    const assessed = /\| Entity \| `([^`]+)` \|/.exec(text)?.[1];
    if (!assessed || assessed.toLocaleLowerCase('en-US') !== ref) {
      throw new InputError(
        `${documentFile}: already holds the assessment of ${
          assessed ?? 'another document'
        }; refusing to overwrite it with the assessment of ${ref}`,
      );
    }
  }
}

/**
 * What the risk assessment action needs to record assessments in the
 * ModelOps backend.
 *
 * @public
 */
export interface RiskAssessmentWriteActionOptions {
  auth: AuthService;
  discovery: DiscoveryService;
  /** The fetch that calls the backend; the global fetch by default. */
  fetch?: typeof fetch;
}

type Logger = { info(message: string): void; warn(message: string): void };

/**
 * Records the answers in the ModelOps backend on behalf of the person who
 * started the task, so the backend names them as the author. A model not
 * yet in the catalog (a project being created) cannot be recorded; the
 * action says so and goes on, since the assessment document still stands.
 *
 * @returns whether the assessment was recorded
 */
async function recordAssessment(
  options: RiskAssessmentWriteActionOptions,
  credentials: Parameters<
    AuthService['getPluginRequestToken']
  >[0]['onBehalfOf'],
  entityRef: string,
  answers: RiskQuestionnaireAnswers,
  logger: Logger,
): Promise<boolean> {
  if (!options.auth.isPrincipal(credentials, 'user')) {
    logger.warn(
      `Not recorded in ModelOps: no person started this task, and a risk assessment is recorded with its author`,
    );
    return false;
  }
  const { token } = await options.auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'modelops',
  });
  const fetchWithToken = options.fetch ?? fetch;
  const client = RiskAssessmentClient.create({
    discoveryApi: options.discovery,
    fetchApi: {
      fetch: (input, init) =>
        fetchWithToken(input, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string> | undefined),
            Authorization: `Bearer ${token}`,
          },
        }),
    },
  });
  try {
    const recorded = await client.recordRiskAssessment({ entityRef, answers });
    logger.info(
      `Recorded the assessment of ${entityRef} in ModelOps (tier ${recorded.tier}, classifier ${recorded.classifierVersion})`,
    );
    return true;
  } catch (error) {
    // A model the template is creating is not in the catalog yet, so the
    // backend answers 404, or 403 when the policy decides by its owner. The
    // files are written either way; say why nothing was recorded.
    if (
      error instanceof ResponseError &&
      (error.response.status === 404 || error.response.status === 403)
    ) {
      logger.warn(
        `Not recorded in ModelOps (${error.response.status}: ${
          error.body?.error?.message ?? error.message
        }). If ${entityRef} is not in the catalog yet, run the AI risk assessment template on it once it is registered, or responsible-ai.risk-assessed fails`,
      );
      return false;
    }
    throw error;
  }
}

/**
 * Creates the `modelops:risk-assessment:write` action, which classifies the
 * questionnaire answers, writes RISK_ASSESSMENT.md, records the tier in
 * `spec.risk` of the MLModel and records the assessment in the ModelOps
 * backend (`POST /risk-assessments`) on behalf of the person running the
 * template. Given an `entity`, it refuses a folder whose catalog file or
 * assessment belongs to another model or another owner.
 *
 * @public
 */
export function createRiskAssessmentWriteAction(
  options: RiskAssessmentWriteActionOptions,
) {
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
        recorded: z =>
          z
            .boolean()
            .describe(
              'Whether the assessment was recorded in the ModelOps backend (false in dry runs and for models not yet in the catalog).',
            ),
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
        await refuseForeignFolder(
          input.entity,
          entityPath,
          input.entityFile,
          documentPath,
          input.path,
        );
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
      const recorded = ctx.isDryRun
        ? false
        : await recordAssessment(
            options,
            await ctx.getInitiatorCredentials(),
            entityRef,
            input.answers,
            ctx.logger,
          );
      ctx.output('tier', classification.tier);
      ctx.output('path', input.path);
      ctx.output('entityRef', entityRef);
      ctx.output('recorded', recorded);
    },
  });
}
