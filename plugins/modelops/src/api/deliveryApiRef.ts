import { createApiRef } from '@backstage/frontend-plugin-api';
import type { DeliveryApi } from '@modelops/plugin-modelops-common';

/**
 * The API reference of the delivery metrics client. The app registers
 * `DeliveryClient.create({ discoveryApi, fetchApi })` for it.
 *
 * @public
 */
export const deliveryApiRef = createApiRef<DeliveryApi>().with({
  id: 'plugin.modelops.delivery',
  pluginId: 'modelops',
});
