import { ReactNode } from 'react';
import Typography from '@mui/material/Typography';

/**
 * A chart with its caption; the caption is the chart's accessible name, and
 * the summary gives screen reader users the numbers the chart draws.
 */
export function ChartFigure(props: {
  caption: string;
  summary: string;
  children: ReactNode;
}) {
  return (
    <figure
      aria-label={props.caption}
      style={{ margin: 0, width: '100%' }}
      data-testid="modelops-chart"
    >
      <Typography component="figcaption" variant="subtitle2">
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
