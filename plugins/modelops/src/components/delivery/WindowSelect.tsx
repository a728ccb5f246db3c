import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';

const WINDOWS = [30, 90, 180, 365];

/** The metric window picker of the delivery views. */
export function WindowSelect(props: {
  days: number;
  onChange: (days: number) => void;
}) {
  return (
    <TextField
      select
      size="small"
      label="Window"
      value={props.days}
      onChange={e => props.onChange(Number(e.target.value))}
    >
      {WINDOWS.map(d => (
        <MenuItem key={d} value={d}>
          Last {d} days
        </MenuItem>
      ))}
    </TextField>
  );
}
