/*
 * authorizeReviewDecision: who may decide about review items. The caller must
 * be a user (decisions are a person's word; service tokens get 403), the
 * permission framework must allow reviewAttestPermission on every entity
 * (DENY -> 403), and the caller must belong to the group the decision is for
 * (the owner to attest, the receiving group to accept a transfer), read from
 * the user entity's memberOf relations, unless the permission framework
 * grants reviewAdminPermission. Admin decisions are recorded as such.
 */
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  reviewAdminPermission,
  reviewAttestPermission,
} from '@modelops/plugin-modelops-common';
import type { Request } from 'express';
import type { ModelOpsRouterOptions } from '../service/types';
import type { ReviewCatalog } from './ReviewCatalog';

/** One entity to decide about, and the group whose members may decide. */
export interface ReviewDecisionTarget {
  entityRef: string;
  groupRef: string;
}

/** The decider, and on what authority. */
export interface ReviewDecider {
  userRef: string;
  authority: 'member' | 'admin';
}

/**
 * Authorizes the caller to decide about every target, all or nothing.
 *
 * @throws AuthenticationError (401) without valid credentials
 * @throws NotAllowedError (403) for services, a DENY, or a non-member
 */
export async function authorizeReviewDecision(
  options: Pick<ModelOpsRouterOptions, 'httpAuth' | 'permissions'>,
  reviewCatalog: ReviewCatalog,
  req: Request,
  targets: ReviewDecisionTarget[],
): Promise<ReviewDecider> {
  const credentials = await options.httpAuth.credentials(req, {
    allow: ['user'],
  });
  const decisions = await options.permissions.authorize(
    targets.map(t => ({
      permission: reviewAttestPermission,
      resourceRef: t.entityRef,
    })),
    { credentials },
  );
  const denied = targets.find(
    (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
  );
  if (denied) {
    throw new NotAllowedError(
      `Not allowed: ${reviewAttestPermission.name} on ${denied.entityRef}`,
    );
  }
  const userRef = credentials.principal.userEntityRef;
  const memberships = new Set(await reviewCatalog.ownershipRefsOf(userRef));
  const outsider = targets.find(t => !memberships.has(t.groupRef));
  if (!outsider) {
    return { userRef, authority: 'member' };
  }
  const [admin] = await options.permissions.authorize(
    [{ permission: reviewAdminPermission }],
    { credentials },
  );
  if (admin.result === AuthorizeResult.ALLOW) {
    return { userRef, authority: 'admin' };
  }
  throw new NotAllowedError(
    `Only members of ${outsider.groupRef} (or review admins) may decide about ${outsider.entityRef}`,
  );
}
