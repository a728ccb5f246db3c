/*
 * chunks: splits rows to insert, or refs to read with `IN (...)`, into
 * statements of bounded size. Every store needs this to stay below SQLite's
 * limit of bound parameters per statement, and one copy keeps the stores
 * from drifting apart in how they do it.
 */

/** Consecutive slices of at most `size` items, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
