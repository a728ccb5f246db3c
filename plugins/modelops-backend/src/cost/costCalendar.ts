/*
 * costCalendar: UTC day and month arithmetic on ISO strings. Cost days are
 * calendar days of the billing source, so no local time zone may shift them.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** YYYY-MM-DD of a date in UTC. */
export function toIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The ISO day `days` after (or before, when negative) the given one. */
export function addDays(day: string, days: number): string {
  return toIsoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS,
  );
}

/** Number of days in a YYYY-MM month. */
export function daysInMonth(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

/** The YYYY-MM month `offset` months after the given one. */
export function addMonths(month: string, offset: number): string {
  const [year, monthNumber] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, monthNumber - 1 + offset, 1));
  return date.toISOString().slice(0, 7);
}

/**
 * The last `count` months ending with the month of `today`, oldest first,
 * with the inclusive day range they cover (up to today).
 */
export function monthWindow(
  today: string,
  count: number,
): { months: string[]; from: string; to: string } {
  const current = today.slice(0, 7);
  const months: string[] = [];
  for (let offset = count - 1; offset >= 0; offset--) {
    months.push(addMonths(current, -offset));
  }
  return { months, from: `${months[0]}-01`, to: today };
}
