/*
 * observedTimeBounds: the window every time a pipeline says it observed
 * something in must fall in (an evaluation, a monitoring window, a
 * deployment or an incident). Without it a report dated 9999-12-31 stays the
 * "latest" evidence forever and one dated year 0 falls out of every window.
 * Times are compared as instants; the API schemas have already normalised
 * them to UTC.
 */
import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

const HOUR_MS = 60 * 60 * 1000;

/** The accepted window of observed times. */
export interface ObservedTimeBounds {
  /** The earliest time accepted. */
  earliest: Date;
  /** How far past the current time a time may lie (clock skew). */
  maxAheadMs: number;
}

/** Reads `modelops.observedTimes`; default 2000-01-01 to now + 24 hours. */
export function readObservedTimeBounds(
  config: RootConfigService,
): ObservedTimeBounds {
  const earliestText =
    config.getOptionalString('modelops.observedTimes.earliest') ??
    '2000-01-01T00:00:00Z';
  const earliest = new Date(earliestText);
  if (Number.isNaN(earliest.getTime())) {
    throw new Error(
      `modelops.observedTimes.earliest: expected an ISO 8601 date or date-time, got ${earliestText}`,
    );
  }
  const aheadHours =
    config.getOptionalNumber('modelops.observedTimes.maxAheadHours') ?? 24;
  if (!(aheadHours >= 0)) {
    throw new Error(
      `modelops.observedTimes.maxAheadHours: expected a number of hours >= 0, got ${aheadHours}`,
    );
  }
  return { earliest, maxAheadMs: aheadHours * HOUR_MS };
}

/**
 * Checks observed times against the bounds, reporting every field outside.
 *
 * @param times - field name and ISO 8601 time, for example
 *   `{ evaluatedAt: body.evaluatedAt }`
 * @throws InputError (400) naming each field outside the window
 */
export function assertObservedTimes(
  bounds: ObservedTimeBounds,
  now: Date,
  times: Record<string, string>,
): void {
  const latest = new Date(now.getTime() + bounds.maxAheadMs);
  const problems = Object.entries(times)
    .filter(([, value]) => {
      const at = Date.parse(value);
      return !(at >= bounds.earliest.getTime()) || at > latest.getTime();
    })
    .map(
      ([field, value]) =>
        `${field}: must lie between ${bounds.earliest.toISOString()} and ${latest.toISOString()} (modelops.observedTimes), got ${value}`,
    );
  if (problems.length > 0) {
    throw new InputError(`Invalid body: ${problems.join('; ')}`);
  }
}
