import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ModelOpsEvidenceApi } from '@modelops/plugin-modelops-common';

/**
 * The API reference of the ModelOps evidence client (evaluations and
 * monitoring snapshots), shared by the legacy and the new frontend system.
 *
 * @public
 */
export const modelOpsApiRef = createApiRef<ModelOpsEvidenceApi>().with({
  id: 'plugin.modelops.service',
  pluginId: 'modelops',
});
