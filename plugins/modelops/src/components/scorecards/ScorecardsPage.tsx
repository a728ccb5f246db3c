/*
 * ScorecardsPage: how the portfolio scores by pack, by owning team or by
 * system, every count linked to the checks and entities behind it, and the
 * daily trend of a chosen team or pack over 30, 90 or 365 days with its
 * recent transitions.
 */
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
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
  ScorecardHistory,
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
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { PassRateBar } from './PassRateBar';
import {
  useScorecardResultsLink,
  type ScorecardResultsFilters,
} from './scorecardResultsLink';
import { Link } from '@backstage/core-components';

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

/** The filter of a row's drill-down: its pack, team or system. */
const rowFilter = (groupBy: GroupBy, key: string): ScorecardResultsFilters => ({
  [groupBy]: key,
});

type ResultsLink = ReturnType<typeof useScorecardResultsLink>;

function columns(
  groupBy: GroupBy,
  link: ResultsLink,
): TableColumn<ScorecardSummaryRow>[] {
  // A count links to the results it counts; a click on it is not a row
  // click (which opens a team's trend).
  const linked = (
    row: ScorecardSummaryRow,
    text: ReactNode,
    state?: ScorecardResultsFilters['state'],
  ) =>
    link ? (
      <Link
        to={link({ ...rowFilter(groupBy, row.key), state })}
        onClick={e => e.stopPropagation()}
      >
        {text}
      </Link>
    ) : (
      text
    );
  const count = (
    title: string,
    field: 'passing' | 'failing' | 'waived',
    state: ScorecardResultsFilters['state'],
  ): TableColumn<ScorecardSummaryRow> => ({
    title,
    field,
    type: 'numeric',
    width: '8%',
    render: row =>
      row[field] === 0 ? 0 : linked(row, String(row[field]), state),
  });
  const numeric = (title: string, field: keyof ScorecardSummaryRow) =>
    ({ title, field, type: 'numeric', width: '8%' } as const);
  const cols: TableColumn<ScorecardSummaryRow>[] = [
    {
      title: GROUP_TITLES[groupBy],
      field: 'key',
      width: '20%',
      render: row =>
        groupBy === 'pack'
          ? linked(row, groupCell(groupBy, row.key))
          : groupCell(groupBy, row.key),
    },
    {
      title: 'Entities',
      field: 'entities',
      type: 'numeric',
      width: '8%',
      render: row => linked(row, String(row.entities)),
    },
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
    count('Passing', 'passing', 'pass'),
    count('Failing', 'failing', 'fail'),
    count('Waived', 'waived', 'waived'),
  ];
  if (groupBy === 'pack') {
    cols.push({
      title: 'Entities per level',
      render: row => (
        <Box display="flex" gap={0.5} sx={{ whiteSpace: 'nowrap' }}>
          {LEVELS.map(l => {
            const entities = row.levels?.[l] ?? 0;
            return (
              <LevelChip
                key={l}
                level={l}
                label={String(entities)}
                faded={entities === 0}
              />
            );
          })}
        </Box>
      ),
    });
  }
  return cols;
}

/** A level in words: "none" reached, or a pack that does not apply. */
function levelWords(level: PackLevel | undefined): string {
  if (level === undefined) return 'not applicable';
  return level === 'none' ? 'no level' : level;
}

/** Check transitions and level changes together, newest first, ten at most. */
function recentChanges(history: ScorecardHistory | undefined) {
  if (!history) return [];
  return [
    ...history.changes.map(c => ({ ...c, what: c.checkId })),
    ...history.levelChanges.map(l => ({ ...l, what: `level:${l.pack}` })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 10);
}

/** The spans a trend can be drawn over, in days. */
const TREND_DAYS = [30, 90, 365] as const;

/** What a trend is drawn for: a team or a pack. */
type TrendScope = { team: string } | { pack: string };

function GroupTrend(props: { scope: TrendScope }) {
  const api = useApi(scorecardApiRef);
  const [days, setDays] = useState<(typeof TREND_DAYS)[number]>(90);
  const key = 'team' in props.scope ? props.scope.team : props.scope.pack;
  const { value, loading, error } = useAsync(
    () => api.getHistory(props.scope, days),
    [api, key, days],
  );
  const teamTitle = useEntityTitles(['team' in props.scope ? key : '']).get(
    key,
  );
  const title = 'team' in props.scope ? teamTitle ?? key : packTitle(key);
  const checkTitles = useAsync(async () => {
    const checks = await api.listChecks();
    return new Map(checks.map(c => [c.id, c.title]));
  }, [api]);
  const spans = (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={days}
      onChange={(_, v) => v && setDays(v)}
      aria-label="Trend span"
    >
      {TREND_DAYS.map(d => (
        <ToggleButton key={d} value={d}>
          {d} days
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <InfoCard
      title={`Trend: ${title}`}
      subheader={`Daily score and checks passing, last ${days} days`}
      action={spans}
    >
      {!value || value.trend.length === 0 ? (
        <Typography>No daily points yet for {title}.</Typography>
      ) : (
        <Suspense fallback={<Progress />}>
          <ScorecardTrendChart points={value.trend} />
        </Suspense>
      )}
      <Typography variant="subtitle2" mt={2}>
        Recent changes
      </Typography>
      {value?.changes.length === 0 && value.levelChanges.length === 0 && (
        <Typography variant="body2">
          No check changed between passing and failing, and no level changed, in
          these {days} days.
        </Typography>
      )}
      <ul aria-label="Recent check changes">
        {recentChanges(value).map(c => (
          <li key={`${c.entityRef}-${c.what}-${c.at}`}>
            <TimeLabel value={c.at} />{' '}
            <EntityRefCell entityRef={c.entityRef} defaultKind="MLModel" />{' '}
            {'checkId' in c ? (
              <>
                {checkTitles.value?.get(c.checkId) ?? c.checkId}:{' '}
                {c.to === 'fail' ? 'passing → failing' : 'failing → passing'}
                {c.cause && ` (${c.cause})`}
              </>
            ) : (
              <>
                {packTitle(c.pack)} level: {levelWords(c.from)} →{' '}
                {levelWords(c.to)} ({c.cause})
              </>
            )}
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
  const [trend, setTrend] = useState<TrendScope | undefined>();
  const { value, loading, error } = useAsync(
    () => api.getSummary(groupBy),
    [api, groupBy],
  );

  const link = useScorecardResultsLink();
  const tableColumns = useMemo(() => columns(groupBy, link), [groupBy, link]);

  const body = (
    <>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={groupBy}
        onChange={(_, v) => {
          if (!v) return;
          setGroupBy(v);
          setTrend(undefined);
        }}
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
                groupBy === 'system'
                  ? 'Every count opens the checks and entities behind it'
                  : `Select a ${groupBy} to see its daily trend; every count opens the checks and entities behind it`
              }
              options={{
                paging: value.rows.length > 20,
                pageSize: 20,
                search: true,
              }}
              columns={tableColumns}
              // material-table keeps row state by id.
              data={value.rows.map(row => ({ ...row, id: row.key }))}
              onRowClick={(_, row) => {
                if (!row) return;
                if (groupBy === 'team') setTrend({ team: row.key });
                if (groupBy === 'pack') setTrend({ pack: row.key });
              }}
            />
          )}
        </Grid>
        {trend && (
          <Grid item xs={12}>
            <GroupTrend scope={trend} />
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
