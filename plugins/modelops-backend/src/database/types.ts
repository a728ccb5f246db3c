/*
 * Types of the bulk writer shared by the stores that write many rows at once.
 */

/** What to do when an inserted row hits an existing unique key. */
export interface BulkConflict {
  /** The columns of the unique index or primary key. */
  columns: readonly string[];
  /**
   * Columns replaced by the new row's values; when empty the new row is
   * ignored and the existing one kept.
   */
  update: readonly string[];
}

/** A row as a list of values, in the order of the insert's columns. */
export type BulkRow = readonly unknown[];

/** The statements a bulk write can run inside its transaction. */
export interface BulkSession {
  /** Inserts rows whose values follow `columns`; see {@link BulkConflict}. */
  insert(
    table: string,
    columns: readonly string[],
    rows: readonly BulkRow[],
    conflict?: BulkConflict,
  ): Promise<void>;
  /** Deletes the rows whose `columns` equal one of the given key tuples. */
  deleteKeys(
    table: string,
    columns: readonly string[],
    keys: readonly BulkRow[],
  ): Promise<void>;
  /** Runs one statement with `?` placeholders and no result rows. */
  execute(sql: string, bindings?: readonly unknown[]): Promise<void>;
}

/**
 * Runs bulk writes in one transaction each: everything the work wrote is kept
 * or, when it throws, nothing is.
 */
export interface BulkWriter {
  /**
   * Runs `work` in one transaction. The work must write through the session
   * only: on SQLite the session holds the database's only connection, so a
   * query through another client would wait for it forever.
   */
  transaction<T>(work: (session: BulkSession) => Promise<T>): Promise<T>;
}

/** The part of a better-sqlite3 connection the bulk writer uses. */
export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
}

/** The part of a better-sqlite3 prepared statement the bulk writer uses. */
export interface SqliteStatement {
  run(...bindings: unknown[]): { changes: number };
}
