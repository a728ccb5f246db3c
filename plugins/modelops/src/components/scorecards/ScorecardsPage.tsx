/*
 * ScorecardsPage: how the portfolio scores by pack, by owning team or by
 * system, and the daily trend of a chosen team.
 */
import { lazy, Suspense, useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  PackLevel,
  ScorecardSummary,
  ScorecardSummaryRow,
} from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { LevelChip } from './LevelChip';
import { scorecardApiRef } from './scorecardApiRef';

const ScorecardTrendChart = lazy(() => import('./ScorecardTrendChart'));

type GroupBy = ScorecardSummary['groupBy'];
const LEVELS: PackLevel[] = ['none', 'bronze', 'silver', 'gold'];
const GROUP_TITLES: Record<GroupBy, string> = {
  pack: 'Pack',
  team: 'Team',
  system: 'System',
};

function columns(groupBy: GroupBy): TableColumn<ScorecardSummaryRow>[] {
  const cols: TableColumn<ScorecardSummaryRow>[] = [
    {
      title: GROUP_TITLES[groupBy],
      field: 'key',
    },
    { title: 'Entities', field: 'entities', type: 'numeric' },
    { title: 'Score', field: 'score', type: 'numeric' },
    { title: 'Passing', field: 'passing', type: 'numeric' },
    { title: 'Failing', field: 'failing', type: 'numeric' },
    { title: 'Waived', field: 'waived', type: 'numeric' },
  ];
  if (groupBy === 'pack') {
    cols.push({
      title: 'Levels',
      render: row => (
        <Box display="flex" gap={0.5}>
          {LEVELS.map(l => (
            <LevelChip key={l} level={l} label={String(row.levels?.[l] ?? 0)} />
          ))}
        </Box>
      ),
    });
  }
  return cols;
}

function TeamTrend(props: { team: string }) {
  const api = useApi(scorecardApiRef);
  const { value, loading, error } = useAsync(
    () => api.getHistory({ team: props.team }, 90),
    [api, props.team],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.trend.length === 0) {
    return <Typography>No daily points yet for {props.team}.</Typography>;
  }
  return (
    <InfoCard
      title={`Trend: ${props.team}`}
      subheader="Daily score, last 90 days"
    >
      <Suspense fallback={<Progress />}>
        <ScorecardTrendChart points={value.trend} />
      </Suspense>
      <Typography variant="subtitle2" mt={2}>
        Recent changes
      </Typography>
      <ul aria-label="Recent check changes">
        {value.changes.slice(0, 10).map(c => (
          <li key={`${c.entityRef}-${c.checkId}-${c.at}`}>
            {c.at.slice(0, 10)} {c.entityRef} {c.checkId}: {c.from ?? 'new'} →{' '}
            {c.to}
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}

/**
 * Portfolio scorecards page.
 *
 * @public
 */
export function ScorecardsPage() {
  const api = useApi(scorecardApiRef);
  const [groupBy, setGroupBy] = useState<GroupBy>('pack');
  const [team, setTeam] = useState<string | undefined>();
  const { value, loading, error } = useAsync(
    () => api.getSummary(groupBy),
    [api, groupBy],
  );

  return (
    <Page themeId="tool">
      <Header
        title="Scorecards"
        subtitle="Production readiness, responsible AI, data governance, documentation, ownership and cost"
      />
      <Content>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={groupBy}
          onChange={(_, v) => v && setGroupBy(v)}
          aria-label="Group by"
        >
          <ToggleButton value="pack">By pack</ToggleButton>
          <ToggleButton value="team">By team</ToggleButton>
          <ToggleButton value="system">By system</ToggleButton>
        </ToggleButtonGroup>
        <Grid container spacing={3} mt={0}>
          <Grid item xs={12}>
            {loading && <Progress />}
            {error && <ResponseErrorPanel error={error} />}
            {value && (
              <Table
                title={`Scorecards by ${groupBy}`}
                options={{
                  paging: value.rows.length > 20,
                  pageSize: 20,
                  search: true,
                }}
                columns={columns(groupBy)}
                data={value.rows}
                onRowClick={(_, row) =>
                  groupBy === 'team' && row && setTeam(row.key)
                }
              />
            )}
          </Grid>
          {groupBy === 'team' && team && (
            <Grid item xs={12}>
              <TeamTrend team={team} />
            </Grid>
          )}
        </Grid>
      </Content>
    </Page>
  );
}
