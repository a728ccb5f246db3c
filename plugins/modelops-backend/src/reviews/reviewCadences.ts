/*
 * Review cadences: which entities are reviewed how often, read from
 * `modelops.reviews.cadences`, and the calendar arithmetic that maps a moment
 * to the period a cadence is in. Periods are aligned to the Unix epoch in
 * whole calendar months (P3M gives calendar quarters, P6M half years) or in
 * whole days, so every replica computes the same period without coordination.
 */
import type { Config } from '@backstage/config';
import type { CalendarDuration, ReviewCadence, ReviewPeriod } from './types';

/** Cadences used when the config declares none. */
export const DEFAULT_REVIEW_CADENCES = [
  {
    kind: 'MLModel',
    lifecycles: ['production'],
    every: 'P3M',
    dueAfter: 'P14D',
  },
  {
    kind: 'Dataset',
    lifecycles: ['production'],
    every: 'P6M',
    dueAfter: 'P30D',
  },
];

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Parses the date part of an ISO 8601 duration (`P3M`, `P1Y`, `P2W`, `P14D`).
 * Years and months become calendar months, weeks become days.
 *
 * @returns undefined when the text is not such a duration or is zero
 */
export function parseCalendarDuration(
  text: string,
): CalendarDuration | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === 'P') {
    return undefined;
  }
  const [years, months, weeks, days] = match.slice(1).map(v => Number(v ?? 0));
  const duration = { months: years * 12 + months, days: weeks * 7 + days };
  if (duration.months === 0 && duration.days === 0) {
    return undefined;
  }
  return duration;
}

/** Adds a calendar duration to a moment, in UTC. */
export function addCalendarDuration(
  date: Date,
  duration: CalendarDuration,
): Date {
  const result = new Date(date.getTime());
  if (duration.months) {
    result.setUTCMonth(result.getUTCMonth() + duration.months);
  }
  if (duration.days) {
    result.setUTCDate(result.getUTCDate() + duration.days);
  }
  return result;
}

/** The period of a cadence that contains `now`. */
export function reviewPeriodAt(
  cadence: ReviewCadence,
  now: Date,
): ReviewPeriod {
  let start: Date;
  if (cadence.every.months > 0 && cadence.every.days === 0) {
    const monthIndex = (now.getUTCFullYear() - 1970) * 12 + now.getUTCMonth();
    const first = monthIndex - (monthIndex % cadence.every.months);
    start = new Date(Date.UTC(1970 + Math.floor(first / 12), first % 12, 1));
  } else {
    // Mixed durations (P1M2D) have no calendar grid; they are stepped in
    // their length in days, taking a month as 30 days.
    const lengthDays = cadence.every.months * 30 + cadence.every.days;
    const dayIndex = Math.floor(now.getTime() / DAY_MS);
    start = new Date((dayIndex - (dayIndex % lengthDays)) * DAY_MS);
  }
  const end =
    cadence.every.months > 0 && cadence.every.days === 0
      ? addCalendarDuration(start, cadence.every)
      : new Date(
          start.getTime() +
            (cadence.every.months * 30 + cadence.every.days) * DAY_MS,
        );
  const due = addCalendarDuration(start, cadence.dueAfter);
  return {
    label: start.toISOString().slice(0, 10),
    start: start.toISOString(),
    end: end.toISOString(),
    dueAt: (due < end ? due : end).toISOString(),
  };
}

function readDuration(
  config: Config,
  key: string,
  path: string,
): CalendarDuration {
  const text = config.getString(key);
  const duration = parseCalendarDuration(text);
  if (!duration) {
    throw new Error(
      `${path}.${key}: expected a non-zero ISO 8601 duration such as P3M or P14D, got "${text}"`,
    );
  }
  return duration;
}

/** The stable key of a cadence, used to tell its cycles apart. */
export function reviewCadenceKey(kind: string, lifecycles: string[]): string {
  return `${kind}:${[...lifecycles].sort().join('+')}`;
}

/**
 * Reads `modelops.reviews.cadences`, or the defaults when it is absent.
 *
 * @throws Error naming the config key when a cadence is malformed
 */
export function readReviewCadences(config: Config): ReviewCadence[] {
  const configured = config.getOptionalConfigArray('modelops.reviews.cadences');
  const entries: Array<{ config: Config; path: string }> = configured
    ? configured.map((c, i) => ({
        config: c,
        path: `modelops.reviews.cadences[${i}]`,
      }))
    : [];
  const cadences: ReviewCadence[] = [];
  if (!configured) {
    for (const d of DEFAULT_REVIEW_CADENCES) {
      cadences.push({
        key: reviewCadenceKey(d.kind, d.lifecycles),
        kind: d.kind,
        lifecycles: d.lifecycles,
        every: parseCalendarDuration(d.every)!,
        dueAfter: parseCalendarDuration(d.dueAfter)!,
      });
    }
    return cadences;
  }
  const seen = new Set<string>();
  for (const { config: c, path } of entries) {
    const kind = c.getString('kind');
    const lifecycles = c.getStringArray('lifecycles');
    if (lifecycles.length === 0) {
      throw new Error(`${path}.lifecycles: must list at least one lifecycle`);
    }
    const key = reviewCadenceKey(kind, lifecycles);
    if (seen.has(key)) {
      throw new Error(`${path}: a cadence for ${key} is already declared`);
    }
    seen.add(key);
    cadences.push({
      key,
      kind,
      lifecycles,
      every: readDuration(c, 'every', path),
      dueAfter: readDuration(c, 'dueAfter', path),
    });
  }
  return cadences;
}
