/*
 * routerTestSetup: the set-up every feature router test repeats: a SQLite
 * test database, migrated afresh for each router, under createTestRouter.
 * Routers are tested for their HTTP behaviour on SQLite; the stores beneath
 * them are tested on SQLite and PostgreSQL in their own suites. Call it at
 * the top level of the test file, because TestDatabases.create() registers
 * the cleanup hooks there.
 *
 *   const startRouter = routerTestSetup(createFeedbackRouter);
 *   beforeEach(async () => {
 *     t = await startRouter({ entities: [model] });
 *   });
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { ModelOpsFeatureRouterFactory } from '../types';
import {
  createTestRouter,
  type CreateTestRouterOptions,
  type TestRouter,
} from './createTestRouter';
import { initTestDatabase } from './initTestDatabase';

/** Starts a router of the factory on a freshly migrated SQLite database. */
export type StartTestRouter = (
  options?: Omit<CreateTestRouterOptions, 'database'>,
) => Promise<TestRouter>;

/** Registers the test database and returns the router starter. */
export function routerTestSetup(
  factory: ModelOpsFeatureRouterFactory,
): StartTestRouter {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  return async (options = {}) =>
    createTestRouter(factory, {
      ...options,
      database: await initTestDatabase(databases, 'SQLITE_3'),
    });
}
