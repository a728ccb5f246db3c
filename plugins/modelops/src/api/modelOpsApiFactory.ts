import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { ModelOpsClient } from '@modelops/plugin-modelops-common';
import { modelOpsApiRef } from './modelOpsApiRef';

/**
 * The factory of the ModelOps evidence client, for the legacy `createApp`
 * `apis` list and for the new system's ApiBlueprint.
 *
 * @public
 */
export const modelOpsApiFactory = createApiFactory({
  api: modelOpsApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    ModelOpsClient.create({ discoveryApi, fetchApi }),
});
