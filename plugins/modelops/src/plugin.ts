import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { modelOpsApiFactory } from './api/modelOpsApiFactory';
import { rootRouteRef } from './routes';

/**
 * The ModelOps plugin for the legacy frontend system.
 *
 * @public
 */
export const modelopsPlugin = createPlugin({
  id: 'modelops',
  apis: [modelOpsApiFactory],
  routes: { root: rootRouteRef },
});

/**
 * The model catalog page; mount it at `/ml-models`.
 *
 * @public
 */
export const ModelCatalogPage = modelopsPlugin.provide(
  createRoutableExtension({
    name: 'ModelCatalogPage',
    component: () =>
      import('./components/ModelCatalogPage/ModelCatalogPage').then(
        m => m.ModelCatalogPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The model card tab of MLModel entity pages.
 *
 * @public
 */
export const EntityModelCardContent = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelCardContent',
    component: {
      lazy: () =>
        import('./components/ModelCard/ModelCardContent').then(
          m => m.ModelCardContent,
        ),
    },
  }),
);

/**
 * The datasheet tab of Dataset entity pages.
 *
 * @public
 */
export const EntityDatasheetContent = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasheetContent',
    component: {
      lazy: () =>
        import('./components/Datasheet/DatasheetContent').then(
          m => m.DatasheetContent,
        ),
    },
  }),
);

/**
 * The operations card (runbooks, on-call, SLOs, fallback, monitoring) of
 * MLModel entity overview pages.
 *
 * @public
 */
export const EntityModelOperationsCard = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelOperationsCard',
    component: {
      lazy: () =>
        import('./components/OperationsCard/ModelOperationsCard').then(
          m => m.ModelOperationsCard,
        ),
    },
  }),
);
