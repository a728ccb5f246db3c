import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { SourceObjectReport } from '@modelops/plugin-modelops-common';
import { ObservationsPublisher } from '../importNotes/ObservationsPublisher';
import { keepFirstByEntityName } from '../registries/keepFirstByEntityName';
import type {
  RegistryRefreshResult,
  RegistrySnapshot,
} from '../registries/refreshRegistry';
import {
  RegistryEntityProvider,
  type RegistryProviderOptions,
} from '../registries/RegistryEntityProvider';
import { kubeflowModelToEntity } from './kubeflowModelToEntity';
import {
  KubeflowArtifact,
  KubeflowInferenceService,
  KubeflowModelVersion,
} from './kubeflowResponses';
import {
  KubeflowRegistryClient,
  KubeflowRestClient,
} from './KubeflowRestClient';
import { readKubeflowProviderConfigs } from './readKubeflowProviderConfigs';
import { KubeflowProviderConfig } from './types';

/**
 * Outcome of one refresh, for logs and tests.
 *
 * @public
 */
export type KubeflowRefreshResult = RegistryRefreshResult;

// Artifact lists are one request per version; a few at a time keeps a
// large registry quick without flooding it.
const ARTIFACT_READS_IN_PARALLEL = 4;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}

/**
 * Mirrors the registered models of a Kubeflow Model Registry (REST
 * `v1alpha3`) as MLModel entities, one provider per
 * `catalog.providers.modelops.kubeflow.<id>` block: versions with their
 * model artifacts, owner, state, custom properties, and the inference
 * services the registry records. Each refresh reads every page of every
 * list and replaces the provider's entities with a full mutation; when the
 * registry cannot be read the refresh stops before the mutation, so the
 * catalog keeps the last good state. Every registered model gets its import
 * notes, logged once per change and published to the ModelOps backend.
 *
 * @public
 */
export class KubeflowEntityProvider implements EntityProvider {
  private readonly registry: RegistryEntityProvider<RegistrySnapshot>;

  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
      /** Where import notes go; without one they are only logged. */
      publisher?: ObservationsPublisher;
      /** Per-request timeout; 30 s by default. */
      timeoutMs?: number;
      /** Replaces the HTTP client, for tests. */
      fetch?: typeof fetch;
    },
  ): KubeflowEntityProvider[] {
    return readKubeflowProviderConfigs(config).map(
      providerConfig =>
        new KubeflowEntityProvider(
          providerConfig,
          KubeflowRestClient.create({
            baseUrl: providerConfig.baseUrl,
            token: providerConfig.token,
            timeoutMs: options.timeoutMs,
            fetch: options.fetch,
          }),
          options,
        ),
    );
  }

  private constructor(
    private readonly config: KubeflowProviderConfig,
    private readonly client: KubeflowRegistryClient,
    options: RegistryProviderOptions,
  ) {
    this.registry = new RegistryEntityProvider({
      ...options,
      kind: 'KubeflowEntityProvider',
      config,
      registry: `the Kubeflow Model Registry at ${config.baseUrl}`,
      models: 'Kubeflow models',
      read: () => this.read(),
    });
  }

  getProviderName(): string {
    return this.registry.getProviderName();
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    await this.registry.connect(connection);
  }

  /** Reads the registry and applies a full mutation; logs and skips on failure. */
  async refresh(): Promise<KubeflowRefreshResult> {
    return this.registry.refresh();
  }

  private async read(): Promise<RegistrySnapshot> {
    const models = await this.client.listRegisteredModels();
    const versions = await this.client.listModelVersions();
    const artifacts = await this.readArtifacts(versions);
    const inferenceServices = await this.client.listInferenceServices();
    const servingEnvironments = new Map(
      (await this.client.listServingEnvironments()).map(e => [e.id, e]),
    );
    const versionsByModel = groupBy(versions, v => v.registeredModelId);
    const servicesByModel = groupBy(
      inferenceServices,
      s => s.registeredModelId,
    );
    const mapped = models.map(model => {
      const { entity, notes } = kubeflowModelToEntity({
        config: this.config,
        model,
        versions: versionsByModel.get(model.id) ?? [],
        artifacts,
        inferenceServices: servicesByModel.get(model.id) ?? [],
        servingEnvironments,
      });
      return {
        sourceName: model.name,
        entity,
        report: {
          sourceObject: model.name,
          entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
          notes,
        },
      };
    });
    const { entities, reports } = keepFirstByEntityName(
      mapped,
      'Kubeflow registered model',
    );
    const modelIds = new Set(models.map(m => m.id));
    reports.push(...orphanReports(inferenceServices, modelIds));
    return { entities, reports };
  }

  private async readArtifacts(
    versions: KubeflowModelVersion[],
  ): Promise<Map<string, KubeflowArtifact[]>> {
    const artifacts = new Map<string, KubeflowArtifact[]>();
    let next = 0;
    const worker = async () => {
      while (next < versions.length) {
        const version = versions[next++];
        artifacts.set(
          version.id,
          await this.client.listModelArtifacts(version.id),
        );
      }
    };
    await Promise.all(
      Array.from({ length: ARTIFACT_READS_IN_PARALLEL }, worker),
    );
    return artifacts;
  }
}

/** Inference services of a registered model the registry did not list. */
function orphanReports(
  services: KubeflowInferenceService[],
  modelIds: Set<string>,
): SourceObjectReport[] {
  return services
    .filter(s => !modelIds.has(s.registeredModelId))
    .map(s => ({
      sourceObject: `inference_services/${s.id}`,
      notes: [
        {
          field: 'registeredModelId',
          value: s.registeredModelId,
          reason: `inference service ${JSON.stringify(
            s.name,
          )} names a registered model the registry did not list; not linked to any entity`,
        },
      ],
    }));
}
