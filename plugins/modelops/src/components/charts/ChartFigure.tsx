import { ReactNode } from 'react';
import Typography from '@mui/material/Typography';

// Hidden from sight, still read by screen readers.
const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

/**
 * A chart with its caption; the caption is the chart's accessible name, and
 * the summary gives screen reader users the numbers the chart draws.
 */
export function ChartFigure(props: {
  caption: string;
  summary: string;
  children: ReactNode;
  /**
   * Keep the caption for assistive technology only, when a card title
   * right above already says the same.
   */
  captionHidden?: boolean;
}) {
  return (
    <figure
      aria-label={props.caption}
      style={{ margin: 0, width: '100%' }}
      data-testid="modelops-chart"
    >
      <Typography
        component="figcaption"
        variant="subtitle2"
        sx={props.captionHidden ? visuallyHidden : undefined}
      >
        {props.caption}
      </Typography>
      {props.children}
      <Typography
        variant="caption"
        color="text.secondary"
        component="p"
        sx={{ mt: 0.5 }}
      >
        {props.summary}
      </Typography>
    </figure>
  );
}
