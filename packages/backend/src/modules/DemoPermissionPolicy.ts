import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  campaignManagePermission,
  changeApprovePermission,
  reviewAdminPermission,
  waiverApprovePermission,
} from '@modelops/plugin-modelops-common';

/**
 * Who may hold the ModelOps governance permissions in the demo portal.
 * Everything else is allowed, so the demo shows every page; the backend
 * still applies its own rules on top (owning-group membership for
 * attestations and cost, a second person for waivers and changes).
 */
const RESTRICTED: Record<string, string[]> = {
  [waiverApprovePermission.name]: ['group:default/ai-review-board'],
  [changeApprovePermission.name]: ['group:default/ai-review-board'],
  [reviewAdminPermission.name]: ['group:default/ai-review-board'],
  [campaignManagePermission.name]: [
    'group:default/ai-review-board',
    'group:default/mlops-platform',
  ],
};

/**
 * The demo portal's permission policy: allow by default, restrict the
 * approval and administration permissions to the groups that hold them in
 * the demo organisation. Adopters replace it with their own policy.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const groups = RESTRICTED[request.permission.name];
    if (!groups) {
      return { result: AuthorizeResult.ALLOW };
    }
    const ownership = user?.info.ownershipEntityRefs ?? [];
    return {
      result: groups.some(group => ownership.includes(group))
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  }
}
