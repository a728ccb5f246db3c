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
import { mlflowModelToEntity } from './mlflowModelToEntity';
import {
  MlflowLoggedModel,
  MlflowModelVersion,
  MlflowRegisteredModel,
} from './mlflowResponses';
import {
  MlflowRegistryClient,
  MlflowRestClient,
  versionsOfModelFilter,
} from './MlflowRestClient';
import { readMlflowProviderConfigs } from './readMlflowProviderConfigs';
import { MlflowProviderConfig } from './types';

/**
 * Outcome of one refresh, for logs and tests.
 *
 * @public
 */
export type MlflowRefreshResult = RegistryRefreshResult;

/** What one read of the registry turned into. */
interface MlflowReadResult extends RegistrySnapshot {
  loggedModels?: Map<string, MlflowLoggedModel>;
}

/**
 * Mirrors the registered models of an MLflow server as MLModel entities,
 * one provider per `catalog.providers.modelops.mlflow.<id>` block. Each
 * refresh reads every page of the registry and replaces the provider's
 * entities with a full mutation; if MLflow cannot be read the refresh stops
 * before the mutation so that the catalog keeps the last good state. Beside
 * the entities, every registered model gets a report of what could not be
 * mapped (its import notes), logged once per change and published to the
 * ModelOps backend.
 *
 * @public
 */
export class MlflowEntityProvider implements EntityProvider {
  private readonly registry: RegistryEntityProvider<MlflowReadResult>;
  /** The reports of the last full refresh, by MLflow name; see refreshModel. */
  private lastReports?: Map<string, SourceObjectReport>;
  /** The logged models of the last full refresh, by id; see refreshModel. */
  private loggedModels?: Map<string, MlflowLoggedModel>;
  /** Whether the server was found to have no logged-models endpoint. */
  private loggedModelsUnsupported = false;

  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
      /** Where import notes go; without one they are only logged. */
      publisher?: ObservationsPublisher;
      /** Replaces the HTTP client, for tests. */
      fetch?: typeof fetch;
    },
  ): MlflowEntityProvider[] {
    return readMlflowProviderConfigs(config).map(
      providerConfig =>
        new MlflowEntityProvider(
          providerConfig,
          MlflowRestClient.create({
            baseUrl: providerConfig.baseUrl,
            token: providerConfig.token,
            fetch: options.fetch,
          }),
          options,
        ),
    );
  }

  private constructor(
    private readonly config: MlflowProviderConfig,
    private readonly client: MlflowRegistryClient,
    options: RegistryProviderOptions,
  ) {
    this.registry = new RegistryEntityProvider({
      ...options,
      kind: 'MlflowEntityProvider',
      config,
      registry: `the MLflow registry at ${config.baseUrl}`,
      models: 'MLflow models',
      read: () => this.read(),
      onApplied: result => {
        this.lastReports = new Map(
          result.reports.map(r => [r.sourceObject, r]),
        );
        this.loggedModels = result.loggedModels;
      },
    });
  }

  getProviderName(): string {
    return this.registry.getProviderName();
  }

  /** The provider id of app-config (`prod` in `mlflow.prod`). */
  get serverId(): string {
    return this.config.id;
  }

  /** The secret registry webhooks are signed with; undefined without a webhook. */
  get webhookSecret(): string | undefined {
    return this.config.webhookSecret;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    await this.registry.connect(connection);
  }

  /** Reads MLflow and applies a full mutation; logs and skips on failure. */
  async refresh(): Promise<MlflowRefreshResult> {
    return this.registry.refresh();
  }

  /**
   * Reads one registered model again and applies it as a delta (or removes
   * it when MLflow no longer has it): what a registry webhook triggers.
   * Returns false when MLflow could not be read; nothing changes then.
   */
  async refreshModel(name: string): Promise<boolean> {
    const connection = this.registry.requireConnection();
    let model: MlflowRegisteredModel | undefined;
    let versions: MlflowModelVersion[];
    try {
      model = await this.client.getRegisteredModel(name);
      versions = model
        ? await this.client.searchModelVersions(versionsOfModelFilter(name))
        : [];
    } catch (error) {
      this.registry.logger.error(
        `Could not read the MLflow model ${JSON.stringify(
          name,
        )}; it stays as it was. ${(error as Error).message}`,
      );
      return false;
    }
    const locationKey = this.getProviderName();
    if (!model) {
      const previous = this.lastReports?.get(name);
      if (previous?.entityRef) {
        await connection.applyMutation({
          type: 'delta',
          added: [],
          removed: [{ entityRef: previous.entityRef, locationKey }],
        });
      }
      this.lastReports?.delete(name);
    } else {
      // A webhook names one model; its logged models are those of the last
      // full refresh (a new one appears with the next scheduled refresh).
      const { entity, report } = this.map(model, versions, this.loggedModels);
      await connection.applyMutation({
        type: 'delta',
        added: [{ entity, locationKey }],
        removed: [],
      });
      this.lastReports?.set(name, report);
    }
    // Only a provider that holds a whole snapshot republishes: one started
    // by the webhook on another replica would otherwise erase the notes of
    // every other model. The next scheduled refresh publishes them there.
    if (this.lastReports) {
      await this.registry.publishNotes([...this.lastReports.values()]);
    }
    return true;
  }

  private map(
    model: MlflowRegisteredModel,
    versions: MlflowModelVersion[],
    loggedModels: ReadonlyMap<string, MlflowLoggedModel> | undefined,
  ) {
    const { entity, notes } = mlflowModelToEntity({
      serverId: this.config.id,
      baseUrl: this.config.baseUrl,
      model,
      versions,
      defaults: this.config.defaults,
      ownerTags: this.config.ownerTags,
      loggedModels,
    });
    const report: SourceObjectReport = {
      sourceObject: model.name,
      entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      notes,
    };
    return { entity, report };
  }

  private async read(): Promise<MlflowReadResult> {
    const models = await this.client.searchRegisteredModels(this.config.filter);
    const versionsByModel = new Map<string, MlflowModelVersion[]>();
    for (const version of await this.client.searchModelVersions()) {
      const list = versionsByModel.get(version.name) ?? [];
      list.push(version);
      versionsByModel.set(version.name, list);
    }
    const loggedModels = await this.readLoggedModels(versionsByModel);
    const { entities, reports } = keepFirstByEntityName(
      models.map(model => ({
        sourceName: model.name,
        ...this.map(model, versionsByModel.get(model.name) ?? [], loggedModels),
      })),
      'MLflow model',
    );
    return { entities, reports, loggedModels };
  }

  /**
   * The server's logged models by id, read only when some version was
   * registered from one (MLflow 3 sets `model_id`), so MLflow 2 servers get
   * no extra requests. A server without the endpoint has none: that is
   * logged once, not as an error.
   */
  private async readLoggedModels(
    versionsByModel: Map<string, MlflowModelVersion[]>,
  ): Promise<Map<string, MlflowLoggedModel> | undefined> {
    if (this.loggedModelsUnsupported) return undefined;
    const referenced = [...versionsByModel.values()].some(list =>
      list.some(v => v.model_id),
    );
    if (!referenced) return undefined;
    const models = await this.client.searchLoggedModels();
    if (!models) {
      this.loggedModelsUnsupported = true;
      this.registry.logger.info(
        `The MLflow server at ${this.config.baseUrl} has no logged-models/search endpoint (an MLflow release before 3); model versions are imported without their logged models.`,
      );
      return undefined;
    }
    return new Map(models.map(m => [m.info.model_id, m]));
  }
}
