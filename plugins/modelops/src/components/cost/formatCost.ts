/**
 * The backend's reporting currency when `modelops.cost.currency` is not set,
 * for views that have no amount to read it from yet.
 */
export const DEFAULT_CURRENCY = 'USD';

/**
 * An amount with its currency, as every cost figure is written ($1,234,
 * €980, CA$12.50), without cents above 1,000.
 */
export function formatCost(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: Math.abs(amount) >= 1000 ? 0 : 2,
  }).format(amount);
}
