import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ActionClientsFactory } from './createActionClients';

/** What every ModelOps action is registered with. */
export interface ModelOpsActionDeps {
  /** The registry, wrapped so that route errors keep their type. */
  registry: ActionsRegistryService;
  /** The ModelOps clients acting as the caller. */
  clients: ActionClientsFactory;
  /** The catalog, always read with the caller's credentials. */
  catalog: CatalogService;
}
