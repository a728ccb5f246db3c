/*
 * CampaignsPage: open and closed campaigns with their progress per team, and
 * a form for campaign managers to start one.
 */
import { useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { EntityRefCell } from '../common/EntityRefCell';
import { TimeLabel } from '../common/TimeLabel';
import { PageFrame } from '../common/PageFrame';
import {
  campaignManagePermission,
  type CheckMetadata,
  type Campaign,
} from '@modelops/plugin-modelops-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { CampaignOwnerAndDueFields } from './CampaignOwnerAndDueFields';
import { wrapText } from '../common/wrapText';

/**
 * Progress per team, and under each team the entities not done with their
 * failing campaign checks, by title.
 */
function CampaignProgressView(props: {
  campaign: Campaign;
  checkTitles: Map<string, string>;
}) {
  const api = useApi(scorecardApiRef);
  const { value, loading, error } = useAsync(
    () => api.getCampaignProgress(props.campaign.id),
    [api, props.campaign.id],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const pct = (done: number, total: number) =>
    total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <Box>
      <Typography variant="body2">
        {value.done} of {value.entities} entities done
      </Typography>
      {value.teams.map(t => (
        <Box key={t.team} my={1}>
          <Typography variant="caption" component="div">
            <EntityRefCell entityRef={t.team} defaultKind="group" />: {t.done}{' '}
            of {t.entities}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={pct(t.done, t.entities)}
            aria-label={`${t.team} progress`}
          />
          {t.notDone.length > 0 && (
            <List dense disablePadding aria-label={`${t.team} not done`}>
              {t.notDone.map(e => (
                <ListItem key={e.entityRef} disableGutters sx={wrapText}>
                  <Typography variant="body2" component="span">
                    <EntityRefLink entityRef={e.entityRef} />:{' '}
                    {e.failingChecks
                      .map(id => props.checkTitles.get(id) ?? id)
                      .join(', ')}
                  </Typography>
                </ListItem>
              ))}
            </List>
          )}
        </Box>
      ))}
    </Box>
  );
}

function NewCampaignForm(props: {
  checks: CheckMetadata[] | undefined;
  onCreated(): void;
}) {
  const api = useApi(scorecardApiRef);
  const [title, setTitle] = useState('');
  const [checkIds, setCheckIds] = useState<string[]>([]);
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    setError(undefined);
    try {
      await api.createCampaign({ title, checkIds, owner, dueDate });
      setTitle('');
      setCheckIds([]);
      props.onCreated();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <InfoCard title="New campaign">
      {error && <Alert severity="error">{error}</Alert>}
      <TextField
        label="Title"
        fullWidth
        margin="dense"
        value={title}
        onChange={e => setTitle(e.target.value)}
      />
      <TextField
        select
        label="Checks"
        fullWidth
        margin="dense"
        SelectProps={{ multiple: true }}
        value={checkIds}
        onChange={e => setCheckIds(e.target.value as unknown as string[])}
      >
        {(props.checks ?? []).map(c => (
          <MenuItem key={c.id} value={c.id}>
            {c.title} ({c.id})
          </MenuItem>
        ))}
      </TextField>
      <CampaignOwnerAndDueFields
        owner={owner}
        onOwnerChange={setOwner}
        dueDate={dueDate}
        onDueDateChange={setDueDate}
        ownerPlaceholder="group:default/risk-office"
      />
      <Box mt={1}>
        <Button
          variant="contained"
          disabled={!title || checkIds.length === 0 || !owner || !dueDate}
          onClick={submit}
        >
          Start campaign
        </Button>
      </Box>
    </InfoCard>
  );
}

/** Props of {@link CampaignsPage}. */
export interface CampaignsPageProps {
  /** Drawn as a tab of the scorecards section, without a page header. */
  embedded?: boolean;
}

/**
 * Campaigns page.
 *
 * @public
 */
export function CampaignsPage(props: CampaignsPageProps) {
  const api = useApi(scorecardApiRef);
  const { allowed: canManage } = usePermission({
    permission: campaignManagePermission,
  });
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listCampaigns(),
    [api],
  );
  // Campaigns name checks by id; people read their titles.
  const checks = useAsync(() => api.listChecks(), [api]);
  const checkTitles = new Map(checks.value?.map(c => [c.id, c.title]));

  return (
    <PageFrame
      title="Campaigns"
      subtitle="Bring a set of checks to green by a date"
      embedded={props.embedded}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      <Grid container spacing={3}>
        {canManage && (
          <Grid item xs={12} md={4}>
            <NewCampaignForm checks={checks.value} onCreated={retry} />
          </Grid>
        )}
        {(value ?? []).map(c => (
          <Grid item xs={12} md={canManage ? 8 : 12} key={c.id}>
            <InfoCard
              title={c.title}
              subheader={
                // One inline span: the subheader lays out its children as
                // flex items, which dropped the spaces between them.
                <span>
                  Due <TimeLabel value={c.dueDate} /> · owner{' '}
                  <EntityRefLink entityRef={c.owner} defaultKind="Group" />
                </span>
              }
            >
              {c.description && (
                <Typography variant="body2" paragraph>
                  {c.description}
                </Typography>
              )}
              <Box display="flex" gap={1} flexWrap="wrap" mb={1}>
                <Chip
                  size="small"
                  label={c.status}
                  color={c.status === 'open' ? 'primary' : 'default'}
                />
                {c.checkIds.map(id => (
                  <Tooltip key={id} title={id}>
                    <Chip
                      size="small"
                      variant="outlined"
                      label={checkTitles.get(id) ?? id}
                    />
                  </Tooltip>
                ))}
              </Box>
              <CampaignProgressView campaign={c} checkTitles={checkTitles} />
            </InfoCard>
          </Grid>
        ))}
        {value?.length === 0 && (
          <Grid item xs={12}>
            <Typography>No campaigns yet.</Typography>
          </Grid>
        )}
      </Grid>
    </PageFrame>
  );
}
