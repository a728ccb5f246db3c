/*
 * createActionClients: the ModelOps clients an action uses, acting as the
 * caller. Each request carries a token issued on behalf of the caller's
 * credentials (the same mechanism Backstage's actions service uses between
 * plugins), so an action reaches the very routes the portal calls, with the
 * caller's identity: the same validation, permission checks, catalog
 * visibility and audit events, and never a second copy of a rule.
 */
import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ChangeClient,
  ComplianceClient,
  CostClient,
  FeedbackClient,
  ModelOpsClient,
  ReviewClient,
  ScorecardClient,
  type ChangeApi,
  type ComplianceApi,
  type CostApi,
  type FeedbackApi,
  type ModelOpsEvidenceApi,
  type ReviewApi,
  type ScorecardApi,
} from '@modelops/plugin-modelops-common';

/** The feature clients of the ModelOps API, bound to one caller. */
export interface ModelOpsActionClients {
  scorecards: ScorecardApi;
  cost: CostApi;
  reviews: ReviewApi;
  feedback: FeedbackApi;
  changes: ChangeApi;
  compliance: ComplianceApi;
  evidence: ModelOpsEvidenceApi;
}

/** Builds the clients for the credentials an action was invoked with. */
export type ActionClientsFactory = (
  credentials: BackstageCredentials,
) => ModelOpsActionClients;

/** Creates the {@link ActionClientsFactory} of the plugin. */
export function createActionClients(options: {
  auth: AuthService;
  discovery: DiscoveryService;
}): ActionClientsFactory {
  const { auth, discovery } = options;
  return credentials => {
    const fetchApi = {
      fetch: (async (input, init) => {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: credentials,
          targetPluginId: 'modelops',
        });
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      }) as typeof fetch,
    };
    const clientOptions = { discoveryApi: discovery, fetchApi };
    return {
      scorecards: ScorecardClient.create(clientOptions),
      cost: CostClient.create(clientOptions),
      reviews: ReviewClient.create(clientOptions),
      feedback: FeedbackClient.create(clientOptions),
      changes: ChangeClient.create(clientOptions),
      compliance: ComplianceClient.create(clientOptions),
      evidence: ModelOpsClient.create(clientOptions),
    };
  };
}
