/*
 * authorizeBasic: authenticates a request through httpAuth (401 without a
 * valid token) and checks a BasicPermission, one that is not about a single
 * entity (cost ingestion, on-demand scorecard runs), through the permission
 * framework (403 on DENY). Returns the caller's credentials.
 */
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import {
  requireCredentials,
  type AuthorizeOptions,
  type CallerCredentials,
} from './authorizeEntity';
import type { ModelOpsRouterOptions } from './types';

/**
 * Authorizes a BasicPermission for the caller of a request.
 *
 * @throws AuthenticationError (401) without valid credentials
 * @throws NotAllowedError (403) when the permission is denied
 */
export async function authorizeBasic(
  options: Pick<ModelOpsRouterOptions, 'httpAuth' | 'permissions'>,
  req: Request,
  permission: BasicPermission,
  authorizeOptions: AuthorizeOptions = {},
): Promise<CallerCredentials> {
  const credentials = await requireCredentials(options, req, authorizeOptions);
  const [decision] = await options.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
  return credentials;
}
