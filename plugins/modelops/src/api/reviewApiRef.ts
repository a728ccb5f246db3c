import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ReviewApi } from '@modelops/plugin-modelops-common';

/**
 * The API reference of the ownership review client. The app registers
 * `ReviewClient.create({ discoveryApi, fetchApi })` for it.
 *
 * @public
 */
export const reviewApiRef = createApiRef<ReviewApi>().with({
  id: 'plugin.modelops.reviews',
  pluginId: 'modelops',
});
