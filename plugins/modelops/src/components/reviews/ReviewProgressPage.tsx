import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type {
  ReviewCycle,
  ReviewFinding,
  ReviewTeamProgress,
} from '@modelops/plugin-modelops-common';
import { reviewApiRef } from '../../api/reviewApiRef';
import { EntityRefCell } from '../common/EntityRefCell';
import { PageFrame } from '../common/PageFrame';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { TimeLabel } from '../common/TimeLabel';
import { formatDate } from '../common/formatTime';

// "1 Oct 2026 to 31 Dec 2026": a cycle's period runs from midnight UTC of
// its first day up to (not including) midnight of the day after its last.
function periodOf(cycle: ReviewCycle): string {
  const start = Date.parse(cycle.periodStart);
  const end = Date.parse(cycle.periodEnd);
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return `period from ${formatDate(cycle.period)}`;
  }
  const day = (ms: number) =>
    formatDate(new Date(ms).toISOString().slice(0, 10));
  return `${day(start)} to ${day(end - 1)}`;
}

const FINDING_LABELS: Record<ReviewFinding['type'], string> = {
  'owner-not-found': 'Owner not in catalog',
  'owner-without-members': 'Owner group has no members',
  'missing-steward': 'No data steward',
  'missing-business-owner': 'No business owner',
  'attestation-overdue': 'Attestation overdue',
};

const teamColumns: TableColumn<ReviewTeamProgress>[] = [
  {
    title: 'Team',
    field: 'team',
    render: row => (
      <EntityRefCell entityRef={row.team} defaultKind="Group" maxWidth={200} />
    ),
  },
  {
    title: 'Done',
    field: 'percentDone',
    render: row => (
      <Box display="flex" alignItems="center" gap={1} minWidth={160}>
        <LinearProgress
          variant="determinate"
          value={row.percentDone}
          sx={{ flexGrow: 1 }}
          aria-label={`${row.team} ${row.percentDone}% done`}
        />
        <Typography variant="body2">{row.percentDone}%</Typography>
      </Box>
    ),
  },
  { title: 'Entities', field: 'total', type: 'numeric' },
  { title: 'Pending', field: 'pending', type: 'numeric' },
  { title: 'Overdue', field: 'overdue', type: 'numeric' },
  { title: 'Kept', field: 'kept', type: 'numeric' },
  { title: 'Transfer pending', field: 'transferPending', type: 'numeric' },
  { title: 'Transferred', field: 'transferred', type: 'numeric' },
  { title: 'Retire', field: 'retired', type: 'numeric' },
];

const findingColumns: TableColumn<ReviewFinding>[] = [
  {
    title: 'Problem',
    field: 'type',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => FINDING_LABELS[row.type],
  },
  {
    title: 'Entity',
    field: 'entityRef',
    render: row => (
      <EntityRefCell
        entityRef={row.entityRef}
        defaultKind="MLModel"
        maxWidth={260}
      />
    ),
  },
  {
    title: 'Owner',
    field: 'ownerRef',
    render: row => (
      <EntityRefCell
        entityRef={row.ownerRef}
        defaultKind="Group"
        maxWidth={180}
      />
    ),
  },
  { title: 'Details', field: 'message' },
];

/** Props of {@link ReviewProgressPage}. */
export interface ReviewProgressPageProps {
  /** Drawn as a tab of the reviews section, without a page header. */
  embedded?: boolean;
}

/**
 * Review progress of every team in the open cycles, with the ownership
 * problems found: orphans, missing stewards and business owners, overdue
 * attestations.
 *
 * @public
 */
export function ReviewProgressPage(props: ReviewProgressPageProps) {
  const reviewApi = useApi(reviewApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [progress, findings] = await Promise.all([
      reviewApi.getProgress(),
      reviewApi.getFindings(),
    ]);
    return { progress, findings };
  }, [reviewApi]);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <RequestErrorPanel
        error={error}
        forbiddenMessage="Review progress is visible to the review administrators."
      />
    );
  } else if (value) {
    const { progress, findings } = value;
    body = (
      <Stack spacing={3}>
        <InfoCard title="Open cycles">
          {progress.cycles.length === 0 ? (
            <Typography>No review cycle is open.</Typography>
          ) : (
            progress.cycles.map(c => (
              <Typography key={c.id} variant="body2">
                {c.kind} ({c.lifecycles.join(', ')}), {periodOf(c)}:{' '}
                {c.decidedCount} of {c.itemCount} decided, due{' '}
                <TimeLabel value={c.dueAt} />
              </Typography>
            ))
          )}
        </InfoCard>
        <Table<ReviewTeamProgress>
          title="Progress by team"
          columns={teamColumns}
          // material-table keeps row state by id.
          data={progress.teams.map(row => ({ ...row, id: row.team }))}
          options={{ paging: false, search: false }}
        />
        <Table<ReviewFinding>
          title={`Ownership problems (${findings.items.length})`}
          columns={findingColumns}
          data={findings.items.map((row, index) => ({
            ...row,
            id: `${row.type}:${row.entityRef}:${index}`,
          }))}
          options={{ paging: findings.items.length > 20, pageSize: 20 }}
        />
      </Stack>
    );
  }
  return (
    <PageFrame
      title="Review progress"
      subtitle="Ownership attestation by team"
      embedded={props.embedded}
    >
      {body}
    </PageFrame>
  );
}
