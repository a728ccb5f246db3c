/*
 * The demo's personas hold the roles the sign-in page promises: read from the
 * demo's own app-config.yaml (personas, the permission policy's roles, the
 * finance and review groups of the backend) and examples/org.yaml (each
 * persona's memberOf), decided by the shipped policy as the running demo
 * decides them.
 */
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  campaignManagePermission,
  changeApprovePermission,
  changeRequestPermission,
  costReadPermission,
  reviewAttestPermission,
  waiverApprovePermission,
  waiverRequestPermission,
} from '@modelops/plugin-modelops-common';
import { ModelOpsPermissionPolicy } from '@modelops/plugin-permission-backend-module-modelops-policy';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { readDemoPersonas } from './readDemoPersonas';

const root = resolve(__dirname, '../../../..');
const config = new ConfigReader(
  parse(readFileSync(resolve(root, 'app-config.yaml'), 'utf8')),
);
const users = new Map(
  parseAllDocuments(readFileSync(resolve(root, 'examples/org.yaml'), 'utf8'))
    .map(doc => doc.toJSON())
    .filter(entity => entity?.kind === 'User')
    .map(entity => [
      `user:default/${entity.metadata.name}`,
      (entity.spec.memberOf as string[]).map(g => `group:default/${g}`),
    ]),
);
const policy = ModelOpsPermissionPolicy.fromConfig(config);
const personas = readDemoPersonas(config)!.personas;

// The policy's input for a persona signed in with the demo provider: the
// user and the groups of its memberOf, as the auth backend resolves them.
function signedIn(role: string): PolicyQueryUser & { groups: string[] } {
  const persona = personas.find(p => p.role === role);
  if (!persona) throw new Error(`no persona with role ${role}`);
  const groups = users.get(persona.userEntityRef);
  if (!groups) throw new Error(`${persona.userEntityRef} is not in org.yaml`);
  return {
    groups,
    info: {
      userEntityRef: persona.userEntityRef,
      ownershipEntityRefs: [persona.userEntityRef, ...groups],
    },
  } as PolicyQueryUser & { groups: string[] };
}

// allow, deny, or the owners a conditional decision admits.
async function decide(permission: Permission, user: PolicyQueryUser) {
  const decision: PolicyDecision = await policy.handle({ permission }, user);
  if (decision.result === AuthorizeResult.ALLOW) return 'allow';
  if (decision.result === AuthorizeResult.DENY) return 'deny';
  const text = JSON.stringify(
    'conditions' in decision ? decision.conditions : undefined,
  );
  return text.includes('IS_ENTITY_KIND') ? 'owned or any dataset' : 'owned';
}

describe('demo personas', () => {
  it('are User entities of examples/org.yaml, each in at least one group', () => {
    expect(personas.length).toBeGreaterThanOrEqual(5);
    for (const persona of personas) {
      expect(users.get(persona.userEntityRef)?.length).toBeGreaterThan(0);
    }
  });

  it('the ML engineer requests waivers and changes for their team only and reads only their team cost', async () => {
    const engineer = signedIn('ML engineer, Risk ML');
    expect(engineer.groups).toEqual(['group:default/risk-ml']);
    expect(await decide(waiverRequestPermission, engineer)).toBe('owned');
    expect(await decide(changeRequestPermission, engineer)).toBe('owned');
    expect(await decide(costReadPermission, engineer)).toBe('owned');
    expect(await decide(waiverApprovePermission, engineer)).toBe('deny');
    expect(await decide(changeApprovePermission, engineer)).toBe('deny');
  });

  it('the review board member approves waivers and changes and runs campaigns', async () => {
    const board = signedIn('AI review board');
    expect(await decide(waiverApprovePermission, board)).toBe('allow');
    expect(await decide(changeApprovePermission, board)).toBe('allow');
    expect(await decide(campaignManagePermission, board)).toBe('allow');
    // The backend's second check on changes: membership of the review group.
    const reviewGroup =
      config.getOptionalString('modelops.changes.reviewGroup') ??
      'group:default/ai-review-board';
    expect(board.groups).toContain(reviewGroup);
    // Not an engineer of any team, so not a requester.
    expect(board.groups).not.toContain('group:default/risk-ml');
  });

  it('the FinOps analyst reads every team cost and approves nothing', async () => {
    const finops = signedIn('FinOps analyst');
    expect(await decide(costReadPermission, finops)).toBe('allow');
    // The cost routes read every team's cost for the finance group.
    expect(finops.groups).toContain(
      config.getString('modelops.cost.financeGroup'),
    );
    expect(await decide(waiverApprovePermission, finops)).toBe('deny');
  });

  it('the team lead decides about their own team entities in reviews only', async () => {
    const lead = signedIn('Team lead, Fraud ML');
    expect(lead.groups).toEqual(['group:default/fraud-ml']);
    expect(await decide(reviewAttestPermission, lead)).toBe('owned');
    expect(await decide(costReadPermission, lead)).toBe('owned');
    expect(await decide(waiverApprovePermission, lead)).toBe('deny');
  });

  it('the data steward requests waivers and attests for any dataset', async () => {
    const steward = signedIn('Data steward');
    expect(await decide(waiverRequestPermission, steward)).toBe(
      'owned or any dataset',
    );
    expect(await decide(reviewAttestPermission, steward)).toBe(
      'owned or any dataset',
    );
    expect(await decide(waiverApprovePermission, steward)).toBe('deny');
  });
});
