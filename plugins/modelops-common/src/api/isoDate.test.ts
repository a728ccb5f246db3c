import fc from 'fast-check';
import {
  campaignCreateRequestSchema,
  waiverCreateRequestSchema,
} from './scorecards';
import { costRecordInputSchema } from './cost';
import { evaluationReportInputSchema } from './evidence';
import { deliveryEventInputSchema } from './delivery';
import {
  isCalendarDay,
  isoDateOrDateTimeSchema,
  isoDateTimeSchema,
  isoDaySchema,
} from './isoDate';

describe('isoDate', () => {
  it('knows the days of the calendar', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2000-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('1900-02-29')).toBe(false);
    expect(isCalendarDay('2026-04-31')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-00-10')).toBe(false);
    expect(isCalendarDay('2026-1-1')).toBe(false);
    expect(isCalendarDay('March 7, 2026')).toBe(false);
  });

  it('agrees with the calendar for every day of four centuries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2300 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const value = `${year}-${String(month).padStart(2, '0')}-${String(
            day,
          ).padStart(2, '0')}`;
          const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
          expect(isCalendarDay(value)).toBe(day <= daysInMonth);
        },
      ),
    );
  });

  it('parses days, date-times and either', () => {
    expect(
      isoDaySchema().safeParse('2026-02-30').error?.issues[0].message,
    ).toBe('not a calendar day');
    expect(isoDateTimeSchema().parse('2026-03-01T10:00:00+02:00')).toBe(
      '2026-03-01T08:00:00.000Z',
    );
    for (const bad of [
      '2026-02-30T10:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01',
      '2026-03-01T10:00:00',
    ]) {
      expect(isoDateTimeSchema().safeParse(bad).error?.issues[0].message).toBe(
        'expected an ISO 8601 date-time',
      );
    }
    expect(
      isoDateTimeSchema().safeParse('9999-12-31T23:59:59-23:59').error
        ?.issues[0].message,
    ).toBe(
      'must fall within the years 0000 to 9999 in UTC; 9999-12-31T23:59:59-23:59 is +010000-01-01T23:58:59.000Z',
    );
    const either = isoDateOrDateTimeSchema();
    expect(either.parse('2026-12-01')).toBe('2026-12-01');
    expect(either.parse('2026-12-01T00:00:00.000Z')).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    expect(either.safeParse('2026-02-30').error?.issues[0].message).toBe(
      'must be an ISO 8601 date or date-time of a calendar day; 2026-02-30 does not exist',
    );
    expect(either.safeParse('soon').error?.issues[0].message).toBe(
      'must be an ISO 8601 date or date-time',
    );
  });

  it('refuses impossible dates in every API schema that takes one', () => {
    const campaign = campaignCreateRequestSchema.safeParse({
      title: 'Owners',
      checkIds: ['ownership.owner-group'],
      dueDate: '2026-02-30',
      owner: 'group:default/ml',
    });
    expect(campaign.error?.issues.map(i => i.path.join('.'))).toEqual([
      'dueDate',
    ]);
    const waiver = waiverCreateRequestSchema.safeParse({
      entityRef: 'mlmodel:default/churn',
      checkId: 'ownership.owner-group',
      reason: 'Reorganisation this quarter',
      expiresAt: '2026-04-31T00:00:00Z',
    });
    expect(waiver.error?.issues.map(i => i.path.join('.'))).toEqual([
      'expiresAt',
    ]);
    const cost = costRecordInputSchema.safeParse({
      entityRef: 'mlmodel:default/churn',
      day: '2025-02-29',
      category: 'inference',
      amount: 1,
      currency: 'USD',
    });
    expect(cost.error?.issues.map(i => i.path.join('.'))).toEqual(['day']);
    const evaluation = evaluationReportInputSchema.safeParse({
      modelRef: 'mlmodel:default/churn',
      modelVersion: '3',
      datasetRef: 'dataset:default/churn-events',
      evaluatedAt: '2026-02-30T00:00:00Z',
      metrics: [{ name: 'auc', value: 0.9 }],
    });
    expect(evaluation.error?.issues.map(i => i.path.join('.'))).toEqual([
      'evaluatedAt',
    ]);
    const delivery = deliveryEventInputSchema.safeParse({
      entityRef: 'mlmodel:default/churn',
      type: 'deployment',
      at: '2026-06-31T10:00:00Z',
    });
    expect(delivery.error?.issues.map(i => i.path.join('.'))).toEqual(['at']);
  });
});
