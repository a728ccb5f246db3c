/*
 * startTestCatalog: the real catalog the module's wiring tests start, with
 * the ModelOps module in it. It processes every 100 ms and stitches at once,
 * so an entity a provider applies can be read back within the test; every
 * test waits for what it expects rather than for a fixed time. `modelops`
 * becomes `catalog.providers.modelops` (a registry provider's block),
 * `features` adds modules (say, a provider of fixed entities).
 *
 *   const catalog = await startTestCatalog({ modelops: { mlflow: { prod } } });
 *   try {
 *     const model = await catalog.entity('mlmodel', 'fraud-detector');
 *   } finally {
 *     await catalog.stop();
 *   }
 */
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { catalogModuleModelops } from '../module';

/** A started catalog, read through its REST API. */
export interface TestCatalog {
  /** The entity of the default namespace as the catalog has it now. */
  byName(kind: string, name: string): Promise<{ status: number; body: any }>;
  /**
   * The entity of the default namespace once the catalog has it and
   * `ready` accepts it (by default, as soon as it is there).
   */
  entity(
    kind: string,
    name: string,
    ready?: (entity: any) => boolean,
  ): Promise<any>;
  stop(): Promise<void>;
}

/** Reads until `read` gives a value, every 100 ms for ten seconds at most. */
export async function waitFor<T>(
  read: () => Promise<T | undefined>,
): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting for the catalog');
}

/** Starts a catalog with the ModelOps module, `modelops` providers and `features`. */
export async function startTestCatalog(
  options: {
    modelops?: Record<string, any>;
    features?: BackendFeature[];
  } = {},
): Promise<TestCatalog> {
  const backend = await startTestBackend({
    features: [
      catalogBackend,
      catalogModuleModelops,
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            processingInterval: { milliseconds: 100 },
            stitchingStrategy: { mode: 'immediate' },
            ...(options.modelops && {
              providers: { modelops: options.modelops },
            }),
          },
        },
      }),
    ],
  });
  const byName = (kind: string, name: string) =>
    request(backend.server).get(
      `/api/catalog/entities/by-name/${kind}/default/${name}`,
    );
  return {
    byName,
    entity: (kind, name, ready = () => true) =>
      waitFor(async () => {
        const res = await byName(kind, name);
        return res.status === 200 && ready(res.body) ? res.body : undefined;
      }),
    stop: () => backend.stop(),
  };
}
