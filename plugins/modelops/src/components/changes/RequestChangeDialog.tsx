import { useState } from 'react';
import {
  CHANGE_KINDS,
  type ChangeKind,
  type ChangeRequest,
} from '@modelops/plugin-modelops-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { describeError } from '../reviews/describeError';
import { changeApiRef } from '../../api/changeApiRef';

/** Props of {@link RequestChangeDialog}. */
export interface RequestChangeDialogProps {
  open: boolean;
  entityRef: string;
  /** The version the model declares, offered as the default. */
  currentVersion?: string;
  onClose: () => void;
  onRequested: (change: ChangeRequest) => void;
}

const KIND_LABELS: Record<ChangeKind, string> = {
  promote: 'Promote a version to production',
  rollback: 'Roll production back to a version',
};

/** The form of a promotion or rollback request, with its evidence links. */
export function RequestChangeDialog(props: RequestChangeDialogProps) {
  const changeApi = useApi(changeApiRef);
  const [kind, setKind] = useState<ChangeKind>('promote');
  const [modelVersion, setModelVersion] = useState(props.currentVersion ?? '');
  const [links, setLinks] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);

  const submit = async () => {
    setSending(true);
    setError(undefined);
    try {
      const change = await changeApi.requestChange({
        entityRef: props.entityRef,
        kind,
        modelVersion,
        // One link per line; blank lines are not links.
        evidenceLinks: links
          .split('\n')
          .map(l => l.trim())
          .filter(Boolean),
        reason,
      });
      props.onRequested(change);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>Request a production change</DialogTitle>
      <DialogContent>
        <TextField
          select
          label="Change"
          value={kind}
          onChange={e => setKind(e.target.value as ChangeKind)}
          fullWidth
          margin="normal"
        >
          {CHANGE_KINDS.map(k => (
            <MenuItem key={k} value={k}>
              {KIND_LABELS[k]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label="Model version"
          value={modelVersion}
          onChange={e => setModelVersion(e.target.value)}
          fullWidth
          margin="normal"
        />
        <TextField
          label="Evidence links"
          helperText="One URL per line: evaluation runs, model card, test reports. A promotion needs at least one."
          value={links}
          onChange={e => setLinks(e.target.value)}
          multiline
          minRows={2}
          fullWidth
          margin="normal"
        />
        <TextField
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          multiline
          minRows={3}
          fullWidth
          margin="normal"
        />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          variant="contained"
          onClick={submit}
          disabled={
            sending || modelVersion.trim() === '' || reason.trim() === ''
          }
        >
          Request approval
        </Button>
      </DialogActions>
    </Dialog>
  );
}
