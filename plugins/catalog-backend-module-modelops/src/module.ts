import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ModelOpsEntityProcessor } from './processor/ModelOpsEntityProcessor';

/**
 * Catalog module adding the MLModel and Dataset kinds: their validation and
 * relations.
 *
 * @public
 */
export const catalogModuleModelops = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'modelops',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ catalog }) {
        catalog.addProcessor(ModelOpsEntityProcessor.create());
      },
    });
  },
});
