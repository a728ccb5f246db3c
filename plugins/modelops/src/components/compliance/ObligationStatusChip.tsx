import type { ObligationStatus } from '@modelops/plugin-modelops-common';
import Chip from '@mui/material/Chip';

const LABELS: Record<
  ObligationStatus,
  { label: string; color: 'success' | 'error' | 'default' | 'warning' }
> = {
  met: { label: 'Met', color: 'success' },
  failing: { label: 'Failing', color: 'error' },
  'not-evidenced': { label: 'Not evidenced', color: 'warning' },
  'not-applicable': { label: 'Not applicable', color: 'default' },
};

/** The status of an obligation in words and colour. */
export function ObligationStatusChip(props: { status: ObligationStatus }) {
  const { label, color } = LABELS[props.status];
  return <Chip size="small" label={label} color={color} variant="outlined" />;
}

/** "Applies now" or "From 2 Dec 2027 (365 days)"; "Voluntary" without a date. */
export function appliesText(appliesFrom?: string, daysLeft?: number): string {
  if (!appliesFrom) return 'Voluntary';
  if (daysLeft === undefined || daysLeft === 0) return 'Applies now';
  const date = new Date(`${appliesFrom}T00:00:00Z`).toLocaleDateString(
    'en-GB',
    { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  );
  return `From ${date} (${daysLeft} days)`;
}
