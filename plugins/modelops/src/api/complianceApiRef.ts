import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ComplianceApi } from '@modelops/plugin-modelops-common';

/**
 * The API reference of the compliance client. The app registers
 * `ComplianceClient.create({ discoveryApi, fetchApi })` for it.
 *
 * @public
 */
export const complianceApiRef = createApiRef<ComplianceApi>().with({
  id: 'plugin.modelops.compliance',
  pluginId: 'modelops',
});
