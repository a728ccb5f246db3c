import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  costReadPermission,
  waiverApprovePermission,
} from '@modelops/plugin-modelops-common';
import { DemoPermissionPolicy } from './DemoPermissionPolicy';

function userIn(...groups: string[]): PolicyQueryUser {
  return {
    info: {
      userEntityRef: 'user:default/someone',
      ownershipEntityRefs: ['user:default/someone', ...groups],
    },
  } as PolicyQueryUser;
}

describe('DemoPermissionPolicy', () => {
  const policy = new DemoPermissionPolicy();

  it('lets only the AI review board approve waivers', async () => {
    const request = { permission: waiverApprovePermission };
    await expect(
      policy.handle(request, userIn('group:default/ai-review-board')),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle(request, userIn('group:default/risk-ml')),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(policy.handle(request)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('allows the permissions it does not restrict', async () => {
    await expect(
      policy.handle(
        { permission: costReadPermission },
        userIn('group:default/risk-ml'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
