/*
 * storedTime: the one form every time column holds, UTC ISO 8601 text of
 * one width (`YYYY-MM-DDTHH:mm:ss.sssZ`), as `Date#toISOString` writes the
 * years 0000 to 9999. Comparing such text compares the instants, on SQLite
 * and PostgreSQL and under any collation, which is what lets the stores
 * order by and compare time columns as text (see docs/architecture.md,
 * "Time"). Outside those years toISOString writes `+010000-...`, which sorts
 * before every other time; such times are refused here.
 */
import { InputError } from '@backstage/errors';

const FIXED_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Whether a text is a time in the stored form. */
export function isStoredTime(text: string): boolean {
  return FIXED_FORM.test(text);
}

/**
 * The stored form of a time a client sent (a day or a date-time with any
 * offset, already checked to be one).
 *
 * @param field - the request field, for the message
 * @throws InputError (400) naming the field when the instant falls outside
 *   the years 0000 to 9999 in UTC
 */
export function toStoredTime(value: string, field: string): string {
  const ms = Date.parse(value);
  const text = Number.isNaN(ms) ? 'no time' : new Date(ms).toISOString();
  if (!isStoredTime(text)) {
    throw new InputError(
      `Invalid body: ${field}: must fall within the years 0000 to 9999 in UTC; ${value} is ${text}`,
    );
  }
  return text;
}
