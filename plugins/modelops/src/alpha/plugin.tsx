import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import ModelTrainingIcon from '@mui/icons-material/ModelTraining';
import { modelOpsApiFactory } from '../api/modelOpsApiFactory';
import { rootRouteRef } from '../routes';

const modelCatalogRouteRef = convertLegacyRouteRef(rootRouteRef);

/** @alpha */
export const modelOpsApi = ApiBlueprint.make({
  params: defineParams => defineParams(modelOpsApiFactory),
});

/**
 * The model catalog page; its title and icon make the "ML models" nav item.
 *
 * @alpha
 */
export const modelCatalogPage = PageBlueprint.make({
  params: {
    path: '/ml-models',
    routeRef: modelCatalogRouteRef,
    title: 'ML models',
    icon: <ModelTrainingIcon fontSize="inherit" />,
    // The page draws its own header, as it does in the legacy system.
    noHeader: true,
    loader: () =>
      import('../components/ModelCatalogPage/ModelCatalogPage').then(m => (
        <m.ModelCatalogPage />
      )),
  },
});

/** @alpha */
export const modelCardEntityContent = EntityContentBlueprint.make({
  name: 'model-card',
  params: {
    path: '/model-card',
    title: 'Model card',
    group: 'documentation',
    filter: { kind: 'MLModel' },
    loader: () =>
      import('../components/ModelCard/ModelCardContent').then(m => (
        <m.ModelCardContent />
      )),
  },
});

/** @alpha */
export const datasheetEntityContent = EntityContentBlueprint.make({
  name: 'datasheet',
  params: {
    path: '/datasheet',
    title: 'Datasheet',
    group: 'documentation',
    filter: { kind: 'Dataset' },
    loader: () =>
      import('../components/Datasheet/DatasheetContent').then(m => (
        <m.DatasheetContent />
      )),
  },
});

/** @alpha */
export const modelOperationsEntityCard = EntityCardBlueprint.make({
  name: 'model-operations',
  params: {
    filter: { kind: 'MLModel' },
    loader: () =>
      import('../components/OperationsCard/ModelOperationsCard').then(m => (
        <m.ModelOperationsCard />
      )),
  },
});

/**
 * The ModelOps plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'modelops',
  title: 'ModelOps',
  icon: <ModelTrainingIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  routes: { root: modelCatalogRouteRef },
  extensions: [
    modelOpsApi,
    modelCatalogPage,
    modelCardEntityContent,
    datasheetEntityContent,
    modelOperationsEntityCard,
  ],
});
