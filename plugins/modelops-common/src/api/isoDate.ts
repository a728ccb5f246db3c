/*
 * isoDate: the date parsers every API schema shares. `Date.parse` is not a
 * validator: V8 rolls 2026-02-30 over to March 2 and accepts free text such
 * as "March 7", so a date is accepted only when its day survives a round
 * trip through Date (2026-02-30 comes back as 2026-03-02 and is refused).
 */
import { z } from 'zod';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether `value` is a `YYYY-MM-DD` day of the calendar: 2026-02-28 and
 * 2024-02-29 are, 2026-02-30 and 2025-02-29 are not.
 *
 * @public
 */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
  );
}

// zod checks the form and range of every part of a date-time; the day is
// checked again here so that every parser shares one definition of a day.
const dateTimeForm = z.iso.datetime({ offset: true });

function isDateTime(value: string): boolean {
  return (
    dateTimeForm.safeParse(value).success && isCalendarDay(value.slice(0, 10))
  );
}

/**
 * A calendar day written `YYYY-MM-DD`.
 *
 * @public
 */
export function isoDaySchema(
  messages: { format?: string; calendar?: string } = {},
) {
  return z
    .string()
    .regex(DAY, messages.format ?? 'expected a day as YYYY-MM-DD')
    .refine(isCalendarDay, {
      message: messages.calendar ?? 'not a calendar day',
    });
}

// The normalised form, 24 characters. An offset can push a year-9999 time
// into year 10000 (`9999-12-31T23:59:59-23:59`), which toISOString writes as
// `+010000-...`: refused, so every stored time has this one width.
const UTC_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * An ISO 8601 date-time with `Z` or an offset, normalised to UTC ISO 8601
 * with milliseconds (`YYYY-MM-DDTHH:mm:ss.sssZ`) so that equal instants
 * compare equal. An offset that moves the instant out of the years 0000 to
 * 9999 in UTC is refused. The backend bounds observed times further
 * (`modelops.observedTimes`).
 *
 * @public
 */
export function isoDateTimeSchema() {
  return z
    .string()
    .refine(isDateTime, { message: 'expected an ISO 8601 date-time' })
    .transform((value, ctx) => {
      const utc = new Date(value).toISOString();
      if (!UTC_FORM.test(utc)) {
        ctx.addIssue({
          code: 'custom',
          message: `must fall within the years 0000 to 9999 in UTC; ${value} is ${utc}`,
        });
        return z.NEVER;
      }
      return utc;
    });
}

/**
 * A calendar day (`YYYY-MM-DD`, midnight UTC) or an ISO 8601 date-time with
 * `Z` or an offset, as date inputs and `toISOString()` produce them. Kept as
 * sent; `new Date(value)` reads both forms as the same instant everywhere.
 *
 * @public
 */
export function isoDateOrDateTimeSchema() {
  return z.string().superRefine((value, ctx) => {
    if (isCalendarDay(value) || isDateTime(value)) return;
    const looksLikeDate = /^\d{4}-\d{2}-\d{2}/.test(value);
    ctx.addIssue({
      code: 'custom',
      message:
        looksLikeDate && !isCalendarDay(value.slice(0, 10))
          ? `must be an ISO 8601 date or date-time of a calendar day; ${value.slice(
              0,
              10,
            )} does not exist`
          : 'must be an ISO 8601 date or date-time',
    });
  });
}
