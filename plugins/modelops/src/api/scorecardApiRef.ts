import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ScorecardApi } from '@modelops/plugin-modelops-common';

/**
 * The API reference of the scorecard client. The app registers
 * `ScorecardClient.create({ discoveryApi, fetchApi })` for it.
 *
 * @public
 */
export const scorecardApiRef = createApiRef<ScorecardApi>().with({
  id: 'plugin.modelops.scorecards',
  pluginId: 'modelops',
});
