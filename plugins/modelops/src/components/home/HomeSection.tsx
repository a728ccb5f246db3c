import { ReactNode } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';

/** What a home section shows instead of its content. */
export type HomeSectionStatus =
  | { kind: 'loading' }
  | { kind: 'empty'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'ready' };

/** Props of {@link HomeSection}. */
export interface HomeSectionProps {
  title: string;
  subheader?: string;
  status: HomeSectionStatus;
  children?: ReactNode;
}

/**
 * A card of the ML home page. Every section says plainly why it is empty:
 * nothing to show yet, or the feature behind it is not installed, so that a
 * portal with only some ModelOps features still gives a coherent page.
 */
export function HomeSection(props: HomeSectionProps) {
  const { status } = props;
  return (
    <InfoCard title={props.title} subheader={props.subheader}>
      {status.kind === 'loading' && <Progress />}
      {status.kind === 'empty' && (
        <Typography color="text.secondary">{status.message}</Typography>
      )}
      {status.kind === 'unavailable' && (
        <Alert severity="info">{status.message}</Alert>
      )}
      {status.kind === 'error' && (
        <Alert severity="warning">{status.message}</Alert>
      )}
      {status.kind === 'ready' && props.children}
    </InfoCard>
  );
}
