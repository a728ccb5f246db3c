import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MlflowEntityProvider } from './mlflow/MlflowEntityProvider';
import { ModelOpsEntityProcessor } from './processor/ModelOpsEntityProcessor';

/**
 * Catalog module adding the MLModel and Dataset kinds (validation and
 * relations) and, for each `catalog.providers.modelops.mlflow.<id>` block,
 * an MLflow entity provider.
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
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        catalog.addProcessor(ModelOpsEntityProcessor.create());
        const providers = MlflowEntityProvider.fromConfig(config, {
          logger,
          scheduler,
        });
        if (providers.length > 0) {
          catalog.addEntityProvider(providers);
        }
      },
    });
  },
});
