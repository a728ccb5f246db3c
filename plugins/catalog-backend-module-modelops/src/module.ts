import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ModelopsProcessor } from './processor/ModelopsProcessor';

export const catalogModuleModelops = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'modelops-processor',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(ModelopsProcessor.fromConfig(config));
      },
    });
  },
});
