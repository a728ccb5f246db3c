/*
 * withoutUndefined: API objects read back from rows leave out absent
 * optional fields rather than carrying `undefined`, so that they compare and
 * serialise the same as what was sent. The stores map nullable columns with
 * `row.column ?? undefined` and pass the object through here.
 */

/** A copy of `value` without the keys whose value is undefined. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
