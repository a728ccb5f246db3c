import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  FEEDBACK_CATEGORIES,
  MAX_FEEDBACK_TEXT,
  type Feedback,
  type FeedbackCategory,
} from '@modelops/plugin-modelops-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ReportProblemOutlined from '@mui/icons-material/ReportProblemOutlined';
import { describeError } from '../reviews/describeError';
import { feedbackApiRef } from '../../api/feedbackApiRef';
import { FEEDBACK_CATEGORY_LABELS } from './feedbackLabels';

/**
 * Props of the "Report a problem" button (`EntityReportProblemButton`).
 *
 * @public
 */
export interface ReportProblemButtonProps {
  /** Called with the stored report, for example to refresh a list. */
  onReported?: (feedback: Feedback) => void;
}

/**
 * A "Report a problem" button for a model page: a dialog where any user of
 * the model reports a wrong prediction, a bias concern, a usability problem
 * or an outage. The owning team is notified by the backend.
 *
 * @public
 */
export function ReportProblemButton(props: ReportProblemButtonProps) {
  const { entity } = useEntity();
  const feedbackApi = useApi(feedbackApiRef);
  const alertApi = useApi(alertApiRef);
  const [open, setOpen] = useState(false);
  const [category, setCategory] =
    useState<FeedbackCategory>('wrong-prediction');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);

  const close = () => {
    setOpen(false);
    setError(undefined);
  };

  const submit = async () => {
    setSending(true);
    setError(undefined);
    try {
      const feedback = await feedbackApi.createFeedback({
        entityRef: stringifyEntityRef(entity),
        category,
        text,
      });
      alertApi.post({
        message: 'Thank you: the owners of this model have been notified.',
        severity: 'success',
        display: 'transient',
      });
      setText('');
      setOpen(false);
      props.onReported?.(feedback);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<ReportProblemOutlined />}
        onClick={() => setOpen(true)}
      >
        Report a problem
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>
          Report a problem with {entity.metadata.title ?? entity.metadata.name}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Tell the owning team what went wrong. Describe the case without
            personal data of customers.
          </DialogContentText>
          <TextField
            select
            label="Category"
            value={category}
            onChange={e => setCategory(e.target.value as FeedbackCategory)}
            fullWidth
            margin="normal"
          >
            {FEEDBACK_CATEGORIES.map(c => (
              <MenuItem key={c} value={c}>
                {FEEDBACK_CATEGORY_LABELS[c]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="What happened"
            value={text}
            onChange={e => setText(e.target.value)}
            multiline
            minRows={4}
            fullWidth
            margin="normal"
            inputProps={{ maxLength: MAX_FEEDBACK_TEXT }}
          />
          {error && <Alert severity="error">{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button
            variant="contained"
            onClick={submit}
            disabled={sending || text.trim() === ''}
          >
            Send report
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
