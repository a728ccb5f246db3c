import { createApiRef } from '@backstage/frontend-plugin-api';
import type { DecisionApi } from '@modelops/plugin-modelops-common';

/**
 * The API reference of the decision history client. The app registers
 * `DecisionClient.create({ discoveryApi, fetchApi })` for it.
 *
 * @public
 */
export const decisionApiRef = createApiRef<DecisionApi>().with({
  id: 'plugin.modelops.decisions',
  pluginId: 'modelops',
});
