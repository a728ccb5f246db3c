/*
 * initTestDatabase: opens one of the TestDatabases (SQLite or PostgreSQL) and
 * applies the ModelOps migrations, so store and router tests start from the
 * real schema. TestDatabases.create() must still be called at the top level
 * of the test file, because it registers the cleanup hooks.
 *
 *   const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
 *   it.each(databases.eachSupportedId())('%p', async id => {
 *     const knex = await initTestDatabase(databases, id);
 *   });
 */
import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { migrateDatabase } from '../migrateDatabase';

/** Returns a migrated knex client for one test database. */
export async function initTestDatabase(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<Knex> {
  const knex = await databases.init(databaseId);
  await migrateDatabase(knex);
  return knex;
}
