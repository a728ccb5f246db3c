/*
 * idempotentInsert: inserts one row unless a row with the same unique key
 * already exists. The existing row is returned when its fingerprint equals the
 * new one (a retry of the same request); a ConflictError (409) is thrown when
 * the key was used for a different payload. Uses INSERT ... ON CONFLICT DO
 * NOTHING, so two concurrent retries cannot fail on the unique index, and
 * works the same on SQLite and PostgreSQL. Call it inside a transaction when
 * child rows follow, so that nothing is half-written.
 */
import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';

/** Arguments of {@link idempotentInsert}. */
export interface IdempotentInsertOptions<TRow extends object> {
  /** Table with a unique index over `keyColumns`. */
  table: string;
  /** The row to insert, including the key and fingerprint columns. */
  row: TRow;
  /** Columns of the unique index that identifies a request. */
  keyColumns: ReadonlyArray<keyof TRow & string>;
  /** Column holding a fingerprint of the payload (see payloadFingerprint). */
  fingerprintColumn: keyof TRow & string;
  /** Names the key in the conflict message, for example `idempotencyKey "k1"`. */
  describeKey: string;
}

/** Outcome of {@link idempotentInsert}. */
export interface IdempotentInsertResult<TRow> {
  /** True when this call inserted the row, false for a replayed request. */
  created: boolean;
  /** The stored row (freshly inserted or found). */
  row: TRow;
}

/**
 * Inserts a row once per unique key.
 *
 * @throws ConflictError when the key exists with a different fingerprint
 */
export async function idempotentInsert<TRow extends object>(
  db: Knex | Knex.Transaction,
  options: IdempotentInsertOptions<TRow>,
): Promise<IdempotentInsertResult<TRow>> {
  const { table, row, keyColumns, fingerprintColumn } = options;
  const inserted = await db(table)
    .insert(row)
    .onConflict([...keyColumns])
    .ignore()
    .returning('*');
  if (inserted.length > 0) {
    return { created: true, row: inserted[0] as TRow };
  }
  const where = Object.fromEntries(keyColumns.map(c => [c, row[c]]));
  const existing = (await db(table).where(where).first()) as TRow | undefined;
  if (!existing) {
    // Only possible if the conflicting row was deleted in between.
    throw new ConflictError(
      `${options.describeKey} is being written concurrently; retry`,
    );
  }
  if (existing[fingerprintColumn] !== row[fingerprintColumn]) {
    throw new ConflictError(
      `${options.describeKey} was already used for a different payload`,
    );
  }
  return { created: false, row: existing };
}
