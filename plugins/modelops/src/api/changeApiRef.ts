import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ChangeApi } from '@modelops/plugin-modelops-common';

/**
 * The API reference of the change approval client. The app registers
 * `ChangeClient.create({ discoveryApi, fetchApi })` for it.
 *
 * @public
 */
export const changeApiRef = createApiRef<ChangeApi>().with({
  id: 'plugin.modelops.changes',
  pluginId: 'modelops',
});
