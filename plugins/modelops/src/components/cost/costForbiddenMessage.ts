/**
 * What a user who may not read cost is told: cost is readable by the
 * owning team and the finance group (costReadPermission), so a refusal is
 * the expected answer for everyone else, not an error.
 */
export const COST_FORBIDDEN_MESSAGE =
  'Cost is visible to the owning team and finance.';
