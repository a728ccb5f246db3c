/*
 * chargePeriod: the days a billing line's charge period covers. Exports
 * write times as ISO 8601 (`2026-10-01T00:00:00Z`, FOCUS and CUR), as
 * `2026-10-01 00:00:00 UTC` (Google Cloud) or as days; a period ends
 * exclusively. A line whose period spans several UTC days (a monthly fee, a
 * usage line from noon to noon) is spread over them in proportion to the
 * time it covers on each, exactly: the parts are integers of 10^-12 that
 * add up to the line's amount.
 */
import type { Exact } from '../money';

const DAY_MS = 86_400_000;
const CACHE_LIMIT = 10_000;
const timeCache = new Map<string, number | undefined>();
const dayCache = new Map<number, string>();

const TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

/**
 * Milliseconds since the epoch of an export's time, or undefined when it is
 * not a date or date-time. A time without a zone is UTC, as billing exports
 * are.
 */
export function parseChargeTime(text: string): number | undefined {
  // An hourly export repeats a few hundred distinct times a month.
  if (timeCache.has(text)) return timeCache.get(text);
  const ms = parseUncached(text);
  if (timeCache.size >= CACHE_LIMIT) timeCache.clear();
  timeCache.set(text, ms);
  return ms;
}

function parseUncached(text: string): number | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const [, day, hours = '00', minutes = '00', seconds = '00', fraction, zone] =
    match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
    return undefined;
  }
  const [year, month, date] = day.split('-').map(Number);
  // Date rolls 2026-02-30 over to March 2; such a day is not a day.
  if (dayOf(Date.UTC(year, month - 1, date)) !== day) return undefined;
  let ms = Date.UTC(
    year,
    month - 1,
    date,
    Number(hours),
    Number(minutes),
    Number(seconds),
    fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0,
  );
  if (zone && /^[+-]/.test(zone)) {
    const digits = zone.replace(':', '');
    const offset =
      (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
    ms -= zone.startsWith('-') ? -offset : offset;
  }
  return ms;
}

function dayOf(ms: number): string {
  const index = Math.floor(ms / DAY_MS);
  let day = dayCache.get(index);
  if (day === undefined) {
    day = new Date(index * DAY_MS).toISOString().slice(0, 10);
    if (dayCache.size >= CACHE_LIMIT) dayCache.clear();
    dayCache.set(index, day);
  }
  return day;
}

/** One day's part of a line. */
export interface DayShare {
  day: string;
  amount: Exact;
  /** The share of the line's usage quantity. */
  fraction: number;
}

/**
 * Splits an amount over the days of a period. Periods longer than
 * `maxDays` (the upfront purchase of a term) count on their first day,
 * as they were billed.
 *
 * @param end exclusive; undefined or not after `start` means the start day
 */
export function spreadOverDays(
  start: number,
  end: number | undefined,
  amount: Exact,
  maxDays: number,
): DayShare[] {
  const firstDay = Math.floor(start / DAY_MS);
  const lastDay = end === undefined ? firstDay : Math.ceil(end / DAY_MS) - 1;
  if (end === undefined || end <= start || lastDay === firstDay) {
    return [{ day: dayOf(start), amount, fraction: 1 }];
  }
  if (lastDay - firstDay + 1 > maxDays) {
    return [{ day: dayOf(start), amount, fraction: 1 }];
  }
  const total = BigInt(end - start);
  const shares: DayShare[] = [];
  let given = 0n;
  for (let d = firstDay; d <= lastDay; d++) {
    const from = Math.max(start, d * DAY_MS);
    const to = Math.min(end, (d + 1) * DAY_MS);
    const covered = BigInt(to - from);
    // The last day takes what the others' truncated shares left, so the
    // parts always add up to the whole.
    const part = d === lastDay ? amount - given : (amount * covered) / total;
    given += part;
    shares.push({
      day: dayOf(d * DAY_MS),
      amount: part,
      fraction: (to - from) / (end - start),
    });
  }
  return shares;
}
