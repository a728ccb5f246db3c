/*
 * isStoredId: whether a path parameter can be the id of a row. Ids are
 * bigint; anything else cannot exist and must not reach PostgreSQL, which
 * would reject the cast with an error (a 500) instead of finding nothing
 * (a 404). Shared by every store whose rows have bigint ids.
 */
const ID_PATTERN = /^[1-9]\d{0,17}$/;

/** True when `id` is a positive integer that fits a bigint column. */
export function isStoredId(id: string): boolean {
  return ID_PATTERN.test(id);
}
