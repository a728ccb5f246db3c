import { createApiRef } from '@backstage/frontend-plugin-api';
import type { FeedbackApi } from '@modelops/plugin-modelops-common';

/**
 * The API reference of the feedback client. The app registers
 * `FeedbackClient.create({ discoveryApi, fetchApi })` for it.
 *
 * @public
 */
export const feedbackApiRef = createApiRef<FeedbackApi>().with({
  id: 'plugin.modelops.feedback',
  pluginId: 'modelops',
});
