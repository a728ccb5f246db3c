/*
 * WaiverApprovals: pending waiver requests. Approving one's own request is
 * refused by the backend; the button is not offered for it either.
 */
import { Progress, InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { waiverApprovePermission } from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { TimeLabel } from '../common/TimeLabel';
import { useViewer } from '../common/useViewer';
import { WaiverDecision } from './WaiverDecision';
import { wrapText } from '../common/wrapText';

/**
 * Pending waivers, for everybody to follow: approve and reject for those who
 * may decide waivers (never their own request), a line saying who decides
 * for everyone else.
 *
 * @public
 */
export function WaiverApprovals() {
  const api = useApi(scorecardApiRef);
  const viewer = useViewer();
  const { allowed } = usePermission({ permission: waiverApprovePermission });
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [waivers, checks] = await Promise.all([
      api.listWaivers({ status: 'pending' }),
      api.listChecks(),
    ]);
    return {
      waivers,
      checkTitles: new Map(checks.map(c => [c.id, c.title])),
    };
  }, [api]);

  if (loading && !value) return <Progress />;
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
    <InfoCard
      title="Waivers awaiting approval"
      subheader={
        allowed
          ? 'You may approve or reject the requests of others'
          : 'The review board approves or rejects these requests; you can follow them here'
      }
    >
      {waivers.length === 0 && (
        <Typography color="text.secondary">
          No waiver is waiting for a decision. Owners request one from a failing
          check on their model's or dataset's scorecard.
        </Typography>
      )}
      <List dense aria-label="Pending waivers">
        {waivers.map(w => (
          // The buttons sit in the row's flow rather than as an absolutely
          // placed secondary action, so a long reason wraps beside them
          // instead of running under them.
          <ListItem key={w.id} divider alignItems="flex-start">
            <ListItemText
              sx={wrapText}
              primaryTypographyProps={{ component: 'div' }}
              secondaryTypographyProps={{
                component: 'div',
                sx: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
              }}
              primary={
                <>
                  {/* A whole title: the row wraps, so nothing needs cutting. */}
                  <EntityRefLink
                    entityRef={w.entityRef}
                    defaultKind="MLModel"
                  />
                  : {value?.checkTitles.get(w.checkId) ?? w.checkId}
                </>
              }
              secondary={
                <>
                  {w.reason} (requested by{' '}
                  <EntityRefLink entityRef={w.requestedBy} defaultKind="User" />{' '}
                  <TimeLabel value={w.requestedAt} />, until{' '}
                  <TimeLabel value={w.expiresAt} absolute />)
                </>
              }
            />
            <Box ml={1}>
              <WaiverDecision
                waiver={w}
                canDecide={allowed}
                viewer={viewer}
                onDecided={retry}
              />
            </Box>
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
