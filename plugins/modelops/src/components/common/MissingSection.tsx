import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';

/** Props of {@link MissingSection}. */
export type MissingSectionProps = {
  /** What is missing, in the reader's words. */
  what: string;
  /** The YAML field (dotted path) that fills the section. */
  field: string;
  /** A YAML snippet showing how to set the field. */
  example: string;
};

/**
 * Says what a section lacks and which catalog-info.yaml field fills it, so an
 * empty section teaches the owner how to complete the record instead of
 * silently showing nothing.
 */
export function MissingSection(props: MissingSectionProps) {
  return (
    <Alert severity="info" variant="outlined" data-testid="missing-section">
      <AlertTitle>{props.what} not documented yet</AlertTitle>
      Set <code>{props.field}</code> in the entity's catalog-info.yaml, for
      example:
      <Box
        component="pre"
        sx={{
          m: 0,
          mt: 1,
          p: 1,
          bgcolor: 'action.hover',
          borderRadius: 1,
          fontSize: 12,
          overflowX: 'auto',
        }}
      >
        {props.example}
      </Box>
    </Alert>
  );
}
