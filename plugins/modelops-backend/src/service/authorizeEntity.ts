/*
 * authorizeEntity: authenticates a request through httpAuth (401 when the
 * caller has no valid token) and checks a ResourcePermission against one
 * catalog entity through the permission framework (403 on DENY). Returns the
 * caller's credentials so routes can reuse them, for example for catalog reads.
 *
 * Service principals (pipelines calling with a static or JWKS service token)
 * reach the permission check only where the route passes `allowService: true`
 * (elsewhere httpAuth answers 403);
 * the permission framework then decides from the token's access restrictions.
 */
import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import type { ModelOpsRouterOptions } from './types';

/** Options of {@link authorizeEntity} and {@link authorizeBasic}. */
export interface AuthorizeOptions {
  /** Accept service tokens (pipelines) as well as users. Default false. */
  allowService?: boolean;
}

/** Credentials of a caller that passed authentication. */
export type CallerCredentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Authenticates the request, allowing users and optionally services. */
export async function requireCredentials(
  options: Pick<ModelOpsRouterOptions, 'httpAuth'>,
  req: Request,
  authorizeOptions: AuthorizeOptions = {},
): Promise<CallerCredentials> {
  if (authorizeOptions.allowService) {
    return options.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }
  return options.httpAuth.credentials(req, { allow: ['user'] });
}

/**
 * Authorizes a ResourcePermission on one entity.
 *
 * @throws AuthenticationError (401) without valid credentials
 * @throws NotAllowedError (403) when the permission is denied
 */
export async function authorizeEntity(
  options: Pick<ModelOpsRouterOptions, 'httpAuth' | 'permissions'>,
  req: Request,
  permission: ResourcePermission,
  entityRef: string,
  authorizeOptions: AuthorizeOptions = {},
): Promise<CallerCredentials> {
  const credentials = await requireCredentials(options, req, authorizeOptions);
  const [decision] = await options.permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed: ${permission.name} on ${entityRef}`,
    );
  }
  return credentials;
}
