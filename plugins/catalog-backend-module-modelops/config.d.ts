import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      modelops?: {
        /**
         * MLflow servers whose registered models become MLModel entities,
         * keyed by an id of your choice (used in the provider name and the
         * modelops.dev/mlflow-server annotation).
         */
        mlflow?: {
          [id: string]: {
            /** Base URL of the MLflow tracking server, e.g. https://mlflow.example.com */
            baseUrl: string;
            /**
             * Bearer token for the MLflow REST API. Read it from the
             * environment: token: ${MLFLOW_TOKEN}
             * @visibility secret
             */
            token?: string;
            /**
             * MLflow search filter for registered models, e.g.
             * "name LIKE 'credit-%'" or "tags.team = 'risk'".
             */
            filter?: string;
            /** How often to read the registry; default every 30 minutes. */
            schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
            /**
             * Tags naming the owner, in order; the first one set wins, then
             * defaults.owner. Default: ["owner"].
             */
            ownerTags?: string[];
            /**
             * MLflow registry webhook: deliveries to
             * POST /api/catalog/modelops/mlflow/<id>/webhook signed with this
             * secret refresh the model they name. Without it no webhook is
             * served and polling alone keeps the catalog current.
             */
            webhook?: {
              /**
               * The secret given to MLflow when creating the webhook.
               * @visibility secret
               */
              secret: string;
            };
            /** Used when a model's MLflow tags do not say. */
            defaults?: {
              /** Owner entity ref, e.g. group:default/ml-platform */
              owner?: string;
              /** One of experimental, development, staging, production, deprecated, retired. */
              lifecycle?: string;
              /** System entity ref. */
              system?: string;
            };
          };
        };
        /**
         * Hugging Face Hub organisations and users whose models become
         * MLModel entities, keyed by an id of your choice (used in the
         * provider name HuggingFaceEntityProvider:<id>).
         */
        huggingface?: {
          [id: string]: {
            /** The Hub; default https://huggingface.co (or a mirror of its API). */
            baseUrl?: string;
            /**
             * User access token (read) for private and gated models, sent as
             * a Bearer token. Read it from the environment: token: ${HF_TOKEN}
             * @visibility secret
             */
            token?: string;
            /** Organisations or users whose models are imported, e.g. [openai, my-org]. */
            authors: string[];
            /**
             * Read each model's README.md for the card sections (intended
             * uses, limitations) and the modelops block; default true. With
             * false only the card data of the model list is read, one request
             * per page instead of one per model.
             */
            readme?: boolean;
            /** How often to read the Hub; default every hour, 10 minute timeout. */
            schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
            /** Used when a model's card does not say (cards without a modelops block). */
            defaults?: {
              /** Owner entity ref, e.g. group:default/ml-platform */
              owner?: string;
              /** One of experimental, development, staging, production, deprecated, retired. */
              lifecycle?: string;
              /** System entity ref. */
              system?: string;
            };
          };
        };
        /**
         * Kubeflow Model Registries (REST API v1alpha3) whose registered
         * models become MLModel entities, keyed by an id of your choice (used
         * in the provider name and the modelops.dev/kubeflow-registry
         * annotation).
         */
        kubeflow?: {
          [id: string]: {
            /**
             * Base URL of the registry's REST service, without the API path,
             * e.g. https://model-registry-rest.apps.example.com
             */
            baseUrl: string;
            /**
             * Bearer token for the registry (on OpenShift AI a service
             * account token). Read it from the environment:
             * token: ${KUBEFLOW_REGISTRY_TOKEN}
             * @visibility secret
             */
            token?: string;
            /** How often to read the registry; default every 30 minutes. */
            schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
            /**
             * Custom properties naming the owner, in order; the first one set
             * wins, then the registry's owner field, then defaults.owner.
             * Default: ["owner"].
             */
            ownerProperties?: string[];
            /**
             * Name of the cluster (in kubernetes.clusterLocatorMethods) whose
             * namespaces the registry's serving environments are; recorded
             * inference services are then linked to what the KServe observer
             * sees there.
             */
            cluster?: string;
            /**
             * Entity ref of the serving entity of a deployed inference
             * service, with {namespace} and {name} filled in, e.g.
             * component:{namespace}/{name}; becomes spec.deployment.servedBy.
             */
            servingEntity?: string;
            /** Used when a model's record does not say. */
            defaults?: {
              /** Owner entity ref, e.g. group:default/ml-platform */
              owner?: string;
              /** One of experimental, development, staging, production, deprecated, retired. */
              lifecycle?: string;
              /** System entity ref. */
              system?: string;
            };
          };
        };
        /**
         * Observes KServe InferenceServices on the clusters of
         * kubernetes.clusterLocatorMethods (type config; authProvider
         * serviceAccount or localKubectlProxy) and sends what runs to the
         * ModelOps backend as scorecard facts.
         */
        kserve?: {
          /** How often to read the clusters; default every 10 minutes. */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
          /** Namespaces to read; every namespace when absent. */
          namespaces?: string[];
        };
      };
    };
  };
}
