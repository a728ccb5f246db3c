import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { CheckResultView } from '@modelops/plugin-modelops-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { scorecardApiRef } from '../../api/scorecardApiRef';

/** Props of {@link RequestWaiverDialog}. */
export interface RequestWaiverDialogProps {
  entityRef: string;
  result: CheckResultView;
  onClose(requested: boolean): void;
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Asks for a waiver of one failing check: a reason and an expiry date. The
 * backend names the field of any problem; its message is shown as is.
 */
export function RequestWaiverDialog(props: RequestWaiverDialogProps) {
  const api = useApi(scorecardApiRef);
  const [reason, setReason] = useState('');
  const [expiresAt, setExpiresAt] = useState(inDays(90));
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.requestWaiver({
        entityRef: props.entityRef,
        checkId: props.result.checkId,
        reason,
        expiresAt,
      });
      props.onClose(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={() => props.onClose(false)} fullWidth maxWidth="sm">
      <DialogTitle>Request a waiver: {props.result.check.title}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error}</Alert>}
        <TextField
          label="Reason"
          helperText="Why the check cannot pass yet and what is planned (at least 10 characters). Another person approves."
          multiline
          minRows={3}
          fullWidth
          margin="normal"
          value={reason}
          onChange={e => setReason(e.target.value)}
        />
        <TextField
          label="Expires on"
          type="date"
          margin="normal"
          InputLabelProps={{ shrink: true }}
          inputProps={{ min: inDays(1), max: inDays(365) }}
          value={expiresAt}
          onChange={e => setExpiresAt(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(false)}>Cancel</Button>
        <Button
          variant="contained"
          disabled={busy || reason.trim().length < 10}
          onClick={submit}
        >
          Request waiver
        </Button>
      </DialogActions>
    </Dialog>
  );
}
