/*
 * The review cycle the store and fact tests open: production models, the
 * quarter starting 1 October 2026, due on 15 October.
 */
import type { NewReviewCycle } from '../types';

/** The 2026-Q4 cycle of production MLModels. */
export const modelReviewCycle: NewReviewCycle = {
  cadence: 'MLModel:production',
  kind: 'MLModel',
  lifecycles: ['production'],
  period: {
    label: '2026-10-01',
    start: '2026-10-01T00:00:00.000Z',
    end: '2027-01-01T00:00:00.000Z',
    dueAt: '2026-10-15T00:00:00.000Z',
  },
};
