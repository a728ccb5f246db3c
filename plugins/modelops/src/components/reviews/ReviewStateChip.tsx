import Chip from '@mui/material/Chip';
import type { ReviewItemState } from '@modelops/plugin-modelops-common';

const LABELS: Record<ReviewItemState, string> = {
  pending: 'Pending',
  kept: 'Kept',
  'transfer-pending': 'Transfer pending',
  transferred: 'Transferred',
  retired: 'Retired',
};

const COLORS: Record<
  ReviewItemState,
  'default' | 'success' | 'info' | 'warning' | 'error'
> = {
  pending: 'default',
  kept: 'success',
  'transfer-pending': 'info',
  transferred: 'success',
  retired: 'warning',
};

/** The state of a review item, red when it is overdue. */
export function ReviewStateChip(props: {
  state: ReviewItemState;
  overdue?: boolean;
}) {
  const { state, overdue } = props;
  return (
    <Chip
      size="small"
      label={overdue ? `${LABELS[state]} · overdue` : LABELS[state]}
      color={overdue ? 'error' : COLORS[state]}
      variant={state === 'pending' && !overdue ? 'outlined' : 'filled'}
    />
  );
}
