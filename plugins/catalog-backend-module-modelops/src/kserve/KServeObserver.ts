import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ImportNotesLog } from '../importNotes/ImportNotesLog';
import { ObservationsPublisher } from '../importNotes/ObservationsPublisher';
import { inferenceServiceToReport } from './inferenceServiceToReport';
import { KubernetesClient } from './KubernetesClient';
import { readKServeConfig } from './readKServeConfig';
import { KServeCluster, KServeObserverConfig } from './types';

/** Outcome of one run per cluster, for logs and tests. @public */
export interface KServeRunResult {
  cluster: string;
  /** False when the cluster could not be read; its last snapshot stays. */
  published: boolean;
  inferenceServices: number;
}

/**
 * Observes KServe InferenceServices (`serving.kserve.io/v1beta1`) on the
 * clusters configured for the Kubernetes plugin and publishes, per cluster,
 * what each one serves (runtime, model format, canary traffic, replica
 * bounds, autoscaling target, URL, readiness) to the ModelOps backend, where
 * they become the `observed.serving` scorecard facts of the model they
 * serve. A cluster that cannot be read keeps its previous snapshot.
 *
 * @public
 */
export class KServeObserver {
  private readonly notesLogs = new Map<string, ImportNotesLog>();

  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
      publisher: ObservationsPublisher;
      /** Per-request timeout; 30 s by default. */
      timeoutMs?: number;
    },
  ): KServeObserver | undefined {
    const observerConfig = readKServeConfig(config);
    if (!observerConfig) return undefined;
    return new KServeObserver(
      observerConfig,
      options.logger.child({ target: 'KServeObserver' }),
      options.scheduler,
      options.publisher,
      options.timeoutMs,
    );
  }

  private constructor(
    private readonly config: KServeObserverConfig,
    private readonly logger: LoggerService,
    private readonly scheduler: SchedulerService,
    private readonly publisher: ObservationsPublisher,
    private readonly timeoutMs: number | undefined,
  ) {}

  /** The source id of one cluster's snapshot. */
  static sourceOf(cluster: string): string {
    return `KServeObserver:${cluster}`;
  }

  /** Schedules the runs: one runner across replicas, through the scheduler. */
  async schedule(): Promise<void> {
    for (const { name, reason } of this.config.skipped) {
      this.logger.warn(`Cluster ${name} is not observed: ${reason}`);
    }
    await this.scheduler.scheduleTask({
      id: 'modelops-kserve-observer',
      ...this.config.schedule,
      fn: async () => {
        await this.run();
      },
    });
  }

  /** Reads every cluster and publishes each one that could be read. */
  async run(): Promise<KServeRunResult[]> {
    const results: KServeRunResult[] = [];
    for (const cluster of this.config.clusters) {
      results.push(await this.observe(cluster));
    }
    return results;
  }

  private async observe(cluster: KServeCluster): Promise<KServeRunResult> {
    const source = KServeObserver.sourceOf(cluster.name);
    let reports;
    try {
      const items = await new KubernetesClient(
        cluster,
        this.timeoutMs,
      ).listInferenceServices(this.config.namespaces);
      reports = items.map(isvc => inferenceServiceToReport(cluster.name, isvc));
    } catch (error) {
      this.logger.error(
        `Could not read the InferenceServices of cluster ${
          cluster.name
        }; its last observations stay. ${(error as Error).message}`,
      );
      return { cluster: cluster.name, published: false, inferenceServices: 0 };
    }
    let log = this.notesLogs.get(cluster.name);
    if (!log) {
      log = new ImportNotesLog(this.logger);
      this.notesLogs.set(cluster.name, log);
    }
    log.logChanges(reports);
    try {
      await this.publisher.publish(source, reports);
    } catch (error) {
      this.logger.error(
        `Could not publish the observations of cluster ${cluster.name}. ${
          (error as Error).message
        }`,
      );
      return {
        cluster: cluster.name,
        published: false,
        inferenceServices: reports.length,
      };
    }
    return {
      cluster: cluster.name,
      published: true,
      inferenceServices: reports.length,
    };
  }
}
