import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  formatValidationProblems,
  MLModelEntity,
  validateModelOpsEntity,
} from '@modelops/plugin-modelops-common';
import { mlflowModelToEntity } from './mlflowModelToEntity';
import { MlflowModelVersion } from './mlflowResponses';
import { MlflowRegistryClient, MlflowRestClient } from './MlflowRestClient';
import { readMlflowProviderConfigs } from './readMlflowProviderConfigs';
import { MlflowProviderConfig } from './types';

/**
 * Outcome of one refresh, for logs and tests.
 *
 * @public
 */
export interface MlflowRefreshResult {
  /** False when MLflow could not be read and no mutation was applied. */
  applied: boolean;
  entities: number;
  invalid: number;
}

/**
 * Mirrors the registered models of an MLflow server as MLModel entities,
 * one provider per `catalog.providers.modelops.mlflow.<id>` block. Each
 * refresh reads every page of the registry and replaces the provider's
 * entities with a full mutation; if MLflow cannot be read the refresh stops
 * before the mutation so that the catalog keeps the last good state.
 *
 * @public
 */
export class MlflowEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
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
          options.logger.child({
            target: `MlflowEntityProvider:${providerConfig.id}`,
          }),
          options.scheduler.createScheduledTaskRunner(providerConfig.schedule),
        ),
    );
  }

  private constructor(
    private readonly config: MlflowProviderConfig,
    private readonly client: MlflowRegistryClient,
    private readonly logger: LoggerService,
    private readonly taskRunner: SchedulerServiceTaskRunner,
  ) {}

  getProviderName(): string {
    return `MlflowEntityProvider:${this.config.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /** Reads MLflow and applies a full mutation; logs and skips on failure. */
  async refresh(): Promise<MlflowRefreshResult> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    let entities: MLModelEntity[];
    try {
      entities = await this.read();
    } catch (error) {
      this.logger.error(
        `Could not read the MLflow registry at ${
          this.config.baseUrl
        }; the catalog keeps the models of the last successful refresh. ${
          (error as Error).message
        }`,
      );
      return { applied: false, entities: 0, invalid: 0 };
    }

    let invalid = 0;
    for (const entity of entities) {
      const problems = validateModelOpsEntity(entity);
      if (problems.length > 0) {
        // Still applied: the catalog shows the processing error on the
        // model, which is where its owner will look for it.
        invalid++;
        this.logger.warn(
          `MLflow model ${JSON.stringify(
            entity.metadata.title,
          )} maps to an invalid MLModel:\n${formatValidationProblems(
            problems,
          )}`,
        );
      }
    }

    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.info(
      `Applied ${entities.length} MLflow models (${invalid} with problems)`,
    );
    return { applied: true, entities: entities.length, invalid };
  }

  private async read(): Promise<MLModelEntity[]> {
    const models = await this.client.searchRegisteredModels(this.config.filter);
    const versionsByModel = new Map<string, MlflowModelVersion[]>();
    for (const version of await this.client.searchModelVersions()) {
      const list = versionsByModel.get(version.name) ?? [];
      list.push(version);
      versionsByModel.set(version.name, list);
    }
    const byName = new Map<string, MLModelEntity>();
    for (const model of models) {
      const entity = mlflowModelToEntity({
        serverId: this.config.id,
        baseUrl: this.config.baseUrl,
        model,
        versions: versionsByModel.get(model.name) ?? [],
        defaults: this.config.defaults,
      });
      const clash = byName.get(entity.metadata.name);
      if (clash) {
        // Two MLflow names that differ only in case or punctuation would
        // make the whole mutation fail; keep the first and say so.
        this.logger.warn(
          `MLflow models ${JSON.stringify(
            clash.metadata.title,
          )} and ${JSON.stringify(model.name)} both map to the entity name ${
            entity.metadata.name
          }; keeping the first`,
        );
        continue;
      }
      byName.set(entity.metadata.name, entity);
    }
    return [...byName.values()];
  }
}
