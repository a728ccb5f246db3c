import { mockServices } from '@backstage/backend-test-utils';
import {
  checkMonthlyTotals,
  MONTHLY_TOTALS_TASK_ID,
  scheduleMonthlyTotalsCheck,
} from './scheduleMonthlyTotalsCheck';
import type { CostStore } from './types';

function storeWith(
  mismatches: Awaited<ReturnType<CostStore['verifyMonthlyTotals']>>,
) {
  return {
    verifyMonthlyTotals: jest.fn().mockResolvedValue(mismatches),
    rebuildMonthlyTotals: jest.fn().mockResolvedValue(3),
  } as unknown as jest.Mocked<CostStore>;
}

describe('scheduleMonthlyTotalsCheck', () => {
  it('rebuilds only when a total differs, naming what differed', async () => {
    const logger = mockServices.logger.mock();
    const clean = storeWith([]);
    await expect(checkMonthlyTotals({ store: clean, logger })).resolves.toBe(0);
    expect(clean.rebuildMonthlyTotals).not.toHaveBeenCalled();

    const broken = storeWith([
      {
        month: '2026-10',
        entityRef: 'mlmodel:default/fraud-detector',
        category: 'inference',
        storedMicros: 0n,
        recordsMicros: 1_234_560_000n,
      },
    ]);
    await expect(checkMonthlyTotals({ store: broken, logger })).resolves.toBe(
      1,
    );
    expect(broken.rebuildMonthlyTotals).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      '1 monthly cost totals differ from their records (2026-10 mlmodel:default/fraud-detector inference: stored 0, records 1234.56); rebuilding them',
    );
  });

  it('registers a daily task with a fixed id', async () => {
    const scheduler = mockServices.scheduler.mock();
    await scheduleMonthlyTotalsCheck({
      store: storeWith([]),
      logger: mockServices.logger.mock(),
      scheduler,
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: MONTHLY_TOTALS_TASK_ID,
        frequency: { hours: 24 },
      }),
    );
  });
});
