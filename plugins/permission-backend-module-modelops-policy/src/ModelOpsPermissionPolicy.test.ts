import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  campaignManagePermission,
  changeApprovePermission,
  changeRequestPermission,
  costIngestPermission,
  costReadPermission,
  deliveryEventCreatePermission,
  evidenceCreatePermission,
  feedbackAdminPermission,
  feedbackCreatePermission,
  feedbackUpdatePermission,
  incidentAssessPermission,
  riskAssessmentCreatePermission,
  modelopsPermissions,
  observationsWritePermission,
  reviewAdminPermission,
  reviewAttestPermission,
  scorecardEvaluatePermission,
  waiverApprovePermission,
  waiverRequestPermission,
} from '@modelops/plugin-modelops-common';
import { ModelOpsPermissionPolicy } from './ModelOpsPermissionPolicy';

function user(name: string, groups: string[]): PolicyQueryUser {
  return {
    info: {
      userEntityRef: `user:default/${name}`,
      ownershipEntityRefs: [`user:default/${name}`, ...groups],
    },
  } as PolicyQueryUser;
}

const PERSONAS = {
  owner: user('tomas.novak', ['group:default/risk-ml']),
  board: user('priya.raman', [
    'group:default/risk-ml',
    'group:default/ai-review-board',
  ]),
  finops: user('fiona', ['group:default/finance']),
  steward: user('dana', ['group:default/data-governance']),
  platform: user('noor', ['group:default/mlops-platform']),
};

const policy = ModelOpsPermissionPolicy.fromConfig(
  new ConfigReader({
    modelops: {
      permissionPolicy: {
        roles: {
          reviewBoard: ['group:default/ai-review-board'],
          finops: ['group:default/finance'],
          dataStewards: ['Group:default/Data-Governance'],
          campaignManagers: ['group:default/mlops-platform'],
        },
      },
    },
  }),
);

// ALLOW, DENY, or the conditions of a conditional decision in short form.
function summary(decision: PolicyDecision): string {
  if (decision.result === AuthorizeResult.ALLOW) return 'allow';
  if (decision.result === AuthorizeResult.DENY) return 'deny';
  const conditions = JSON.stringify(
    'conditions' in decision ? decision.conditions : undefined,
  );
  if (conditions.includes('IS_ENTITY_KIND')) return 'owned or dataset';
  return 'owned';
}

describe('ModelOpsPermissionPolicy', () => {
  it('decides every ModelOps permission by role as documented', async () => {
    const table: Record<string, Record<keyof typeof PERSONAS, string>> = {
      [evidenceCreatePermission.name]: {
        owner: 'owned',
        board: 'owned',
        finops: 'owned',
        steward: 'owned',
        platform: 'owned',
      },
      [costReadPermission.name]: {
        owner: 'owned',
        board: 'owned',
        finops: 'allow',
        steward: 'owned',
        platform: 'owned',
      },
      [costIngestPermission.name]: {
        owner: 'owned',
        board: 'owned',
        finops: 'allow',
        steward: 'owned',
        platform: 'owned',
      },
      [deliveryEventCreatePermission.name]: {
        owner: 'owned',
        board: 'owned',
        finops: 'owned',
        steward: 'owned',
        platform: 'owned',
      },
      [scorecardEvaluatePermission.name]: {
        owner: 'allow',
        board: 'allow',
        finops: 'allow',
        steward: 'allow',
        platform: 'allow',
      },
      [waiverRequestPermission.name]: {
        owner: 'owned',
        board: 'owned',
        finops: 'owned',
        steward: 'owned or dataset',
        platform: 'owned',
      },
      [waiverApprovePermission.name]: {
        owner: 'deny',
        board: 'allow',
        finops: 'deny',
        steward: 'deny',
        platform: 'deny',
      },
      [campaignManagePermission.name]: {
        owner: 'deny',
        board: 'allow',
        finops: 'deny',
        steward: 'deny',
        platform: 'allow',
      },
      [reviewAttestPermission.name]: {
        owner: 'owned',
        board: 'owned',
        finops: 'owned',
        steward: 'owned or dataset',
        platform: 'owned',
      },
      [reviewAdminPermission.name]: {
        owner: 'deny',
        board: 'allow',
        finops: 'deny',
        steward: 'deny',
        platform: 'deny',
      },
      [feedbackCreatePermission.name]: {
        owner: 'allow',
        board: 'allow',
        finops: 'allow',
        steward: 'allow',
        platform: 'allow',
      },
      [feedbackUpdatePermission.name]: {
        owner: 'owned',
        board: 'owned',
        finops: 'owned',
        steward: 'owned',
        platform: 'owned',
      },
      [feedbackAdminPermission.name]: {
        owner: 'deny',
        board: 'allow',
        finops: 'deny',
        steward: 'deny',
        platform: 'deny',
      },
      [observationsWritePermission.name]: {
        owner: 'deny',
        board: 'allow',
        finops: 'deny',
        steward: 'deny',
        platform: 'deny',
      },
      [changeRequestPermission.name]: {
        owner: 'owned',
        board: 'owned',
        finops: 'owned',
        steward: 'owned',
        platform: 'owned',
      },
      [changeApprovePermission.name]: {
        owner: 'deny',
        board: 'allow',
        finops: 'deny',
        steward: 'deny',
        platform: 'deny',
      },
      // Owners assess their models' incidents; the board any model's.
      [incidentAssessPermission.name]: {
        owner: 'owned',
        board: 'allow',
        finops: 'owned',
        steward: 'owned',
        platform: 'owned',
      },
      // Risk assessments likewise.
      [riskAssessmentCreatePermission.name]: {
        owner: 'owned',
        board: 'allow',
        finops: 'owned',
        steward: 'owned',
        platform: 'owned',
      },
    };
    // The table covers every permission the plugins register.
    expect(Object.keys(table).sort()).toEqual(
      modelopsPermissions.map(p => p.name).sort(),
    );
    const actual: typeof table = {};
    for (const permission of modelopsPermissions) {
      actual[permission.name] = {} as any;
      for (const [name, persona] of Object.entries(PERSONAS)) {
        (actual[permission.name] as any)[name] = summary(
          await policy.handle({ permission }, persona),
        );
      }
    }
    expect(actual).toEqual(table);
  });

  it("scopes conditional decisions to the caller's own ownership refs", async () => {
    const decision = await policy.handle(
      { permission: costReadPermission },
      PERSONAS.owner,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/tomas.novak', 'group:default/risk-ml'],
        },
      },
    });
  });

  it('limits ML engineers to the listed groups when given', async () => {
    const strict = new ModelOpsPermissionPolicy({
      roles: { mlEngineers: ['group:default/risk-ml'] },
    });
    expect(
      summary(
        await strict.handle(
          { permission: scorecardEvaluatePermission },
          PERSONAS.owner,
        ),
      ),
    ).toBe('allow');
    expect(
      summary(
        await strict.handle(
          { permission: scorecardEvaluatePermission },
          PERSONAS.finops,
        ),
      ),
    ).toBe('deny');
    expect(
      summary(
        await strict.handle(
          { permission: changeRequestPermission },
          PERSONAS.finops,
        ),
      ),
    ).toBe('deny');
  });

  it('refuses callers without a user and hands other permissions to the fallback', async () => {
    expect(
      await policy.handle({ permission: waiverApprovePermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy.handle(
        { permission: catalogEntityReadPermission },
        PERSONAS.owner,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    const denyOthers = new ModelOpsPermissionPolicy({
      roles: {},
      fallback: { handle: async () => ({ result: AuthorizeResult.DENY }) },
    });
    expect(
      await denyOthers.handle(
        { permission: catalogEntityReadPermission },
        PERSONAS.owner,
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await denyOthers.handle(
        { permission: feedbackCreatePermission },
        PERSONAS.owner,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
