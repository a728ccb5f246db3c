import fc from 'fast-check';
import { pageOf } from './pageOf';

describe('pageOf', () => {
  it('keeps the total, never returns more than the limit, and pages cover every item once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 300 }),
        fc.integer({ min: 1, max: 100 }),
        (items, limit) => {
          const seen: number[] = [];
          for (let offset = 0; offset < items.length; offset += limit) {
            const page = pageOf(items, { offset, limit });
            expect(page.total).toBe(items.length);
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items);
          }
          expect(seen).toEqual(items);
        },
      ),
    );
  });
});
