import { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** One labelled value; a value of `undefined` is shown as "not set". */
export type Field = { label: string; value: ReactNode | undefined };

function isEmpty(value: ReactNode | undefined): boolean {
  return (
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** A compact two-column list of labelled values. */
export function FieldList(props: { fields: Field[] }) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'minmax(140px, max-content) 1fr',
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
      }}
    >
      {props.fields.map(field => (
        <Box key={field.label} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {field.label}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0 }}>
            {isEmpty(field.value) ? <em>not set</em> : field.value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** Joins a list for display, or `undefined` when there is nothing to show. */
export function joinList(values: string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join(', ') : undefined;
}

/** Formats a boolean as yes/no, keeping `undefined` as not set. */
export function yesNo(value: boolean | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  return value ? 'yes' : 'no';
}
