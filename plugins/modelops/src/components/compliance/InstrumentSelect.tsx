import type { ObligationInstrument } from '@modelops/plugin-modelops-common';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';

/** Instruments in the order the views offer them. */
export const INSTRUMENT_LABELS: Record<ObligationInstrument, string> = {
  'eu-ai-act': 'EU AI Act',
  'iso-42001': 'ISO/IEC 42001:2023 Annex A',
  'nist-ai-rmf': 'NIST AI RMF 1.0',
  gdpr: 'GDPR',
};

/** Picks the instrument a compliance view shows. */
export function InstrumentSelect(props: {
  value: ObligationInstrument;
  onChange: (value: ObligationInstrument) => void;
}) {
  return (
    <TextField
      select
      size="small"
      label="Instrument"
      value={props.value}
      onChange={e => props.onChange(e.target.value as ObligationInstrument)}
    >
      {Object.entries(INSTRUMENT_LABELS).map(([id, label]) => (
        <MenuItem key={id} value={id}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  );
}
