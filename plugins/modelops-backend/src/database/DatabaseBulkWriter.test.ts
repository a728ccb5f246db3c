import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseBulkWriter } from './DatabaseBulkWriter';

jest.setTimeout(60_000);

const TABLE = 'bulk_writer_test';
const COLUMNS = ['id', 'name', 'score', 'seen_at'];

describe('DatabaseBulkWriter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(databaseId: 'SQLITE_3' | 'POSTGRES_15') {
    const knex = await databases.init(databaseId);
    await knex.schema.createTable(TABLE, table => {
      table.integer('id').primary();
      table.string('name').notNullable();
      table.double('score').nullable();
      table.timestamp('seen_at').nullable();
    });
    const read = async () =>
      (await knex(TABLE).orderBy('id')).map(r => ({
        id: Number(r.id),
        name: r.name,
        score: r.score === null ? null : Number(r.score),
      }));
    return { knex, read, writer: DatabaseBulkWriter.create(knex) };
  }

  it.each(databases.eachSupportedId())(
    'streams the rows of a select as values in select-list order, %p',
    async databaseId => {
      const { writer } = await setup(databaseId as 'SQLITE_3');
      await writer.transaction(session =>
        session.insert(TABLE, COLUMNS, [
          [1, 'one', 1.5, undefined],
          [2, 'two', undefined, undefined],
          [3, 'three', 3, undefined],
        ]),
      );
      const sql = `SELECT name, score, id FROM ${TABLE} WHERE id IN (?, ?) ORDER BY id`;
      const read = async (ids: number[]) => {
        const rows: unknown[][] = [];
        await writer.forEachRow(sql, ids, row => rows.push([...row]));
        return rows.map(([name, score, id]) => [
          name,
          score === null ? null : Number(score),
          Number(id),
        ]);
      };
      expect(await read([1, 2])).toEqual([
        ['one', 1.5, 1],
        ['two', null, 2],
      ]);
      // The same select again with other bindings.
      expect(await read([3, 9])).toEqual([['three', 3, 3]]);
      expect(await read([8, 9])).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'inserts batches of any size, upserts, ignores and deletes by key, %p',
    async databaseId => {
      const { read, writer } = await setup(databaseId as 'SQLITE_3');
      // 70 rows: whole multi-row statements plus a remainder of single rows.
      const rows = Array.from({ length: 70 }, (_, i) => [
        i,
        `n${i}`,
        i % 2 ? i / 2 : undefined,
        new Date(0),
      ]);
      await writer.transaction(session => session.insert(TABLE, COLUMNS, rows));
      expect(await read()).toHaveLength(70);
      expect((await read())[3]).toEqual({ id: 3, name: 'n3', score: 1.5 });
      expect((await read())[4]).toEqual({ id: 4, name: 'n4', score: null });

      await writer.transaction(async session => {
        await session.insert(TABLE, COLUMNS, [[3, 'three', 9, undefined]], {
          columns: ['id'],
          update: ['name', 'score'],
        });
        await session.insert(TABLE, COLUMNS, [[5, 'ignored', 0, undefined]], {
          columns: ['id'],
          update: [],
        });
        await session.deleteKeys(
          TABLE,
          ['id', 'name'],
          [
            [6, 'n6'],
            [7, 'not-its-name'],
          ],
        );
      });
      const after = await read();
      expect(after).toHaveLength(69);
      expect(after.find(r => r.id === 3)).toEqual({
        id: 3,
        name: 'three',
        score: 9,
      });
      expect(after.find(r => r.id === 5)?.name).toBe('n5');
      expect(after.find(r => r.id === 6)).toBeUndefined();
      expect(after.find(r => r.id === 7)).toBeDefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps nothing of a transaction that fails, and nests in a knex transaction, %p',
    async databaseId => {
      const { knex, read, writer } = await setup(databaseId as 'SQLITE_3');
      await expect(
        writer.transaction(async session => {
          await session.insert(TABLE, COLUMNS, [[1, 'a', 1, undefined]]);
          await session.insert(TABLE, COLUMNS, [[2, undefined, 1, undefined]]);
        }),
      ).rejects.toThrow();
      expect(await read()).toEqual([]);

      // The writer on a knex transaction writes inside it.
      await expect(
        knex.transaction(async tx => {
          await DatabaseBulkWriter.create(tx).transaction(session =>
            session.insert(TABLE, COLUMNS, [[1, 'a', 1, undefined]]),
          );
          expect(await tx(TABLE).count({ n: '*' })).toEqual([
            { n: databaseId === 'POSTGRES_15' ? '1' : 1 },
          ]);
          throw new Error('abandon');
        }),
      ).rejects.toThrow('abandon');
      expect(await read()).toEqual([]);

      // The writer's connection is usable again afterwards.
      await writer.transaction(session =>
        session.execute(`insert into ${TABLE} (id, name) values (?, ?)`, [
          8,
          'b',
        ]),
      );
      expect(await read()).toEqual([{ id: 8, name: 'b', score: null }]);
    },
  );
});
