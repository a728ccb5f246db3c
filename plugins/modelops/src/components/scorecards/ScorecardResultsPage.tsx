/*
 * ScorecardResultsPage: the checks and entities behind a scorecard figure.
 * Every count on the scorecards page, the ML home and the campaigns links
 * here with its filters (pack, team, system, check, entity, state) in the
 * URL, so a list can be shared; each row names the entity, the check, its
 * state and what the check found.
 */
import {
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  EffectiveCheckState,
  ScorecardResultRow,
} from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { EntityRefCell } from '../common/EntityRefCell';
import { PageFrame } from '../common/PageFrame';
import { useEntityTitles } from '../common/useEntityTitles';
import { packTitle } from './packTitle';
import { PassRateBar } from './PassRateBar';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import {
  RESULT_FILTER_KEYS,
  resultsSearch,
  type ScorecardResultsFilters,
} from './scorecardResultsLink';

/** The most rows one list shows; the total says when there are more. */
const MAX_ROWS = 1000;

const STATE_LABELS: Record<EffectiveCheckState, string> = {
  fail: 'failing',
  waived: 'waived',
  pass: 'passing',
};
const STATE_COLORS = {
  fail: 'error',
  waived: 'warning',
  pass: 'success',
} as const;

const FILTER_LABELS: Record<(typeof RESULT_FILTER_KEYS)[number], string> = {
  pack: 'Pack',
  team: 'Team',
  system: 'System',
  checkId: 'Check',
  entityRef: 'Entity',
  state: 'Status',
};

function readFilters(params: URLSearchParams): ScorecardResultsFilters {
  const filters: Record<string, string> = {};
  for (const key of RESULT_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters as ScorecardResultsFilters;
}

const columns: TableColumn<ScorecardResultRow>[] = [
  {
    title: 'Entity',
    field: 'entityRef',
    render: row => (
      <EntityRefCell entityRef={row.entityRef} defaultKind={row.kind} />
    ),
  },
  {
    title: 'Check',
    field: 'checkTitle',
    render: row => (
      <Box>
        <Typography variant="body2">{row.checkTitle}</Typography>
        <Typography variant="caption" color="text.secondary">
          {packTitle(row.pack)} · {row.level} · {row.severity}
        </Typography>
      </Box>
    ),
  },
  {
    title: 'Status',
    field: 'state',
    render: row => (
      <Chip
        size="small"
        color={STATE_COLORS[row.state]}
        label={STATE_LABELS[row.state]}
      />
    ),
  },
  {
    title: 'What was found',
    field: 'message',
    render: row =>
      row.message ?? (row.state === 'pass' ? 'Meets the check.' : '—'),
  },
  {
    title: 'Team',
    field: 'owner',
    render: row => <EntityRefCell entityRef={row.owner} defaultKind="Group" />,
  },
];

/** Props of {@link ScorecardResultsPage}. */
export interface ScorecardResultsPageProps {
  /** Drawn as a tab of the scorecards section, without a page header. */
  embedded?: boolean;
}

/**
 * The list of check results behind a scorecard figure, filtered by the URL.
 */
export function ScorecardResultsPage(props: ScorecardResultsPageProps) {
  const api = useApi(scorecardApiRef);
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const search = resultsSearch(filters);
  const { value, loading, error } = useAsync(
    () => api.getResults({ ...filters, limit: MAX_ROWS }),
    [api, search],
  );
  const refs = [filters.team, filters.system, filters.entityRef].filter(
    (r): r is string => Boolean(r),
  );
  const titles = useEntityTitles(refs);
  const setFilters = (next: ScorecardResultsFilters) =>
    setParams(new URLSearchParams(resultsSearch(next)));
  const describe = (key: (typeof RESULT_FILTER_KEYS)[number]) => {
    const v = filters[key]!;
    if (key === 'pack') return packTitle(v);
    if (key === 'state') return STATE_LABELS[v as EffectiveCheckState];
    return titles.get(v) ?? v;
  };

  const body = (
    <>
      <Box display="flex" gap={1} flexWrap="wrap" alignItems="center" mb={2}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={filters.state ?? 'all'}
          onChange={(_, v) =>
            v && setFilters({ ...filters, state: v === 'all' ? undefined : v })
          }
          aria-label="Status"
        >
          <ToggleButton value="all">All</ToggleButton>
          <ToggleButton value="fail">Failing</ToggleButton>
          <ToggleButton value="waived">Waived</ToggleButton>
          <ToggleButton value="pass">Passing</ToggleButton>
        </ToggleButtonGroup>
        {RESULT_FILTER_KEYS.filter(k => k !== 'state' && filters[k]).map(
          key => (
            <Chip
              key={key}
              label={`${FILTER_LABELS[key]}: ${describe(key)}`}
              onDelete={() => setFilters({ ...filters, [key]: undefined })}
            />
          ),
        )}
        {search && (
          <Button size="small" onClick={() => setFilters({})}>
            Clear filters
          </Button>
        )}
      </Box>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          <Box maxWidth={420} mb={1}>
            <PassRateBar
              pack={
                RESULT_FILTER_KEYS.filter(k => filters[k])
                  .map(describe)
                  .join(', ') || 'All checks'
              }
              counts={value.counts}
            />
          </Box>
          <Typography variant="body2" mb={2}>
            {value.counts.entities} entities: {value.counts.failing} failing,{' '}
            {value.counts.waived} waived, {value.counts.passing} passing checks.
            {value.total > value.items.length &&
              ` Showing the first ${value.items.length} of ${value.total}; narrow the filters to see the rest.`}
          </Typography>
          <Table
            title="Checks and entities"
            options={{
              paging: value.items.length > 50,
              pageSize: 50,
              search: true,
            }}
            columns={columns}
            data={value.items.map(row => ({
              ...row,
              id: `${row.entityRef} ${row.checkId}`,
            }))}
          />
        </>
      )}
    </>
  );
  return (
    <PageFrame
      title="Checks and entities"
      subtitle="The check results behind a scorecard figure"
      embedded={props.embedded}
    >
      {body}
    </PageFrame>
  );
}
