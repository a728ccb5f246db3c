import { ConfigReader } from '@backstage/config';
import {
  parseCalendarDuration,
  readReviewCadences,
  reviewPeriodAt,
} from './reviewCadences';

describe('reviewCadences', () => {
  it('parses the date part of ISO 8601 durations', () => {
    expect(parseCalendarDuration('P3M')).toEqual({ months: 3, days: 0 });
    expect(parseCalendarDuration('P1Y2M')).toEqual({ months: 14, days: 0 });
    expect(parseCalendarDuration('P2W3D')).toEqual({ months: 0, days: 17 });
    for (const bad of ['P', 'P0D', '3M', 'PT1H', 'P1.5M', 'quarterly']) {
      expect(parseCalendarDuration(bad)).toBeUndefined();
    }
  });

  it('maps a moment to calendar-aligned periods', () => {
    const [models] = readReviewCadences(new ConfigReader({}));
    expect(models).toMatchObject({
      key: 'MLModel:production',
      every: { months: 3, days: 0 },
    });
    expect(reviewPeriodAt(models, new Date('2026-11-27T10:00:00Z'))).toEqual({
      label: '2026-10-01',
      start: '2026-10-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
      dueAt: '2026-10-15T00:00:00.000Z',
    });
    expect(reviewPeriodAt(models, new Date('2026-12-31T23:59:59Z')).label).toBe(
      '2026-10-01',
    );
    expect(reviewPeriodAt(models, new Date('2027-01-01T00:00:00Z')).label).toBe(
      '2027-01-01',
    );

    const [biweekly] = readReviewCadences(
      new ConfigReader({
        modelops: {
          reviews: {
            cadences: [
              {
                kind: 'Dataset',
                lifecycles: ['production', 'staging'],
                every: 'P2W',
                dueAfter: 'P1M',
              },
            ],
          },
        },
      }),
    );
    expect(biweekly.key).toBe('Dataset:production+staging');
    const period = reviewPeriodAt(biweekly, new Date('2026-11-27T10:00:00Z'));
    expect(Date.parse(period.end) - Date.parse(period.start)).toBe(
      14 * 86_400_000,
    );
    // A due date beyond the period end is capped at the end.
    expect(period.dueAt).toBe(period.end);
  });

  it('names the config key of a malformed cadence', () => {
    const read = (cadence: object) => () =>
      readReviewCadences(
        new ConfigReader({ modelops: { reviews: { cadences: [cadence] } } }),
      );
    expect(
      read({
        kind: 'MLModel',
        lifecycles: ['production'],
        every: 'quarterly',
        dueAfter: 'P14D',
      }),
    ).toThrow(
      'modelops.reviews.cadences[0].every: expected a non-zero ISO 8601 duration such as P3M or P14D, got "quarterly"',
    );
    expect(
      read({ kind: 'MLModel', lifecycles: [], every: 'P3M', dueAfter: 'P14D' }),
    ).toThrow(
      'modelops.reviews.cadences[0].lifecycles: must list at least one lifecycle',
    );
  });
});
