/*
 * ScorecardsPage: how the portfolio scores by pack, by owning team or by
 * system, and the daily trend of a chosen team.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { PageFrame } from '../common/PageFrame';
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
import { packTitle } from './packTitle';
import { EntityRefCell } from '../common/EntityRefCell';
import { TimeLabel } from '../common/TimeLabel';
import { useEntityTitles } from '../common/useEntityTitles';
import { scorecardApiRef } from './scorecardApiRef';
import { PassRateBar } from './PassRateBar';

const ScorecardTrendChart = lazy(() => import('./ScorecardTrendChart'));

type GroupBy = ScorecardSummary['groupBy'];
const LEVELS: PackLevel[] = ['none', 'bronze', 'silver', 'gold'];
const GROUP_TITLES: Record<GroupBy, string> = {
  pack: 'Pack',
  team: 'Team',
  system: 'System',
};

// The group's name: a pack title, or the team's or system's catalog title.
function groupCell(groupBy: GroupBy, key: string) {
  if (groupBy === 'pack') {
    return <Box sx={{ whiteSpace: 'nowrap' }}>{packTitle(key)}</Box>;
  }
  return (
    <EntityRefCell
      entityRef={key}
      defaultKind={groupBy === 'team' ? 'Group' : 'System'}
      maxWidth={280}
    />
  );
}

function columns(groupBy: GroupBy): TableColumn<ScorecardSummaryRow>[] {
  const numeric = (title: string, field: keyof ScorecardSummaryRow) =>
    ({ title, field, type: 'numeric', width: '8%' } as const);
  const cols: TableColumn<ScorecardSummaryRow>[] = [
    {
      title: GROUP_TITLES[groupBy],
      field: 'key',
      width: '20%',
      render: row => groupCell(groupBy, row.key),
    },
    numeric('Entities', 'entities'),
    {
      title: 'Pass rate',
      width: '18%',
      render: row => (
        <PassRateBar
          pack={
            groupBy === 'pack' ? packTitle(row.key) : row.key.split('/').pop()!
          }
          counts={row}
        />
      ),
    },
    numeric(groupBy === 'pack' ? 'Weighted score' : 'Mean score', 'score'),
    numeric('Passing', 'passing'),
    numeric('Failing', 'failing'),
    numeric('Waived', 'waived'),
  ];
  if (groupBy === 'pack') {
    cols.push({
      title: 'Entities per level',
      render: row => (
        <Box display="flex" gap={0.5} sx={{ whiteSpace: 'nowrap' }}>
          {LEVELS.map(l => {
            const count = row.levels?.[l] ?? 0;
            return (
              <LevelChip
                key={l}
                level={l}
                label={String(count)}
                faded={count === 0}
              />
            );
          })}
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
  const teamTitle = useEntityTitles([props.team]).get(props.team) ?? props.team;
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.trend.length === 0) {
    return <Typography>No daily points yet for {teamTitle}.</Typography>;
  }
  return (
    <InfoCard
      title={`Trend: ${teamTitle}`}
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
            <TimeLabel value={c.at} />{' '}
            <EntityRefCell entityRef={c.entityRef} defaultKind="MLModel" />{' '}
            {c.checkId}: {c.from ?? 'new'} → {c.to}
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}

/** Props of {@link ScorecardsPage}. */
export interface ScorecardsPageProps {
  /** Drawn as a tab of the scorecards section, without a page header. */
  embedded?: boolean;
}

/**
 * Portfolio scorecards page.
 *
 * @public
 */
export function ScorecardsPage(props: ScorecardsPageProps) {
  const api = useApi(scorecardApiRef);
  const [groupBy, setGroupBy] = useState<GroupBy>('pack');
  const [team, setTeam] = useState<string | undefined>();
  const { value, loading, error } = useAsync(
    () => api.getSummary(groupBy),
    [api, groupBy],
  );

  const tableColumns = useMemo(() => columns(groupBy), [groupBy]);

  const body = (
    <>
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
              subtitle={
                groupBy === 'team'
                  ? 'Select a team to see its daily trend'
                  : undefined
              }
              options={{
                paging: value.rows.length > 20,
                pageSize: 20,
                search: true,
              }}
              columns={tableColumns}
              // material-table keeps row state by id.
              data={value.rows.map(row => ({ ...row, id: row.key }))}
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
    </>
  );
  // As a tab, the section's header already names the page.
  return props.embedded ? (
    body
  ) : (
    <PageFrame
      title="Scorecards"
      subtitle="Production readiness, responsible AI, data governance, documentation, ownership and cost"
    >
      {body}
    </PageFrame>
  );
}
