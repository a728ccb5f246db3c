import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { modelOpsApiRef } from './modelOpsApiRef';
import { ModelOpsEvidenceClient } from './ModelOpsEvidenceClient';

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
    ModelOpsEvidenceClient.create({ discoveryApi, fetchApi }),
});
