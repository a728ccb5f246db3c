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
 *
 * A file imported before the request is answered is decided with the
 * caller's credentials when it has been read. A file imported in the
 * background may wait and run for longer than the caller's token lives, so
 * everything the import needs of the caller (the entities they see, and the
 * ingest decision on each) is taken at upload, and the background work
 * never presents the token again. A policy change after the upload applies
 * to the next import.
 */
import { NotAllowedError } from '@backstage/errors';
import {
  costIngestPermission,
  UNMAPPED_COST_KIND,
} from '@modelops/plugin-modelops-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CallerCredentials } from '../../service/authorizeEntity';
import type { CostCatalog, CostEntity } from '../CostCatalog';
import {
  authorizeIngestFor,
  ingestDenied,
  outsideServiceScope,
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

/** The caller of an import, as far as the import needs them. */
export interface CostImportCaller {
  readonly scope: CostImportScope;
  /** The MLModel and Dataset entities the caller sees. */
  entities(): Promise<CostEntity[]>;
  /**
   * Why the caller may not write these targets, or undefined when it may.
   * Errors other than refusals (the permission service failing) propagate.
   */
  refusal(targets: CostImportTargets): Promise<string | undefined>;
}

/** Resource permission requests sent to the permission service at once. */
const DECISIONS_PER_CALL = 1_000;

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
    private readonly costCatalog: CostCatalog,
    private readonly scopes: IngestScopes,
  ) {}

  static create(
    options: Pick<ModelOpsRouterOptions, 'permissions' | 'catalog' | 'auth'>,
    costCatalog: CostCatalog,
    scopes: IngestScopes,
  ): CostImportAuthorizer {
    return new CostImportAuthorizer(options, costCatalog, scopes);
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
   * The caller, asked with their credentials when the import needs to know:
   * for an import finished before the request is answered.
   */
  live(
    credentials: CallerCredentials,
    scope: CostImportScope,
  ): CostImportCaller {
    return {
      scope,
      entities: () => this.costCatalog.listEntities(credentials),
      refusal: targets =>
        this.refusal(targets, scope, async entities => {
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
              (error.name === 'NotAllowedError' ||
                error.name === 'NotFoundError')
            ) {
              return error.message;
            }
            throw error;
          }
        }),
    };
  }

  /**
   * The caller, asked once now: the entities they see and the ingest
   * decision on each. For an import that runs in the background, after the
   * caller's token may have expired.
   */
  async snapshot(
    credentials: CallerCredentials,
    scope: CostImportScope,
  ): Promise<CostImportCaller> {
    const entities = await this.costCatalog.listEntities(credentials);
    const service = this.options.auth.isPrincipal(credentials, 'service')
      ? credentials.principal.subject
      : undefined;
    const owners = service === undefined ? undefined : this.scopes.get(service);
    const refused = await this.refusedEntities(
      credentials,
      scope,
      entities,
      owners,
    );
    return {
      scope,
      entities: async () => entities,
      refusal: targets =>
        this.refusal(targets, scope, async refs => {
          const denied = refs.filter(ref => refused.get(ref) === 'permission');
          if (denied.length > 0) {
            return ingestDenied(costIngestPermission, denied);
          }
          const outside = refs.filter(ref => refused.get(ref) === 'service');
          return outside.length > 0 && service && owners
            ? outsideServiceScope(service, owners, outside)
            : undefined;
        }),
    };
  }

  // The rule every caller shares: ownerless spend needs scope `all`; the
  // rest is decided per catalog entity by `decide`.
  private async refusal(
    targets: CostImportTargets,
    scope: CostImportScope,
    decide: (entityRefs: string[]) => Promise<string | undefined>,
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
    return decide(all.filter(ref => !ownerless.has(ref)));
  }

  // Which of the entities the caller may not import for, and by which rule.
  // Scope `all` is allowed on every entity by the policy's own answer.
  private async refusedEntities(
    credentials: CallerCredentials,
    scope: CostImportScope,
    entities: CostEntity[],
    owners: ReadonlySet<string> | undefined,
  ): Promise<Map<string, 'permission' | 'service'>> {
    const refused = new Map<string, 'permission' | 'service'>();
    if (scope === 'all') return refused;
    for (let at = 0; at < entities.length; at += DECISIONS_PER_CALL) {
      const chunk = entities.slice(at, at + DECISIONS_PER_CALL);
      const decisions = await this.options.permissions.authorize(
        chunk.map(entity => ({
          permission: costIngestPermission,
          resourceRef: entity.entityRef,
        })),
        { credentials },
      );
      chunk.forEach((entity, index) => {
        if (decisions[index].result !== AuthorizeResult.ALLOW) {
          refused.set(entity.entityRef, 'permission');
        }
      });
    }
    if (owners) {
      for (const entity of entities) {
        if (
          !refused.has(entity.entityRef) &&
          (entity.owner === undefined || !owners.has(entity.owner))
        ) {
          refused.set(entity.entityRef, 'service');
        }
      }
    }
    return refused;
  }
}
