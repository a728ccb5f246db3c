/*
 * ModelOpsPermissionPolicy: who may do what with ModelOps data, by role.
 *
 * - Model owner: members of an entity's owning group. Ingest evidence, cost
 *   and delivery events, read its cost, request waivers and changes, attest
 *   it in ownership reviews and move its feedback, for the entities they own
 *   only (conditional decisions with the catalog's `isEntityOwner`).
 * - ML engineer: run scorecard evaluations and request changes of models
 *   they own. Everybody signed in, unless `mlEngineers` lists groups.
 * - Review board: approve or reject waivers and changes, administer reviews
 *   (attest for any group), change any feedback's state, run campaigns,
 *   assess any model's incidents under EU AI Act Art. 73 and record any
 *   model's risk assessment (owners do both for their own models).
 * - FinOps: read and ingest the cost of every entity.
 * - Data steward: attest and request waivers for every Dataset.
 * - Pipeline service: Backstage decides service tokens from their access
 *   restrictions and never asks a policy; narrow each pipeline's token with
 *   `accessRestrictions` and tie it to its team with the backend's
 *   `modelops.ingest.services`.
 *
 * Everybody signed in may report feedback on a model. Permissions of other
 * plugins go to the fallback policy (allow, unless one is given).
 */
import type { Config } from '@backstage/config';
import {
  createCatalogConditionalDecision,
  catalogConditions,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
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
  MODELOPS_ENTITY_RESOURCE_TYPE,
  modelopsPermissions,
  observationsWritePermission,
  reviewAdminPermission,
  reviewAttestPermission,
  scorecardEvaluatePermission,
  waiverApprovePermission,
  waiverRequestPermission,
} from '@modelops/plugin-modelops-common';

/**
 * Group (or user) refs holding each role. A user holds a role when one of
 * their ownership refs is listed.
 *
 * @public
 */
export interface ModelOpsRoles {
  reviewBoard?: string[];
  finops?: string[];
  /** When undefined, every signed-in user is an ML engineer. */
  mlEngineers?: string[];
  dataStewards?: string[];
  campaignManagers?: string[];
}

/** @public */
export interface ModelOpsPermissionPolicyOptions {
  roles: ModelOpsRoles;
  /** Decides every permission that is not a ModelOps one; allow by default. */
  fallback?: PermissionPolicy;
}

type Role = keyof ModelOpsRoles;

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

const allowAll: PermissionPolicy = { handle: async () => ALLOW };

const MODELOPS_NAMES = new Set(modelopsPermissions.map(p => p.name));

function normalize(ref: string): string {
  return ref.trim().toLocaleLowerCase('en-US');
}

/**
 * The ModelOps permission policy: roles from config, owners from the
 * catalog. Use it as is (see the module) or call it from your own policy
 * for the `modelops.*` permissions.
 *
 * @public
 */
export class ModelOpsPermissionPolicy implements PermissionPolicy {
  private readonly roles: Map<Role, Set<string> | undefined>;
  private readonly fallback: PermissionPolicy;

  constructor(options: ModelOpsPermissionPolicyOptions) {
    this.roles = new Map(
      (
        [
          'reviewBoard',
          'finops',
          'mlEngineers',
          'dataStewards',
          'campaignManagers',
        ] as Role[]
      ).map(role => [
        role,
        options.roles[role] === undefined
          ? undefined
          : new Set(options.roles[role]!.map(normalize)),
      ]),
    );
    this.fallback = options.fallback ?? allowAll;
  }

  /** Reads the roles from `modelops.permissionPolicy.roles`. */
  static fromConfig(
    config: Config,
    options: { fallback?: PermissionPolicy } = {},
  ): ModelOpsPermissionPolicy {
    const roles = config.getOptionalConfig('modelops.permissionPolicy.roles');
    const list = (key: Role) => roles?.getOptionalStringArray(key);
    return new ModelOpsPermissionPolicy({
      roles: {
        reviewBoard: list('reviewBoard'),
        finops: list('finops'),
        mlEngineers: list('mlEngineers'),
        dataStewards: list('dataStewards'),
        campaignManagers: list('campaignManagers'),
      },
      fallback: options.fallback,
    });
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!MODELOPS_NAMES.has(permission.name)) {
      return this.fallback.handle(request, user);
    }
    // Service principals are decided before any policy is asked; a query
    // without a user is a caller nobody vouches for.
    if (!user) {
      return DENY;
    }
    const claims = user.info.ownershipEntityRefs;
    const mine = new Set(claims.map(normalize));
    const holds = (role: Role) => {
      const members = this.roles.get(role);
      if (members === undefined) return role === 'mlEngineers';
      return [...members].some(ref => mine.has(ref));
    };
    const decide = (allowed: boolean) => (allowed ? ALLOW : DENY);
    const ownedOnly = (orDatasets = false): PolicyDecision => {
      if (!isResourcePermission(permission, MODELOPS_ENTITY_RESOURCE_TYPE)) {
        return DENY;
      }
      const owner = catalogConditions.isEntityOwner({ claims });
      return createCatalogConditionalDecision(
        permission,
        orDatasets
          ? {
              anyOf: [
                owner,
                catalogConditions.isEntityKind({ kinds: ['Dataset'] }),
              ],
            }
          : owner,
      );
    };

    switch (permission.name) {
      case feedbackCreatePermission.name:
        return ALLOW;
      case scorecardEvaluatePermission.name:
        return decide(holds('mlEngineers') || holds('reviewBoard'));
      // Registry and cluster providers write observations with service
      // tokens; a person replacing a source's snapshot is an administrator.
      case waiverApprovePermission.name:
      case changeApprovePermission.name:
      case reviewAdminPermission.name:
      case observationsWritePermission.name:
      case feedbackAdminPermission.name:
        return decide(holds('reviewBoard'));
      case campaignManagePermission.name:
        return decide(holds('reviewBoard') || holds('campaignManagers'));
      case costReadPermission.name:
      case costIngestPermission.name:
        return holds('finops') ? ALLOW : ownedOnly();
      // Whether an incident is serious (EU AI Act Art. 73) is the owning
      // team's call, and the review board's for any model.
      // So is a model's risk assessment, which its declared tier is held to.
      case incidentAssessPermission.name:
      case riskAssessmentCreatePermission.name:
        return holds('reviewBoard') ? ALLOW : ownedOnly();
      case evidenceCreatePermission.name:
      case deliveryEventCreatePermission.name:
      case feedbackUpdatePermission.name:
        return ownedOnly();
      case changeRequestPermission.name:
        return holds('mlEngineers') ? ownedOnly() : DENY;
      case waiverRequestPermission.name:
      case reviewAttestPermission.name:
        return ownedOnly(holds('dataStewards'));
      default:
        // A ModelOps permission this policy does not know yet: refuse
        // rather than guess.
        return DENY;
    }
  }
}
