import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { InfoCard, Progress } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import {
  reviewAdminPermission,
  reviewAttestPermission,
  type ReviewDecision,
} from '@modelops/plugin-modelops-common';
import { describeError } from './describeError';
import { reviewApiRef } from '../../api/reviewApiRef';
import { ReviewStateChip } from './ReviewStateChip';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { TimeLabel } from '../common/TimeLabel';
import { useViewer } from '../common/useViewer';
import { wrapText } from '../common/wrapText';

const ACTION_LABELS: Record<string, string> = {
  keep: 'kept',
  transfer: 'proposed a transfer',
  retire: 'decided to retire',
  'accept-transfer': 'accepted the transfer',
};

/**
 * The ownership review of the current entity: its state in the open cycle,
 * keep and retire buttons for those allowed to attest (members of the
 * owning group, or review administrators, as the backend decides), a line
 * saying who decides for everyone else, and the decision log.
 *
 * @public
 */
export function EntityReviewCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const reviewApi = useApi(reviewApiRef);
  const alertApi = useApi(alertApiRef);
  // The permission framework's view; the backend also requires the caller
  // to belong to the owning group unless they administer reviews.
  const { allowed } = usePermission({
    permission: reviewAttestPermission,
    resourceRef: entityRef,
  });
  const { allowed: isAdmin } = usePermission({
    permission: reviewAdminPermission,
  });
  const viewer = useViewer();
  const { value, loading, error, retry } = useAsyncRetry(
    () => reviewApi.getEntityReview(entityRef),
    [reviewApi, entityRef],
  );
  const [busy, setBusy] = useState(false);

  async function decide(itemId: string, decision: ReviewDecision) {
    setBusy(true);
    try {
      await reviewApi.attest(itemId, { decision });
      alertApi.post({
        message: `Recorded: ${decision}`,
        severity: 'success',
        display: 'transient',
      });
      retry();
    } catch (e) {
      alertApi.post({ message: describeError(e), severity: 'error' });
    } finally {
      setBusy(false);
    }
  }

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = (
      <RequestErrorPanel
        error={error}
        forbiddenMessage="The ownership review of this entity is visible to its owning team and the review administrators."
      />
    );
  } else if (value) {
    const item = value.items[0];
    content = (
      <>
        {item ? (
          <Box
            display="flex"
            alignItems="center"
            gap={1}
            mb={1}
            flexWrap="wrap"
          >
            <ReviewStateChip state={item.state} overdue={item.overdue} />
            <Typography variant="body2">
              Owner{' '}
              <EntityRefLink entityRef={item.ownerRef} defaultKind="Group" />,
              due <TimeLabel value={item.dueAt} />
            </Typography>
            {(item.state === 'pending' || item.state === 'transfer-pending') &&
              (allowed && (isAdmin || viewer?.belongsTo(item.ownerRef)) ? (
                <Box ml="auto" display="flex" gap={0.5}>
                  <Button
                    size="small"
                    variant="contained"
                    disabled={busy}
                    onClick={() => decide(item.id, 'keep')}
                  >
                    Keep
                  </Button>
                  <Button
                    size="small"
                    color="warning"
                    disabled={busy}
                    onClick={() => decide(item.id, 'retire')}
                  >
                    Retire
                  </Button>
                </Box>
              ) : (
                <Typography
                  variant="caption"
                  color="text.secondary"
                  width="100%"
                >
                  Members of{' '}
                  <EntityRefLink
                    entityRef={item.ownerRef}
                    defaultKind="Group"
                  />{' '}
                  keep, transfer or retire it in the ownership review.
                </Typography>
              ))}
          </Box>
        ) : (
          <Typography variant="body2" mb={1}>
            No open review cycle lists this entity.
          </Typography>
        )}
        {value.decisions.length > 0 ? (
          <List dense aria-label="decision history">
            {[...value.decisions].reverse().map(d => (
              <ListItem key={d.id} disableGutters>
                <ListItemText
                  sx={wrapText}
                  primaryTypographyProps={{ component: 'div' }}
                  primary={
                    <>
                      <EntityRefLink entityRef={d.actor} defaultKind="User" />{' '}
                      {ACTION_LABELS[d.action] ?? d.action}
                      {d.transferTo && (
                        <>
                          {' '}
                          to{' '}
                          <EntityRefLink
                            entityRef={d.transferTo}
                            defaultKind="Group"
                          />
                        </>
                      )}
                      {d.authority === 'admin' ? ' (as review admin)' : ''}
                    </>
                  }
                  secondary={
                    <>
                      <TimeLabel value={d.createdAt} />
                      {d.note ? ` · ${d.note}` : ''}
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
        ) : (
          <Typography variant="body2" color="text.secondary">
            Never attested.
          </Typography>
        )}
      </>
    );
  }
  return <InfoCard title="Ownership review">{content}</InfoCard>;
}
