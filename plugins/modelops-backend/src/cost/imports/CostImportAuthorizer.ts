/*
 * CostImportAuthorizer: who may import a billing file. A file replaces its
 * source's records of the days it covers, so an import needs
 * `modelops.cost.ingest` on every catalog entity it writes and on every one
 * whose records it replaces (the ingest rule of every route:
 * service/authorizeIngest). Spend that belongs to no catalog entity (the
 * `unmapped:` pseudo entities, and entities since removed from the catalog)
 * can only be written or replaced by a caller whose ingest permission is not
 * narrowed to some entities: the FinOps role in the shipped policy, or a
 * service token not tied to a team by `modelops.ingest.services`. Anybody
 * else could otherwise wipe spend they cannot see.
 */
import { NotAllowedError } from '@backstage/errors';
import {
  costIngestPermission,
  UNMAPPED_COST_KIND,
} from '@modelops/plugin-modelops-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CallerCredentials } from '../../service/authorizeEntity';
import {
  authorizeIngestFor,
  type IngestScopes,
} from '../../service/authorizeIngest';
import type { ModelOpsRouterOptions } from '../../service/types';

/** `all`: every entity and unmapped spend; `owned`: entities the policy allows. */
export type CostImportScope = 'all' | 'owned';

/** What an import writes and replaces. */
export interface CostImportTargets {
  /** Entity refs (lower case) it writes records for, pseudo entities included. */
  written: string[];
  /** Entity refs (lower case) whose records of those days it replaces. */
  replaced: string[];
  /** Whether a ref is of a catalog entity the caller sees. */
  inCatalog(entityRef: string): boolean;
}

const LISTED = 5;

function listOf(refs: string[]): string {
  const shown = refs.slice(0, LISTED).join(', ');
  return refs.length > LISTED
    ? `${shown} and ${refs.length - LISTED} more`
    : shown;
}

/** Decides billing imports with the caller's credentials. */
export class CostImportAuthorizer {
  private constructor(
    private readonly options: Pick<
      ModelOpsRouterOptions,
      'permissions' | 'catalog' | 'auth'
    >,
    private readonly scopes: IngestScopes,
  ) {}

  static create(
    options: Pick<ModelOpsRouterOptions, 'permissions' | 'catalog' | 'auth'>,
    scopes: IngestScopes,
  ): CostImportAuthorizer {
    return new CostImportAuthorizer(options, scopes);
  }

  /**
   * How far the caller's ingest permission reaches.
   *
   * @throws NotAllowedError (403) when the policy denies it outright
   */
  async scope(credentials: CallerCredentials): Promise<CostImportScope> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: costIngestPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`Not allowed: ${costIngestPermission.name}`);
    }
    const scopedService =
      this.options.auth.isPrincipal(credentials, 'service') &&
      this.scopes.has(credentials.principal.subject);
    return decision.result === AuthorizeResult.ALLOW && !scopedService
      ? 'all'
      : 'owned';
  }

  /**
   * Why the caller may not write these targets, or undefined when it may.
   * Errors other than refusals (the permission service failing) propagate.
   */
  async refusal(
    credentials: CallerCredentials,
    scope: CostImportScope,
    targets: CostImportTargets,
  ): Promise<string | undefined> {
    const all = [...new Set([...targets.written, ...targets.replaced])];
    const ownerless = new Set(
      all.filter(
        ref =>
          ref.startsWith(`${UNMAPPED_COST_KIND}:`) || !targets.inCatalog(ref),
      ),
    );
    if (scope !== 'all' && ownerless.size > 0) {
      return `Not allowed: ${
        costIngestPermission.name
      } is needed on every entity to write or replace spend no catalog entity owns (${listOf(
        [...ownerless],
      )}), as the FinOps role holds it`;
    }
    const entities = all.filter(ref => !ownerless.has(ref));
    try {
      await authorizeIngestFor(
        this.options,
        this.scopes,
        credentials,
        costIngestPermission,
        entities,
        'entityRef',
      );
      return undefined;
    } catch (error) {
      if (
        error instanceof Error &&
        (error.name === 'NotAllowedError' || error.name === 'NotFoundError')
      ) {
        return error.message;
      }
      throw error;
    }
  }
}
