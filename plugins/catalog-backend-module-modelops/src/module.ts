import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { HttpObservationsPublisher } from './importNotes/ObservationsPublisher';
import { KServeObserver } from './kserve/KServeObserver';
import { KubeflowEntityProvider } from './kubeflow/KubeflowEntityProvider';
import {
  createMlflowWebhookHandler,
  MLFLOW_WEBHOOK_PATH,
  MlflowWebhookTarget,
} from './mlflow/createMlflowWebhookHandler';
import { MlflowEntityProvider } from './mlflow/MlflowEntityProvider';
import { HuggingFaceEntityProvider } from './huggingface/HuggingFaceEntityProvider';
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
 * relations); for each `catalog.providers.modelops.mlflow.<id>` block an
 * MLflow entity provider (with its registry webhook when `webhook.secret`
 * is set); for each `catalog.providers.modelops.kubeflow.<id>` block a
 * Kubeflow Model Registry entity provider; for each
 * `catalog.providers.modelops.huggingface.<id>` block a Hugging Face Hub
 * entity provider; and, with
 * `catalog.providers.modelops.kserve`, the observer of
 * KServe InferenceServices on the Kubernetes plugin's clusters. Import
 * notes and observations go to the ModelOps backend.
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
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        httpRouter: coreServices.httpRouter,
        rootLifecycle: coreServices.rootLifecycle,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        discovery,
        auth,
        auditor,
        httpRouter,
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
        const publisher = HttpObservationsPublisher.create({ discovery, auth });
        // One provider per configured registry block of each kind.
        const providerOptions = { logger, scheduler, publisher };
        const providers = MlflowEntityProvider.fromConfig(
          config,
          providerOptions,
        );
        for (const registryProviders of [
          providers,
          KubeflowEntityProvider.fromConfig(config, providerOptions),
          HuggingFaceEntityProvider.fromConfig(config, providerOptions),
        ]) {
          if (registryProviders.length > 0) {
            catalog.addEntityProvider(registryProviders);
          }
        }
        const targets = new Map<string, MlflowWebhookTarget>();
        for (const provider of providers) {
          const secret = provider.webhookSecret;
          if (secret) targets.set(provider.serverId, { provider, secret });
        }
        if (targets.size > 0) {
          httpRouter.use(
            createMlflowWebhookHandler({ targets, logger, auditor }),
          );
          // MLflow cannot hold a Backstage token; the HMAC signature is
          // checked instead, before anything is read.
          httpRouter.addAuthPolicy({
            path: MLFLOW_WEBHOOK_PATH,
            allow: 'unauthenticated',
          });
        }
        await KServeObserver.fromConfig(config, providerOptions)?.schedule();
      },
    });
  },
});
