import TextField from '@mui/material/TextField';

/** Props of {@link CampaignOwnerAndDueFields}. */
export interface CampaignOwnerAndDueFieldsProps {
  owner: string;
  onOwnerChange: (owner: string) => void;
  dueDate: string;
  onDueDateChange: (dueDate: string) => void;
  /** An example owner group for the placeholder. */
  ownerPlaceholder: string;
}

/**
 * The owner group and due date every new campaign needs, the same on the
 * campaigns page and on the compliance page's campaign from a date.
 */
export function CampaignOwnerAndDueFields(
  props: CampaignOwnerAndDueFieldsProps,
) {
  return (
    <>
      <TextField
        label="Owner group"
        placeholder={props.ownerPlaceholder}
        fullWidth
        margin="dense"
        value={props.owner}
        onChange={e => props.onOwnerChange(e.target.value)}
      />
      <TextField
        label="Due date"
        type="date"
        margin="dense"
        InputLabelProps={{ shrink: true }}
        value={props.dueDate}
        onChange={e => props.onDueDateChange(e.target.value)}
      />
    </>
  );
}
