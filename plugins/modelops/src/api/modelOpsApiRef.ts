import { createApiRef } from '@backstage/frontend-plugin-api';
import { ModelOpsApi } from './types';

/**
 * The API reference of the ModelOps evidence client, shared by the legacy and
 * the new frontend system.
 *
 * @public
 */
export const modelOpsApiRef = createApiRef<ModelOpsApi>().with({
  id: 'plugin.modelops.service',
  pluginId: 'modelops',
});
