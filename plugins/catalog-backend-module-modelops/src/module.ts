import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MlflowEntityProvider } from './mlflow/MlflowEntityProvider';
import { ModelOpsEntityProcessor } from './processor/ModelOpsEntityProcessor';
import {
  disallowedKindsMessage,
  findDisallowedKinds,
} from './wiring/findDisallowedKinds';
import {
  MISSING_BACKEND_MESSAGE,
  probeModelOpsBackend,
} from './wiring/probeModelOpsBackend';

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
        discovery: coreServices.discovery,
        rootLifecycle: coreServices.rootLifecycle,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        discovery,
        rootLifecycle,
      }) {
        catalog.addProcessor(ModelOpsEntityProcessor.create());
        // Forgotten wiring steps otherwise show as an empty model catalog or
        // pages that fail to load; say in the log what to add.
        const disallowed = findDisallowedKinds(config);
        if (disallowed.length > 0) {
          logger.warn(disallowedKindsMessage(disallowed));
        }
        // Once every plugin has started, so an installed backend plugin
        // answers; the probe runs beside the start and never delays it.
        rootLifecycle.addStartupHook(() => {
          probeModelOpsBackend(discovery).then(
            result => {
              if (result === 'missing') logger.warn(MISSING_BACKEND_MESSAGE);
            },
            error => logger.debug(`ModelOps backend probe failed: ${error}`),
          );
        });
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
