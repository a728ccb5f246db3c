import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  alertApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  EntityRefLink,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import type { Feedback, FeedbackState } from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { describeError } from '../reviews/describeError';
import { feedbackApiRef } from '../../api/feedbackApiRef';
import {
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_STATE_LABELS,
} from './feedbackLabels';
import { ReportProblemButton } from './ReportProblemButton';
import { TimeLabel } from '../common/TimeLabel';
import { wrapText } from '../common/wrapText';

type StateFilter = FeedbackState | 'all';

// Buttons an owner sees for each state: the next steps, and a way back.
// Withdrawn feedback is final.
const NEXT_STATES: Record<FeedbackState, FeedbackState[]> = {
  open: ['acknowledged', 'resolved'],
  acknowledged: ['resolved', 'open'],
  resolved: ['open'],
  withdrawn: [],
};

const ACTION_LABELS: Record<FeedbackState, string> = {
  open: 'Reopen',
  acknowledged: 'Acknowledge',
  resolved: 'Resolve',
  withdrawn: 'Withdraw',
};

// The reporter may take back feedback that is not yet resolved.
const WITHDRAWABLE = new Set<FeedbackState>(['open', 'acknowledged']);

// The states the viewer may move a report to; the backend checks again.
function actionsFor(
  feedback: Feedback,
  viewer: { isOwner: boolean; userRef: string },
): FeedbackState[] {
  const isReporter =
    feedback.reporterRef.toLocaleLowerCase('en-US') === viewer.userRef;
  return [
    ...(viewer.isOwner ? NEXT_STATES[feedback.state] : []),
    ...(isReporter && WITHDRAWABLE.has(feedback.state)
      ? (['withdrawn'] as const)
      : []),
  ];
}

function ownerRefs(entity: Entity): string[] {
  return getEntityRelations(entity, RELATION_OWNED_BY).map(ref =>
    stringifyEntityRef(ref).toLocaleLowerCase('en-US'),
  );
}

/**
 * Feedback users reported on the model in context, newest first, with a
 * "Report a problem" button. Members of the owning group can acknowledge,
 * resolve and reopen reports, and reporters can withdraw their own; the
 * backend checks that again.
 *
 * @public
 */
export function EntityFeedbackCard() {
  const { entity } = useEntity();
  const feedbackApi = useApi(feedbackApiRef);
  const identityApi = useApi(identityApiRef);
  const alertApi = useApi(alertApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [filter, setFilter] = useState<StateFilter>('all');
  const [busy, setBusy] = useState<string | undefined>();

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [items, identity] = await Promise.all([
      feedbackApi.listFeedback({
        entityRef,
        state: filter === 'all' ? undefined : filter,
      }),
      identityApi.getBackstageIdentity(),
    ]);
    const mine = new Set(
      identity.ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
    );
    return {
      items,
      isOwner: ownerRefs(entity).some(r => mine.has(r)),
      userRef: identity.userEntityRef.toLocaleLowerCase('en-US'),
    };
  }, [feedbackApi, identityApi, entityRef, filter]);

  const changeState = async (feedback: Feedback, state: FeedbackState) => {
    setBusy(feedback.id);
    try {
      await feedbackApi.setFeedbackState(feedback.id, { state });
      retry();
    } catch (e) {
      alertApi.post({ message: describeError(e), severity: 'error' });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <InfoCard
      title="User feedback"
      subheader="Problems reported by the people who use this model"
      action={<ReportProblemButton onReported={retry} />}
    >
      <ToggleButtonGroup
        size="small"
        exclusive
        value={filter}
        onChange={(_, next: StateFilter | null) => next && setFilter(next)}
        aria-label="Filter by state"
      >
        <ToggleButton value="all">All</ToggleButton>
        <ToggleButton value="open">Open</ToggleButton>
        <ToggleButton value="acknowledged">Acknowledged</ToggleButton>
        <ToggleButton value="resolved">Resolved</ToggleButton>
        <ToggleButton value="withdrawn">Withdrawn</ToggleButton>
      </ToggleButtonGroup>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.items.length === 0 && (
        <Typography sx={{ mt: 2 }} color="text.secondary">
          No feedback {filter === 'all' ? 'yet' : `in state ${filter}`}.
        </Typography>
      )}
      {value && value.items.length > 0 && (
        <List aria-label="Feedback">
          {value.items.map(feedback => (
            <ListItem key={feedback.id} divider alignItems="flex-start">
              <ListItemText
                sx={wrapText}
                primary={
                  <Box display="flex" gap={1} alignItems="center">
                    <Chip
                      size="small"
                      color={
                        feedback.category === 'outage' ? 'error' : 'default'
                      }
                      label={FEEDBACK_CATEGORY_LABELS[feedback.category]}
                    />
                    <Chip
                      size="small"
                      variant="outlined"
                      label={FEEDBACK_STATE_LABELS[feedback.state]}
                    />
                    <Typography variant="caption" color="text.secondary">
                      <EntityRefLink
                        entityRef={feedback.reporterRef}
                        defaultKind="User"
                      />
                      , <TimeLabel value={feedback.createdAt} />
                    </Typography>
                  </Box>
                }
                secondary={
                  <>
                    <Typography
                      component="span"
                      display="block"
                      sx={{ whiteSpace: 'pre-wrap' }}
                    >
                      {feedback.text}
                    </Typography>
                    {feedback.comment && (
                      <Typography
                        component="span"
                        display="block"
                        variant="caption"
                      >
                        {FEEDBACK_STATE_LABELS[feedback.state]}
                        {feedback.updatedBy && (
                          <>
                            {' '}
                            by{' '}
                            <EntityRefLink
                              entityRef={feedback.updatedBy}
                              defaultKind="User"
                            />
                          </>
                        )}
                        : {feedback.comment}
                      </Typography>
                    )}
                  </>
                }
              />
              {actionsFor(feedback, value).length > 0 && (
                <Box display="flex" gap={1} flexShrink={0}>
                  {actionsFor(feedback, value).map(state => (
                    <Button
                      key={state}
                      size="small"
                      disabled={busy === feedback.id}
                      onClick={() => changeState(feedback, state)}
                    >
                      {ACTION_LABELS[state]}
                    </Button>
                  ))}
                </Box>
              )}
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
