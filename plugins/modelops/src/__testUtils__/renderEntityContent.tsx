import { ReactElement } from 'react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { Entity } from '@backstage/catalog-model';
import { modelOpsApiRef } from '../api/modelOpsApiRef';
import { ModelOpsEvidenceApi } from '@modelops/plugin-modelops-common';
import { fakeModelOpsApi } from './fixtures';

/**
 * Renders entity content as an entity page would: inside an EntityProvider,
 * with entity links resolvable and the evidence API provided.
 */
export function renderEntityContent(
  element: ReactElement,
  entity: Entity,
  api: ModelOpsEvidenceApi = fakeModelOpsApi(),
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    {
      apis: [[modelOpsApiRef, api]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );
}
