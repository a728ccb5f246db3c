import { ResponseErrorPanel } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import { isForbidden } from './isForbidden';

/** Props of {@link RequestErrorPanel}. */
export interface RequestErrorPanelProps {
  error: Error;
  /**
   * What to say when the user may not see this (HTTP 403), in the words of
   * the feature: who may see it, rather than that a request failed.
   */
  forbiddenMessage: string;
}

/**
 * The error of a failed read. A refusal by the permission framework is the
 * expected answer for most users of most entities, so it is shown as a calm
 * note; anything else is a real failure and keeps the full error panel.
 */
export function RequestErrorPanel(props: RequestErrorPanelProps) {
  if (isForbidden(props.error)) {
    return (
      <Alert
        severity="info"
        variant="outlined"
        data-testid="modelops-forbidden"
      >
        {props.forbiddenMessage}
      </Alert>
    );
  }
  return <ResponseErrorPanel error={props.error} />;
}
