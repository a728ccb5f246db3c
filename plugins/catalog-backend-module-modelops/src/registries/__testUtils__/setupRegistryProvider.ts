/*
 * setupRegistryProvider: the set-up every registry provider test repeats
 * (MLflow, Kubeflow Model Registry, Hugging Face Hub). One provider is made
 * through its public fromConfig from a single configured block, with a
 * logger, scheduler and publisher that record what they are given and a
 * mocked catalog connection. Beside it are the two checks those tests make
 * of every refresh: what a full mutation applied, and that a refresh which
 * could not read its registry changed nothing.
 *
 *   const { provider, connection, logs, published } = setupRegistryProvider(
 *     KubeflowEntityProvider.fromConfig,
 *     { kubeflow: { odh: { baseUrl: BASE } } },
 *   );
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type { RegistryRefreshResult } from '../refreshRegistry';
import type { RegistryProviderOptions } from '../RegistryEntityProvider';

/** One line the provider logged. */
export interface LogLine {
  level: 'error' | 'warn' | 'info';
  message: string;
}

/** A provider made by setupRegistryProvider, and what it was given. */
export interface RegistryProviderTestSetup<P> {
  provider: P;
  connection: jest.Mocked<EntityProviderConnection>;
  /** The logger the provider was given; it records into `logs`. */
  logger: LoggerService;
  logs: LogLine[];
  /** The tasks the provider handed its task runner. */
  scheduled: { id: string; fn: () => Promise<void> }[];
  /** The schedules the provider asked the scheduler for. */
  schedules: unknown[];
  /** What the provider published, in order. */
  published: { source: string; reports: any[] }[];
}

/**
 * The provider `fromConfig` makes of `catalog.providers.modelops` set to
 * `modelops` (one block); `options` are those the provider takes beyond the
 * logger, scheduler and publisher.
 */
export function setupRegistryProvider<O extends RegistryProviderOptions, P>(
  fromConfig: (config: Config, options: O) => P[],
  modelops: Record<string, Record<string, Record<string, any>>>,
  options: Omit<O, keyof RegistryProviderOptions> = {} as O,
): RegistryProviderTestSetup<P> {
  const logs: LogLine[] = [];
  const logger: any = {
    error: (message: string) => logs.push({ level: 'error', message }),
    warn: (message: string) => logs.push({ level: 'warn', message }),
    info: (message: string) => logs.push({ level: 'info', message }),
    debug: () => {},
    child: () => logger,
  };
  const scheduled: RegistryProviderTestSetup<P>['scheduled'] = [];
  const schedules: unknown[] = [];
  const scheduler: any = {
    createScheduledTaskRunner: (schedule: unknown) => {
      schedules.push(schedule);
      return { run: async (task: any) => void scheduled.push(task) };
    },
  };
  const published: RegistryProviderTestSetup<P>['published'] = [];
  const providers = fromConfig(
    new ConfigReader({ catalog: { providers: { modelops } } }),
    {
      ...options,
      logger,
      scheduler,
      publisher: {
        publish: async (source, reports) => {
          published.push({ source, reports });
        },
      },
    } as O,
  );
  expect(providers).toHaveLength(1);
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  return {
    provider: providers[0],
    connection,
    logger,
    logs,
    scheduled,
    schedules,
    published,
  };
}

/**
 * The entities of the one mutation applied, which must be a full one with
 * every entity under the provider's name as its location key.
 */
export function appliedEntities(
  connection: jest.Mocked<EntityProviderConnection>,
  providerName: string,
): any[] {
  expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  const mutation = connection.applyMutation.mock.calls[0][0] as any;
  expect(mutation.type).toBe('full');
  return mutation.entities.map((e: any) => {
    expect(e.locationKey).toBe(providerName);
    return e.entity;
  });
}

/**
 * Connects and refreshes the provider, expecting the refresh to find the
 * registry unreadable: nothing applied or published, and one error that
 * names the registry (`registry`, in the provider's words). Returns that
 * error, for the test to check its reason.
 */
export async function failedRefreshError(
  setup: RegistryProviderTestSetup<{
    connect(connection: EntityProviderConnection): Promise<void>;
    refresh(): Promise<RegistryRefreshResult>;
  }>,
  registry: string,
): Promise<string> {
  const { provider, connection, logs, published } = setup;
  await provider.connect(connection);
  await expect(provider.refresh()).resolves.toEqual({
    applied: false,
    entities: 0,
    invalid: 0,
    withNotes: 0,
  });
  expect(connection.applyMutation).not.toHaveBeenCalled();
  expect(published).toEqual([]);
  const errors = logs.filter(l => l.level === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0].message).toContain(
    `Could not read ${registry}; the catalog keeps the models of the last successful refresh.`,
  );
  return errors[0].message;
}
