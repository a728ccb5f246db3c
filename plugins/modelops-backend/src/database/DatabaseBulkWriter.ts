/*
 * DatabaseBulkWriter: writes many rows in one transaction by the fastest path
 * each database offers.
 *
 * On better-sqlite3 it runs prepared statements on the pool's connection
 * (knex gives SQLite a pool of one) and keeps them for the life of that
 * connection. Going through knex there, building each multi-row statement
 * and preparing it again per query cost more than the writes, and every
 * prepared statement held native memory until the garbage collector happened
 * to run, which a small JavaScript heap rarely makes it do: a 50,000 entity
 * scorecard run grew to 2 GB resident that way.
 *
 * Elsewhere (PostgreSQL) it sends multi-row statements of up to 65,535 bound
 * values through knex, one round trip per chunk.
 */
import type { Knex } from 'knex';
import { chunks } from '../service/chunks';
import type {
  BulkConflict,
  BulkRow,
  BulkSession,
  BulkWriter,
  SqliteConnection,
  SqliteStatement,
} from './types';

/** Bound values per statement on PostgreSQL (its protocol's limit). */
const POSTGRES_MAX_VALUES = 65_535;
/** Bound values per statement on other databases through knex (SQLite's old default). */
const OTHER_MAX_VALUES = 999;
/**
 * Rows per cached multi-row SQLite statement. Binding values is the same
 * work whatever the statement's size; a few dozen rows per call just spares
 * the per-call overhead between JavaScript and SQLite, while larger
 * statements cost more to prepare and to keep.
 */
const SQLITE_ROWS_PER_STATEMENT = 32;
/** SQLite's bound value limit since 3.32. */
const SQLITE_MAX_VALUES = 32_766;

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function tuple(width: number): string {
  return `(${new Array(width).fill('?').join(', ')})`;
}

function insertSql(
  table: string,
  columns: readonly string[],
  rowCount: number,
  conflict: BulkConflict | undefined,
): string {
  const values = new Array(rowCount).fill(tuple(columns.length)).join(', ');
  let sql = `insert into ${quote(table)} (${columns
    .map(quote)
    .join(', ')}) values ${values}`;
  if (conflict) {
    const target = conflict.columns.map(quote).join(', ');
    sql +=
      conflict.update.length === 0
        ? ` on conflict (${target}) do nothing`
        : ` on conflict (${target}) do update set ${conflict.update
            .map(c => `${quote(c)} = excluded.${quote(c)}`)
            .join(', ')}`;
  }
  return sql;
}

function deleteSql(
  table: string,
  columns: readonly string[],
  keyCount: number,
): string {
  if (columns.length === 1) {
    return `delete from ${quote(table)} where ${quote(columns[0])} in ${tuple(
      keyCount,
    )}`;
  }
  const keys = new Array(keyCount).fill(tuple(columns.length)).join(', ');
  return `delete from ${quote(table)} where (${columns
    .map(quote)
    .join(', ')}) in (${keys})`;
}

type Binding = Knex.ValueDict[keyof Knex.ValueDict];

// knex refuses undefined bindings; an absent optional value is NULL.
function knexBindings(values: readonly unknown[]): Binding[] {
  return values.map(v => (v === undefined ? null : v)) as Binding[];
}

// better-sqlite3 binds neither dates nor booleans nor undefined; these are
// the conversions knex applies on SQLite, so rows read back the same
// whichever path wrote them.
function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.valueOf();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const statementCache = new WeakMap<
  SqliteConnection,
  Map<string, SqliteStatement>
>();

/**
 * The read side of a better-sqlite3 prepared statement: `raw` makes rows
 * arrays of values (no property names per row), `iterate` streams them
 * instead of materialising the whole result as `all` does.
 */
interface SqliteQueryStatement extends SqliteStatement {
  raw(toggle: boolean): SqliteQueryStatement;
  iterate(...bindings: unknown[]): IterableIterator<unknown[]>;
}

/** Statements of one connection, prepared once and reused for its lifetime. */
function statement(connection: SqliteConnection, sql: string) {
  let cache = statementCache.get(connection);
  if (!cache) {
    cache = new Map();
    statementCache.set(connection, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = connection.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

class SqliteBulkSession implements BulkSession {
  constructor(private readonly connection: SqliteConnection) {}

  async insert(
    table: string,
    columns: readonly string[],
    rows: readonly BulkRow[],
    conflict?: BulkConflict,
  ): Promise<void> {
    const perStatement = Math.max(
      1,
      Math.min(
        SQLITE_ROWS_PER_STATEMENT,
        Math.floor(SQLITE_MAX_VALUES / columns.length),
      ),
    );
    const wide = statement(
      this.connection,
      insertSql(table, columns, perStatement, conflict),
    );
    const single = statement(
      this.connection,
      insertSql(table, columns, 1, conflict),
    );
    const full = rows.length - (rows.length % perStatement);
    const values: unknown[] = new Array(perStatement * columns.length);
    for (let start = 0; start < full; start += perStatement) {
      let v = 0;
      for (let r = start; r < start + perStatement; r++) {
        const row = rows[r];
        for (let c = 0; c < columns.length; c++) {
          values[v++] = sqliteValue(row[c]);
        }
      }
      wide.run(values);
    }
    for (let r = full; r < rows.length; r++) {
      single.run(rows[r].map(sqliteValue));
    }
  }

  async deleteKeys(
    table: string,
    columns: readonly string[],
    keys: readonly BulkRow[],
  ): Promise<void> {
    const remove = statement(this.connection, deleteSql(table, columns, 1));
    for (const key of keys) {
      remove.run(key.map(sqliteValue));
    }
  }

  async execute(sql: string, bindings: readonly unknown[] = []) {
    statement(this.connection, sql).run(bindings.map(sqliteValue));
  }
}

class KnexBulkSession implements BulkSession {
  constructor(
    private readonly tx: Knex.Transaction,
    private readonly maxValues: number,
  ) {}

  async insert(
    table: string,
    columns: readonly string[],
    rows: readonly BulkRow[],
    conflict?: BulkConflict,
  ): Promise<void> {
    const perStatement = Math.max(
      1,
      Math.floor(this.maxValues / columns.length),
    );
    for (const part of chunks(rows, perStatement)) {
      await this.tx.raw(
        insertSql(table, columns, part.length, conflict),
        knexBindings(part.flat()),
      );
    }
  }

  async deleteKeys(
    table: string,
    columns: readonly string[],
    keys: readonly BulkRow[],
  ): Promise<void> {
    const perStatement = Math.max(
      1,
      Math.floor(this.maxValues / columns.length),
    );
    for (const part of chunks(keys, perStatement)) {
      await this.tx.raw(
        deleteSql(table, columns, part.length),
        knexBindings(part.flat()),
      );
    }
  }

  async execute(sql: string, bindings: readonly unknown[] = []) {
    await this.tx.raw(sql, knexBindings(bindings));
  }
}

/** The {@link BulkWriter} for a knex client of SQLite or PostgreSQL. */
export class DatabaseBulkWriter implements BulkWriter {
  private constructor(private readonly db: Knex) {}

  /** @param db - a knex client or transaction */
  static create(db: Knex): DatabaseBulkWriter {
    return new DatabaseBulkWriter(db);
  }

  async transaction<T>(work: (session: BulkSession) => Promise<T>): Promise<T> {
    if (this.db.client.driverName === 'better-sqlite3') {
      return this.sqliteTransaction(work);
    }
    const maxValues =
      this.db.client.driverName === 'pg'
        ? POSTGRES_MAX_VALUES
        : OTHER_MAX_VALUES;
    return this.db.transaction(tx => work(new KnexBulkSession(tx, maxValues)));
  }

  /**
   * Runs one select with `?` placeholders and hands each row to `onRow` as
   * its values in the order of the select list. On SQLite the statement is
   * prepared once per connection, like the writes, and its rows are streamed:
   * a knex query would prepare a new native statement per call, kept until a
   * garbage collection finalises it, and materialise every row as an object.
   * `onRow` must not query the database: on SQLite the connection is busy
   * until the last row.
   */
  async forEachRow(
    sql: string,
    bindings: readonly unknown[],
    onRow: (row: readonly unknown[]) => void,
  ): Promise<void> {
    if (this.db.client.driverName === 'better-sqlite3') {
      const connection: SqliteConnection =
        await this.db.client.acquireConnection();
      try {
        const prepared = statement(connection, sql) as SqliteQueryStatement;
        for (const row of prepared
          .raw(true)
          .iterate(bindings.map(sqliteValue))) {
          onRow(row);
        }
      } finally {
        await this.db.client.releaseConnection(connection);
      }
      return;
    }
    const result = await this.db.raw(sql, knexBindings(bindings));
    // PostgreSQL answers { rows }, MySQL [rows, fields]; either way a row's
    // properties follow the select list.
    const rows: Record<string, unknown>[] = Array.isArray(result)
      ? result[0]
      : result.rows;
    for (const row of rows) onRow(Object.values(row));
  }

  private async sqliteTransaction<T>(
    work: (session: BulkSession) => Promise<T>,
  ): Promise<T> {
    const connection: SqliteConnection =
      await this.db.client.acquireConnection();
    try {
      // A savepoint opens a transaction of its own, or nests inside one when
      // the store was given a knex transaction.
      connection.exec('SAVEPOINT modelops_bulk_write');
      try {
        const result = await work(new SqliteBulkSession(connection));
        connection.exec('RELEASE modelops_bulk_write');
        return result;
      } catch (error) {
        connection.exec('ROLLBACK TO modelops_bulk_write');
        connection.exec('RELEASE modelops_bulk_write');
        throw error;
      }
    } finally {
      await this.db.client.releaseConnection(connection);
    }
  }
}
