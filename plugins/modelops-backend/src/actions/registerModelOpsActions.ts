import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createActionClients } from './createActionClients';
import { registerComplianceActions } from './registerComplianceActions';
import { forwardRouteErrors } from './forwardRouteErrors';
import { registerCostActions } from './registerCostActions';
import { registerFindEntitiesAction } from './registerFindEntitiesAction';
import { registerGovernanceActions } from './registerGovernanceActions';
import { registerModelCardAction } from './registerModelCardAction';
import { registerProductionBlockersAction } from './registerProductionBlockersAction';
import { registerScorecardAction } from './registerScorecardAction';
import { registerWriteActions } from './registerWriteActions';
import type { ModelOpsActionDeps } from './types';

/** What {@link registerModelOpsActions} needs from the plugin. */
export interface ModelOpsActionsOptions {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  discovery: DiscoveryService;
  catalog: CatalogService;
}

/**
 * Registers every ModelOps action in Backstage's actions registry, from
 * where `@backstage/plugin-mcp-actions-backend` serves them to AI assistants
 * over MCP. Actions act as their caller through the plugin's own routes.
 */
export function registerModelOpsActions(options: ModelOpsActionsOptions) {
  const deps: ModelOpsActionDeps = {
    registry: forwardRouteErrors(options.actionsRegistry),
    clients: createActionClients(options),
    catalog: options.catalog,
  };
  registerFindEntitiesAction(deps);
  registerModelCardAction(deps);
  registerScorecardAction(deps);
  registerProductionBlockersAction(deps);
  registerCostActions(deps);
  registerGovernanceActions(deps);
  registerComplianceActions(deps);
  registerWriteActions(deps);
}
