/*
 * WaiverApprovals: pending waiver requests for an approver. Approving one's
 * own request is refused by the backend; the button is hidden for it too.
 */
import { Progress, InfoCard } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { waiverApprovePermission } from '@modelops/plugin-modelops-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardApiRef } from './scorecardApiRef';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { EntityRefCell } from '../common/EntityRefCell';

/**
 * Pending waivers with approve and reject actions.
 *
 * @public
 */
export function WaiverApprovals() {
  const api = useApi(scorecardApiRef);
  const identityApi = useApi(identityApiRef);
  const { allowed } = usePermission({ permission: waiverApprovePermission });
  const [actionError, setActionError] = useState<string | undefined>();
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [waivers, identity] = await Promise.all([
      api.listWaivers({ status: 'pending' }),
      identityApi.getBackstageIdentity(),
    ]);
    return { waivers, me: identity.userEntityRef };
  }, [api, identityApi]);

  const decide = async (id: string, decision: 'approve' | 'reject') => {
    setActionError(undefined);
    try {
      await api.decideWaiver(id, decision);
      retry();
    } catch (e) {
      setActionError(e instanceof Error ? e.message : String(e));
    }
  };

  if (loading) return <Progress />;
  if (error) {
    return (
      <RequestErrorPanel
        error={error}
        forbiddenMessage="Waiver requests are visible to the AI review board, which approves them."
      />
    );
  }
  const waivers = value?.waivers ?? [];
  return (
    <InfoCard title="Waivers awaiting approval">
      {actionError && <Alert severity="error">{actionError}</Alert>}
      {waivers.length === 0 && <span>No pending waivers.</span>}
      <List dense aria-label="Pending waivers">
        {waivers.map(w => (
          // The buttons sit in the row's flow rather than as an absolutely
          // placed secondary action, so a long reason wraps beside them
          // instead of running under them.
          <ListItem key={w.id} divider alignItems="flex-start">
            <ListItemText
              sx={{ minWidth: 0 }}
              primaryTypographyProps={{ component: 'div' }}
              secondaryTypographyProps={{
                component: 'div',
                sx: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
              }}
              primary={
                <>
                  <EntityRefCell
                    entityRef={w.entityRef}
                    defaultKind="MLModel"
                  />
                  : {w.checkId}
                </>
              }
              secondary={
                <>
                  {w.reason} (requested by{' '}
                  <EntityRefCell entityRef={w.requestedBy} defaultKind="User" />
                  , until {w.expiresAt.slice(0, 10)})
                </>
              }
            />
            {allowed && (
              <Box
                display="flex"
                gap={1}
                flexShrink={0}
                ml={1}
                sx={{ whiteSpace: 'nowrap' }}
              >
                {w.requestedBy !== value?.me && (
                  <Button size="small" onClick={() => decide(w.id, 'approve')}>
                    Approve
                  </Button>
                )}
                <Button
                  size="small"
                  color="error"
                  onClick={() => decide(w.id, 'reject')}
                >
                  Reject
                </Button>
              </Box>
            )}
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
