import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatBillingMonth,
  formatMonth,
  formatRelative,
} from './formatTime';

const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('formatTime', () => {
  it('writes dates one way, calendar dates as the same day in every zone', () => {
    expect(formatDate('2026-12-02')).toBe('2 Dec 2026');
    expect(formatDate('2026-12-02', 'Pacific/Honolulu')).toBe('2 Dec 2026');
    expect(formatDate('2026-12-02T23:30:00Z', 'UTC')).toBe('2 Dec 2026');
    expect(formatDate('2026-12-02T23:30:00Z', 'Europe/Berlin')).toBe(
      '3 Dec 2026',
    );
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('gives the exact time of an instant for hovering', () => {
    expect(formatDateTime('2026-12-02T14:03:00Z', 'UTC')).toBe(
      '2 Dec 2026, 14:03 UTC',
    );
    expect(formatDateTime('2026-11-30')).toBe('30 Nov 2026');
  });

  it('writes months of cost as words', () => {
    expect(formatMonth('2026-10')).toBe('Oct 2026');
    expect(formatMonth('2026-01')).toBe('Jan 2026');
    expect(formatMonth('last month')).toBe('last month');
  });

  it('marks the month still being billed as to date', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(formatBillingMonth('2026-12', now)).toBe('Dec 2026 (to date)');
    expect(formatBillingMonth('2026-11', now)).toBe('Nov 2026');
  });

  it('writes recent times relative to now and older ones not at all', () => {
    expect(formatRelative('2026-12-02T11:59:30Z', NOW)).toBe('just now');
    expect(formatRelative('2026-12-02T11:15:00Z', NOW)).toBe('45 minutes ago');
    expect(formatRelative('2026-12-02T09:00:00Z', NOW)).toBe('3 hours ago');
    expect(formatRelative('2026-11-29T12:00:00Z', NOW)).toBe('3 days ago');
    expect(formatRelative('2026-12-07T12:00:00Z', NOW)).toBe('in 5 days');
    expect(formatRelative('2026-10-01T12:00:00Z', NOW)).toBeUndefined();
    // Calendar dates count whole days.
    expect(formatRelative('2026-12-02', NOW)).toBe('today');
    expect(formatRelative('2026-12-01', NOW)).toBe('yesterday');
    expect(formatRelative('2026-12-03', NOW)).toBe('tomorrow');
    expect(formatRelative('2026-11-30', NOW)).toBe('2 days ago');
    expect(formatRelative('2027-03-01', NOW)).toBeUndefined();
  });

  it('writes ISO 8601 durations in words', () => {
    expect(formatDuration('P7Y')).toBe('7 years');
    expect(formatDuration('P1Y')).toBe('1 year');
    expect(formatDuration('PT24H')).toBe('24 hours');
    expect(formatDuration('PT15M')).toBe('15 minutes');
    expect(formatDuration('P90D')).toBe('90 days');
    expect(formatDuration('P1Y6M')).toBe('1 year 6 months');
    expect(formatDuration('P2W')).toBe('2 weeks');
    expect(formatDuration('P1DT12H')).toBe('1 day 12 hours');
    expect(formatDuration('P1.5Y')).toBe('1.5 years');
    // Not durations: shown as written.
    expect(formatDuration('P')).toBe('P');
    expect(formatDuration('PT')).toBe('PT');
    expect(formatDuration('seven years')).toBe('seven years');
  });
});
