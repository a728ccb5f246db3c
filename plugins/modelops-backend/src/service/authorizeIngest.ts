/*
 * authorizeIngest: the one check every ingest route (evidence, cost,
 * delivery) makes before it writes data about catalog entities. The target
 * entities must exist in the catalog as the caller sees it (404 naming the
 * first missing one), and the ingest permission, a resource permission on
 * each target entity, must be allowed for every one of them (403 naming the
 * denied ones), so a policy can narrow a user to the entities their team
 * owns with `isEntityOwner`.
 *
 * Backstage decides service tokens from their access restrictions alone and
 * never asks the policy, so a pipeline's static token cannot be narrowed to
 * entities there. `modelops.ingest.services` does that here: a service
 * subject listed with owner refs may only write about entities owned by one
 * of them.
 */
import type { RootConfigService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import { requireCredentials, type CallerCredentials } from './authorizeEntity';
import { normalizeEntityRef, ownerRefOf } from './CatalogMembership';
import { normalizeRef } from './normalizeRef';
import { requireEntities } from './requireEntities';
import type { ModelOpsRouterOptions } from './types';

/** Owner refs each listed service subject may ingest for (lower case). */
export type IngestScopes = ReadonlyMap<string, ReadonlySet<string>>;

/** Reads `modelops.ingest.services`. */
export function readIngestScopes(config: RootConfigService): IngestScopes {
  const scopes = new Map<string, Set<string>>();
  for (const service of config.getOptionalConfigArray(
    'modelops.ingest.services',
  ) ?? []) {
    const subject = service.getString('subject');
    const owners = service
      .getStringArray('owners')
      .map(owner => normalizeRef(owner, { defaultKind: 'group' }));
    scopes.set(subject, new Set([...(scopes.get(subject) ?? []), ...owners]));
  }
  return scopes;
}

/** What an authorized ingest may write about. */
export interface IngestAuthorization {
  credentials: CallerCredentials;
  /** The target entities, keyed by their lower-case ref. */
  entities: Map<string, Entity>;
}

/**
 * Authorizes an ingest of data about the given entities.
 *
 * @param field - the request field that named the entities, for messages
 * @throws AuthenticationError (401) without valid credentials
 * @throws NotFoundError (404) when an entity is not in the catalog
 * @throws NotAllowedError (403) when the permission or the service's ingest
 *   scope does not cover an entity
 */
export async function authorizeIngest(
  options: Pick<
    ModelOpsRouterOptions,
    'httpAuth' | 'permissions' | 'catalog' | 'auth'
  >,
  scopes: IngestScopes,
  req: Request,
  permission: ResourcePermission,
  entityRefs: string[],
  field: string,
): Promise<IngestAuthorization> {
  const credentials = await requireCredentials(options, req, {
    allowService: true,
  });
  return authorizeIngestFor(
    options,
    scopes,
    credentials,
    permission,
    entityRefs,
    field,
  );
}

/**
 * {@link authorizeIngest} for credentials taken earlier, by work that
 * outlives its request (a billing import running in the background).
 */
export async function authorizeIngestFor(
  options: Pick<ModelOpsRouterOptions, 'permissions' | 'catalog' | 'auth'>,
  scopes: IngestScopes,
  credentials: CallerCredentials,
  permission: ResourcePermission,
  entityRefs: string[],
  field: string,
): Promise<IngestAuthorization> {
  const refs = [...new Set(entityRefs.map(normalizeEntityRef))];
  if (refs.length === 0) {
    return { credentials, entities: new Map() };
  }

  const decisions = await options.permissions.authorize(
    refs.map(resourceRef => ({ permission, resourceRef })),
    { credentials },
  );
  const denied = refs.filter(
    (_, index) => decisions[index].result !== AuthorizeResult.ALLOW,
  );
  if (denied.length > 0) {
    throw new NotAllowedError(ingestDenied(permission, denied));
  }

  const entities = await requireEntities(options, credentials, refs, field);

  if (options.auth.isPrincipal(credentials, 'service')) {
    const owners = scopes.get(credentials.principal.subject);
    if (owners) {
      const outside = refs.filter(ref => {
        const owner = ownerRefOf(entities.get(ref)!);
        return owner === undefined || !owners.has(owner);
      });
      if (outside.length > 0) {
        throw new NotAllowedError(
          outsideServiceScope(credentials.principal.subject, owners, outside),
        );
      }
    }
  }
  return { credentials, entities };
}

/** The refusal of an ingest permission denied on some entities. */
export function ingestDenied(
  permission: ResourcePermission,
  deniedRefs: string[],
): string {
  return `Not allowed: ${permission.name} on ${listOf(deniedRefs)}`;
}

/** The refusal of a service writing outside its `modelops.ingest.services` owners. */
export function outsideServiceScope(
  subject: string,
  owners: ReadonlySet<string>,
  outsideRefs: string[],
): string {
  return `Not allowed: ${subject} may ingest only for entities owned by ${[
    ...owners,
  ].join(', ')} (modelops.ingest.services), not ${listOf(outsideRefs)}`;
}

function listOf(refs: string[]): string {
  const shown = refs.slice(0, 10).join(', ');
  return refs.length > 10 ? `${shown} and ${refs.length - 10} more` : shown;
}
