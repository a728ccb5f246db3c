import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  changeApprovePermission,
  changeRequestPermission,
  type ChangeRequest,
  type ChangeStatus,
} from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { describeError } from '../reviews/describeError';
import { TimeLabel } from '../common/TimeLabel';
import { useViewer } from '../common/useViewer';
import { changeApiRef } from '../../api/changeApiRef';
import { RequestChangeDialog } from './RequestChangeDialog';
import { wrapText } from '../common/wrapText';

const STATUS_COLORS: Record<ChangeStatus, 'default' | 'success' | 'error'> = {
  pending: 'default',
  approved: 'success',
  rejected: 'error',
};

function title(change: ChangeRequest): string {
  return change.kind === 'promote'
    ? `Promote to ${change.modelVersion}`
    : `Roll back to ${change.modelVersion}`;
}

/**
 * Promotion and rollback requests of the model in context: request one with
 * its evidence, and approve or reject pending ones. Only members of the
 * review group other than the requester may decide: the buttons are offered
 * to them alone, everybody else reads who decides. The backend enforces it
 * again.
 *
 * @public
 */
export function EntityChangeRequestsCard() {
  const { entity } = useEntity();
  const changeApi = useApi(changeApiRef);
  const alertApi = useApi(alertApiRef);
  const viewer = useViewer();
  const entityRef = stringifyEntityRef(entity);
  const { allowed: canRequest } = usePermission({
    permission: changeRequestPermission,
    resourceRef: entityRef,
  });
  const { allowed: canApprove } = usePermission({
    permission: changeApprovePermission,
  });
  const [dialogOpen, setDialogOpen] = useState(false);
  const [busy, setBusy] = useState<string | undefined>();

  const { value, loading, error, retry } = useAsyncRetry(
    () => changeApi.listChanges({ entityRef }),
    [changeApi, entityRef],
  );
  // The backend's rule: the change approval permission and membership of
  // the review group.
  const reviewer =
    canApprove && value !== undefined && viewer?.belongsTo(value.reviewGroup);

  const decide = async (
    change: ChangeRequest,
    decision: 'approve' | 'reject',
  ) => {
    setBusy(change.id);
    try {
      await changeApi.decideChange(change.id, decision);
      alertApi.post({
        message: `${title(change)}: ${
          decision === 'approve' ? 'approved' : 'rejected'
        }`,
        severity: 'success',
        display: 'transient',
      });
      retry();
    } catch (e) {
      alertApi.post({ message: describeError(e), severity: 'error' });
    } finally {
      setBusy(undefined);
    }
  };

  const version = entity.spec?.version;
  return (
    <InfoCard
      title="Production changes"
      subheader={
        value ? (
          // One inline span: the subheader lays out its children as flex
          // items, which would put the link in a column of its own.
          <span>
            Promotions and rollbacks are approved by{' '}
            <EntityRefLink entityRef={value.reviewGroup} defaultKind="Group" />,
            never by the requester
          </span>
        ) : undefined
      }
      action={
        canRequest && (
          <Button variant="outlined" onClick={() => setDialogOpen(true)}>
            Request a change
          </Button>
        )
      }
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.items.length === 0 && (
        <Typography color="text.secondary">
          No promotion or rollback has been requested for this model yet.
        </Typography>
      )}
      {value && value.items.length > 0 && (
        <List aria-label="Change requests">
          {value.items.map(change => {
            const own = viewer?.isMe(change.requesterRef) ?? false;
            return (
              <ListItem key={change.id} divider alignItems="flex-start">
                <ListItemText
                  sx={wrapText}
                  primary={
                    <Box display="flex" gap={1} alignItems="center">
                      <Typography component="span" fontWeight="bold">
                        {title(change)}
                      </Typography>
                      <Chip
                        size="small"
                        color={STATUS_COLORS[change.status]}
                        label={change.status}
                      />
                    </Box>
                  }
                  secondary={
                    <>
                      <Typography component="span" display="block">
                        {change.reason}
                      </Typography>
                      <Typography
                        component="span"
                        display="block"
                        variant="caption"
                      >
                        Requested by{' '}
                        <EntityRefLink
                          entityRef={change.requesterRef}
                          defaultKind="User"
                        />{' '}
                        <TimeLabel value={change.createdAt} />
                        {change.decidedBy && (
                          <>
                            ; {change.status} by{' '}
                            <EntityRefLink
                              entityRef={change.decidedBy}
                              defaultKind="User"
                            />
                            {change.decisionComment &&
                              `: ${change.decisionComment}`}
                          </>
                        )}
                      </Typography>
                      {change.evidenceLinks.map(link => (
                        <Link
                          key={link}
                          to={link}
                          display="block"
                          variant="caption"
                        >
                          {link}
                        </Link>
                      ))}
                    </>
                  }
                />
                {change.status === 'pending' && (
                  <Box display="flex" gap={1} flexShrink={0}>
                    {own || !reviewer ? (
                      <Typography
                        variant="caption"
                        color="text.secondary"
                        sx={{ maxWidth: 220 }}
                      >
                        {own ? (
                          'Waiting for another reviewer'
                        ) : (
                          <>
                            Waiting for a member of{' '}
                            <EntityRefLink
                              entityRef={value.reviewGroup}
                              defaultKind="Group"
                            />
                          </>
                        )}
                      </Typography>
                    ) : (
                      <>
                        <Button
                          size="small"
                          color="success"
                          disabled={busy === change.id}
                          onClick={() => decide(change, 'approve')}
                        >
                          Approve
                        </Button>
                        <Button
                          size="small"
                          color="error"
                          disabled={busy === change.id}
                          onClick={() => decide(change, 'reject')}
                        >
                          Reject
                        </Button>
                      </>
                    )}
                  </Box>
                )}
              </ListItem>
            );
          })}
        </List>
      )}
      {dialogOpen && (
        <RequestChangeDialog
          open
          entityRef={entityRef}
          currentVersion={typeof version === 'string' ? version : undefined}
          onClose={() => setDialogOpen(false)}
          onRequested={() => {
            setDialogOpen(false);
            retry();
          }}
        />
      )}
    </InfoCard>
  );
}
