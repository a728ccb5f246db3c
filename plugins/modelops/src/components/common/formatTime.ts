/*
 * The one way ModelOps pages write dates, months and durations: "2 Dec 2026",
 * "Dec 2026", "7 years", and "3 days ago" for what is recent. Pages printed
 * four formats for the same day (12/2/2026, 02/12/2026, 2026-12-02, locale
 * strings) and ISO durations as typed in YAML (P7Y, PT24H).
 *
 * A calendar date without a time (`2026-11-30`, a due date or a day of cost)
 * is read and written in UTC, so it stays the same day in every time zone;
 * an instant (`2026-11-30T14:03:00Z`) is written in the reader's zone.
 */

const DAY_MS = 86_400_000;
/** Up to this far back or ahead a time is written relative to now. */
export const RELATIVE_WITHIN_DAYS = 30;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_ONLY = /^(\d{4})-(\d{2})$/;

const dateOptions: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
};

/** A time as the helpers accept it: an ISO string, a Date or epoch ms. */
export type TimeInput = string | number | Date;

function isDateOnly(value: TimeInput): value is string {
  return typeof value === 'string' && DATE_ONLY.test(value);
}

/** The instant, or undefined when the value is not a time. */
export function parseTime(value: TimeInput): Date | undefined {
  const date =
    value instanceof Date
      ? value
      : new Date(isDateOnly(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "2 Dec 2026"; a value that is not a time is returned as it is. */
export function formatDate(value: TimeInput, timeZone?: string): string {
  const date = parseTime(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat('en-GB', {
    ...dateOptions,
    timeZone: isDateOnly(value) ? 'UTC' : timeZone,
  }).format(date);
}

/**
 * "2 Dec 2026, 14:03 UTC" for an instant, the date alone for a calendar
 * date: the exact form shown on hover.
 */
export function formatDateTime(value: TimeInput, timeZone?: string): string {
  const date = parseTime(value);
  if (!date) return String(value);
  if (isDateOnly(value)) return formatDate(value);
  return new Intl.DateTimeFormat('en-GB', {
    ...dateOptions,
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(date);
}

/** "Dec 2026" for `2026-12` (a month of cost); other values as they are. */
export function formatMonth(month: string): string {
  const match = MONTH_ONLY.exec(month);
  if (!match) return month;
  return new Intl.DateTimeFormat('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/**
 * A billing month as {@link formatMonth} writes it, marked "(to date)" when
 * it is the current UTC month: that month is still being billed, so its
 * short bar is the month so far, not a drop in spend.
 */
export function formatBillingMonth(month: string, now = new Date()): string {
  return month === now.toISOString().slice(0, 7)
    ? `${formatMonth(month)} (to date)`
    : formatMonth(month);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "3 hours ago", "yesterday", "in 5 days" when the time is within
 * {@link RELATIVE_WITHIN_DAYS} days of now; undefined further away or for a
 * value that is not a time. Calendar dates count whole days ("today").
 */
export function formatRelative(
  value: TimeInput,
  now: number = Date.now(),
): string | undefined {
  const date = parseTime(value);
  if (!date) return undefined;
  if (isDateOnly(value)) {
    const today = Math.floor(now / DAY_MS);
    const days = Math.round(date.getTime() / DAY_MS) - today;
    return Math.abs(days) > RELATIVE_WITHIN_DAYS
      ? undefined
      : relative.format(days, 'day');
  }
  const ms = date.getTime() - now;
  const abs = Math.abs(ms);
  if (abs > RELATIVE_WITHIN_DAYS * DAY_MS) return undefined;
  if (abs < 60_000) return 'just now';
  if (abs < 3_600_000)
    return relative.format(Math.round(ms / 60_000), 'minute');
  if (abs < DAY_MS) return relative.format(Math.round(ms / 3_600_000), 'hour');
  return relative.format(Math.round(ms / DAY_MS), 'day');
}

const DURATION =
  /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?!$)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;
const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];

/**
 * An ISO 8601 duration in words: P7Y is "7 years", PT24H "24 hours",
 * P1Y6M "1 year 6 months". A value that is not one is returned as it is.
 */
export function formatDuration(value: string): string {
  const match = DURATION.exec(value.trim());
  if (!match) return value;
  const parts = match
    .slice(1)
    .map((amount, index) => {
      if (amount === undefined) return undefined;
      const n = Number(amount.replace(',', '.'));
      return `${n} ${UNITS[index]}${n === 1 ? '' : 's'}`;
    })
    .filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' ') : value;
}
