import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CostApi } from '@modelops/plugin-modelops-common';

/**
 * The API reference of the cost client. The app registers
 * `CostClient.create({ discoveryApi, fetchApi })` for it.
 *
 * @public
 */
export const costApiRef = createApiRef<CostApi>().with({
  id: 'plugin.modelops.cost',
  pluginId: 'modelops',
});
