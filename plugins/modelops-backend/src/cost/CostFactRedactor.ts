/*
 * CostFactRedactor: the cost read rule applied to scorecard details. A check
 * that reads `cost.*` facts explains its failure with the value it found
 * ("expected cost.costPer1kInferences to be at most 2; found 3.41"), so its
 * stored message carries the entity's cost. Routes that return check
 * results (the entity scorecard, compliance and the dossier) pass each
 * message through here: callers who may not read the entity's cost (the
 * rule of the cost routes, CostAccess) get a sentence saying so instead.
 *
 * The pass or fail state stays: scores, levels and team summaries are built
 * from it, and it says no more than the check's title does.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  ruleFacts,
  type CheckMetadata,
  type CheckRule,
} from '@modelops/plugin-modelops-common';
import { entityRefOf, normalizeEntityRef } from '../service/CatalogMembership';
import type { ModelOpsRouterOptions } from '../service/types';
import { CostAccess } from './CostAccess';
import { readCostSettings } from './CostConfig';

/** What replaces the message of a cost check for callers without cost access. */
export const REDACTED_COST_MESSAGE =
  'This check reads the cost of this entity, which only its owning team and finance may read.';

/** The id of the fact provider whose facts are cost. */
const COST_FACTS = 'cost';

/** A registered check: its metadata and, when declarative, its rule. */
export type RedactableCheck = Pick<CheckMetadata, 'id' | 'pack'> & {
  rule?: CheckRule;
};

/**
 * Whether a check's outcome is computed from cost: a rule reading a
 * `cost.*` fact, or a check written in code (whose facts cannot be read
 * from outside) in the cost pack.
 */
export function readsCost(check: RedactableCheck): boolean {
  if (!check.rule) return check.pack === COST_FACTS;
  const facts = ruleFacts(check.rule);
  return facts.some(
    fact => fact === COST_FACTS || fact.startsWith(`${COST_FACTS}.`),
  );
}

/** Options of {@link CostFactRedactor.create}. */
export interface CostFactRedactorOptions {
  access: CostAccess;
  /** The registered checks, read on each call (modules may add some). */
  checks: () => readonly RedactableCheck[];
}

/** Turns a check result's message into what the caller may see. */
export type MessageFilter = (
  checkId: string,
  message: string | undefined,
) => string | undefined;

/** Applies the cost read rule to the messages of check results. */
export class CostFactRedactor {
  private constructor(private readonly options: CostFactRedactorOptions) {}

  static create(options: CostFactRedactorOptions): CostFactRedactor {
    return new CostFactRedactor(options);
  }

  /** A redactor deciding with the cost routes' own rule and config. */
  static fromRouterOptions(
    options: Pick<
      ModelOpsRouterOptions,
      'auth' | 'permissions' | 'catalog' | 'config'
    >,
    checks: () => readonly RedactableCheck[],
  ): CostFactRedactor {
    return new CostFactRedactor({
      access: CostAccess.create({
        auth: options.auth,
        permissions: options.permissions,
        catalog: options.catalog,
        financeGroup: readCostSettings(options.config).financeGroup,
      }),
      checks,
    });
  }

  /**
   * The message filter for one caller and entity.
   *
   * @param entity - the entity as the caller sees it in the catalog;
   *   undefined when the caller cannot see it, which hides cost as well
   */
  async messagesFor(
    credentials: BackstageCredentials,
    entity: Entity | undefined,
  ): Promise<MessageFilter> {
    const filter = await this.messagesForEntities(
      credentials,
      entity ? [entity] : [],
    );
    const entityRef = entity ? entityRefOf(entity) : '';
    return (checkId, message) => filter(entityRef, checkId, message);
  }

  /**
   * The message filter for one caller over the results of many entities,
   * deciding the cost read rule for all of them in one call.
   *
   * @param entities - the entities as the caller sees them in the catalog;
   *   results of any other entity have their cost messages hidden
   */
  async messagesForEntities(
    credentials: BackstageCredentials,
    entities: Entity[],
  ): Promise<
    (
      entityRef: string,
      checkId: string,
      message: string | undefined,
    ) => string | undefined
  > {
    const readable = await this.options.access.readableEntities(
      credentials,
      entities,
    );
    const costChecks = new Set(
      this.options
        .checks()
        .filter(readsCost)
        .map(check => check.id),
    );
    return (entityRef, checkId, message) =>
      message !== undefined &&
      costChecks.has(checkId) &&
      !readable.has(normalizeEntityRef(entityRef))
        ? REDACTED_COST_MESSAGE
        : message;
  }
}
