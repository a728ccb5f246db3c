import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';

/** Asks which group should take over an entity, and why. */
export function TransferDialog(props: {
  open: boolean;
  entityTitle: string;
  onCancel(): void;
  onConfirm(transferTo: string, note?: string): void;
}) {
  const [group, setGroup] = useState('');
  const [note, setNote] = useState('');
  return (
    <Dialog open={props.open} onClose={props.onCancel} fullWidth maxWidth="sm">
      <DialogTitle>Transfer {props.entityTitle}</DialogTitle>
      <DialogContent>
        <TextField
          fullWidth
          margin="dense"
          label="Receiving group"
          placeholder="group:default/fraud-ml"
          helperText="A member of that group must accept the transfer."
          value={group}
          onChange={e => setGroup(e.target.value)}
        />
        <TextField
          fullWidth
          margin="dense"
          label="Note"
          value={note}
          onChange={e => setNote(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          variant="contained"
          disabled={group.trim() === ''}
          onClick={() =>
            props.onConfirm(group.trim(), note.trim() || undefined)
          }
        >
          Propose transfer
        </Button>
      </DialogActions>
    </Dialog>
  );
}
