import type { ObligationStatus } from '@modelops/plugin-modelops-common';
import Chip from '@mui/material/Chip';
import { formatDate } from '../common/formatTime';

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
  return `From ${formatDate(appliesFrom)} (${daysLeft} days)`;
}
