import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { Waiver } from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { describeError } from '../reviews/describeError';
import type { Viewer } from '../common/useViewer';
import { scorecardApiRef } from '../../api/scorecardApiRef';

/** Props of {@link WaiverDecision}. */
export interface WaiverDecisionProps {
  waiver: Waiver;
  /** The waiver approval permission, as the permission framework answers. */
  canDecide: boolean;
  viewer: Viewer | undefined;
  onDecided(): void;
}

/**
 * What the viewer can do about a pending waiver: approve or reject it when
 * they may decide waivers and did not request it (the backend's two-person
 * rule), otherwise a line saying who decides.
 */
export function WaiverDecision(props: WaiverDecisionProps) {
  const { waiver, canDecide, viewer, onDecided } = props;
  const api = useApi(scorecardApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  if (waiver.status !== 'pending') return null;
  const own = viewer?.isMe(waiver.requestedBy) ?? false;

  if (!canDecide || own) {
    return (
      <Typography
        variant="caption"
        color="text.secondary"
        sx={{ flexShrink: 0, maxWidth: 220 }}
      >
        {own
          ? 'Your request: another member of the review board approves it'
          : 'Waiting for the review board, which approves or rejects waivers'}
      </Typography>
    );
  }

  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    try {
      await api.decideWaiver(waiver.id, decision);
      alertApi.post({
        message: `Waiver ${decision === 'approve' ? 'approved' : 'rejected'}`,
        severity: 'success',
        display: 'transient',
      });
      onDecided();
    } catch (e) {
      alertApi.post({ message: describeError(e), severity: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box display="flex" gap={1} flexShrink={0} sx={{ whiteSpace: 'nowrap' }}>
      <Button
        size="small"
        color="success"
        disabled={busy}
        onClick={() => decide('approve')}
      >
        Approve
      </Button>
      <Button
        size="small"
        color="error"
        disabled={busy}
        onClick={() => decide('reject')}
      >
        Reject
      </Button>
    </Box>
  );
}
