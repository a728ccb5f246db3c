/*
 * RegistryEntityProvider: what the MLflow, Kubeflow Model Registry and
 * Hugging Face Hub providers are alike in as catalog entity providers. Each
 * configured block's provider is named `<class>:<id>` and logs under that
 * name; once the catalog connects, its refresh runs on the block's schedule
 * as the task `<name>:refresh`; and it refreshes through refreshRegistry.
 * Every registry's provider holds one of these and keeps what is its own:
 * its client, the read of its registry and the mapping. It is held rather
 * than inherited from so that the exported provider classes keep the shape
 * of the API report and none of this becomes public.
 */
import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { SourceObjectReport } from '@modelops/plugin-modelops-common';
import { ImportNotesLog } from '../importNotes/ImportNotesLog';
import {
  publishReports,
  type ObservationsPublisher,
} from '../importNotes/ObservationsPublisher';
import {
  refreshRegistry,
  type RegistryRefreshResult,
  type RegistrySnapshot,
} from './refreshRegistry';

/** What every registry provider's fromConfig takes. */
export interface RegistryProviderOptions {
  logger: LoggerService;
  scheduler: SchedulerService;
  /** Where import notes go; without one they are only logged. */
  publisher?: ObservationsPublisher;
}

/** What every registry provider's config block has. */
export interface RegistryProviderConfig {
  /** The block's key: `prod` in `catalog.providers.modelops.mlflow.prod`. */
  id: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** The name, logger, schedule and full refresh of one registry provider. */
export class RegistryEntityProvider<S extends RegistrySnapshot>
  implements EntityProvider
{
  /** A logger named after the provider. */
  readonly logger: LoggerService;
  private readonly providerName: string;
  private readonly taskRunner: SchedulerServiceTaskRunner;
  private readonly notesLog: ImportNotesLog;
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: RegistryProviderOptions & {
      /** The holding class's name: the provider is `<kind>:<config.id>`. */
      kind: string;
      config: RegistryProviderConfig;
      /** The registry in words, for the log: "the MLflow registry at …". */
      registry: string;
      /** The models in words, for the log: "MLflow models". */
      models: string;
      /** Reads the whole registry; a failure leaves the catalog as it was. */
      read: () => Promise<S>;
      /** What the provider keeps of an applied snapshot. */
      onApplied?: (snapshot: S) => void;
    },
  ) {
    this.providerName = `${options.kind}:${options.config.id}`;
    this.logger = options.logger.child({ target: this.providerName });
    this.taskRunner = options.scheduler.createScheduledTaskRunner(
      options.config.schedule,
    );
    this.notesLog = new ImportNotesLog(this.logger);
  }

  getProviderName(): string {
    return this.providerName;
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

  /** Reads the registry and applies a full mutation; logs and skips on failure. */
  async refresh(): Promise<RegistryRefreshResult> {
    const { registry, models, publisher, read, onApplied } = this.options;
    return refreshRegistry({
      providerName: this.providerName,
      connection: this.connection,
      registry,
      models,
      logger: this.logger,
      notesLog: this.notesLog,
      publisher,
      read,
      onApplied,
    });
  }

  /** The catalog's connection, for deltas between full refreshes. */
  requireConnection(): EntityProviderConnection {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    return this.connection;
  }

  /**
   * Logs what changed in the import notes and publishes them, as a full
   * refresh does after its mutation: for a provider that applied a delta.
   */
  async publishNotes(reports: SourceObjectReport[]): Promise<void> {
    this.notesLog.logChanges(reports);
    await publishReports(
      this.options.publisher,
      this.providerName,
      reports,
      this.logger,
    );
  }
}
