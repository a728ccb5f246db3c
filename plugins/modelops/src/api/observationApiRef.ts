import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ObservationApi } from '@modelops/plugin-modelops-common';

/**
 * The API reference of the observations client. The app registers
 * `ObservationClient.create({ discoveryApi, fetchApi })` for it.
 *
 * @public
 */
export const observationApiRef = createApiRef<ObservationApi>().with({
  id: 'plugin.modelops.observations',
  pluginId: 'modelops',
});
