import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useDebounce from 'react-use/esm/useDebounce';
import { Content, Header, Page } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { EntityRefCell } from '../common/EntityRefCell';
import { ML_PAGE_THEME } from '../common/PageFrame';
import { RiskTierChip } from '../common/RiskTierChip';
import { formatMonth } from '../common/formatTime';
import { COST_FORBIDDEN_MESSAGE } from '../cost/costForbiddenMessage';
import { formatCost } from '../cost/formatCost';
import { LevelChip } from '../scorecards/LevelChip';
import {
  FacetKey,
  LevelState,
  MODEL_FACETS,
  ModelRow,
  REF_FACETS,
  SortKey,
} from './modelRows';
import {
  defaultDirection,
  ModelListQueryState,
  PAGE_SIZES,
  useModelListQuery,
} from './modelListQuery';
import {
  CostColumn,
  ModelCatalogState,
  useModelCatalog,
} from './useModelCatalog';

type Props = { list: ModelListQueryState; state: ModelCatalogState };

/** The label of a facet value: display names for owners and systems. */
function valueLabel(
  key: FacetKey,
  value: string,
  titles: Map<string, string>,
): string {
  return REF_FACETS.has(key) ? titles.get(value) ?? value : value;
}

/**
 * The search field: typed text goes to the URL after a pause, replacing the
 * history entry, so the back button does not step through every letter.
 */
function SearchField(props: { list: ModelListQueryState }) {
  const { query, update } = props.list;
  const [text, setText] = useState(query.term);
  // The URL may change under the field (back button, a chip removed); a
  // change the field wrote itself must not reset it, or letters typed since
  // would be lost.
  const written = useRef(query.term);
  useEffect(() => {
    if (query.term !== written.current) {
      written.current = query.term;
      setText(query.term);
    }
  }, [query.term]);
  useDebounce(
    () => {
      if (text !== query.term) {
        written.current = text;
        update({ term: text }, { replace: true });
      }
    },
    300,
    [text],
  );
  return (
    <TextField
      label="Search models"
      size="small"
      value={text}
      onChange={e => setText(e.target.value)}
      inputProps={{ 'aria-label': 'Search models' }}
      helperText="Name, description, tags, owner, intended use"
    />
  );
}

function Filters(props: Props) {
  const { list, state } = props;
  return (
    // A row of filters above the table rather than a side column: the table
    // gets the page's full width, which its columns need.
    <Box
      component="form"
      role="search"
      aria-label="Filter models"
      onSubmit={e => e.preventDefault()}
      sx={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
        gap: 2,
        alignItems: 'start',
      }}
    >
      <SearchField list={list} />
      {MODEL_FACETS.map(({ key, label }) => {
        const options = state.facets[key] ?? [];
        const counts = new Map(options.map(o => [o.value, o.count]));
        const selected = list.query.selection[key] ?? [];
        return (
          <Autocomplete
            key={key}
            multiple
            size="small"
            options={options.map(o => o.value)}
            value={selected}
            onChange={(_event, values) => list.setFacet(key, values)}
            getOptionLabel={value =>
              `${valueLabel(key, value, state.titles)} (${
                counts.get(value) ?? 0
              })`
            }
            // The chosen values are the chips above the table; the field
            // only says how many it holds, so it keeps one line.
            renderTags={values => (
              <Typography variant="body2" sx={{ pl: 1 }}>
                {values.length} selected
              </Typography>
            )}
            renderInput={params => <TextField {...params} label={label} />}
          />
        );
      })}
    </Box>
  );
}

/** The search and every chosen filter value as chips that remove them. */
function ActiveFilters(props: Props) {
  const { list, state } = props;
  const { query } = list;
  const chips = MODEL_FACETS.flatMap(({ key, label }) =>
    (query.selection[key] ?? []).map(value => ({
      id: `${key}:${value}`,
      label: `${label}: ${valueLabel(key, value, state.titles)}`,
      remove: () =>
        list.setFacet(
          key,
          (query.selection[key] ?? []).filter(v => v !== value),
        ),
    })),
  );
  if (query.term.trim()) {
    chips.unshift({
      id: 'q',
      label: `Search: ${query.term.trim()}`,
      remove: () => list.update({ term: '' }),
    });
  }
  if (chips.length === 0) return null;
  return (
    <Box
      component="ul"
      aria-label="Active filters"
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 1,
        alignItems: 'center',
        listStyle: 'none',
        p: 0,
        m: 0,
      }}
    >
      {chips.map(chip => (
        <li key={chip.id}>
          <Chip
            label={chip.label}
            // The whole chip removes its filter, not only its small icon,
            // and is named for what pressing it does.
            onClick={chip.remove}
            onDelete={chip.remove}
            aria-label={`Remove ${chip.label}`}
          />
        </li>
      ))}
      <li>
        <Button
          size="small"
          onClick={() => list.update({ term: '', selection: {} })}
        >
          Clear all
        </Button>
      </li>
    </Box>
  );
}

function Pager(props: Props) {
  const { list, state } = props;
  const { pageSize } = list.query;
  const first = (state.page - 1) * pageSize + 1;
  const last = first + state.rows.length - 1;
  return (
    <Stack
      direction="row"
      spacing={2}
      alignItems="center"
      justifyContent="flex-end"
      sx={{ p: 1 }}
    >
      <TextField
        select
        size="small"
        label="Rows"
        value={pageSize}
        onChange={e => list.update({ pageSize: Number(e.target.value) })}
        sx={{ width: 90 }}
      >
        {PAGE_SIZES.map(size => (
          <MenuItem key={size} value={size}>
            {size}
          </MenuItem>
        ))}
      </TextField>
      <Typography variant="body2" aria-live="polite">
        {state.rows.length === 0
          ? 'No models'
          : `${first}–${last} of ${state.matching.toLocaleString('en-US')}`}
      </Typography>
      <Button
        size="small"
        onClick={() => list.update({ page: state.page - 1 })}
        disabled={state.page <= 1}
      >
        Previous
      </Button>
      <Button
        size="small"
        onClick={() => list.update({ page: state.page + 1 })}
        disabled={state.page >= state.pageCount}
      >
        Next
      </Button>
    </Stack>
  );
}

// Enough tags to recognise a model; the rest are a hover away.
const VISIBLE_TAGS = 2;

function ModelTags(props: { tags: string[] }) {
  const { tags } = props;
  const hidden = tags.slice(VISIBLE_TAGS);
  return (
    <Box display="flex" flexWrap="wrap" gap={0.5}>
      {tags.slice(0, VISIBLE_TAGS).map(tag => (
        // A long tag is cut with an ellipsis, whole on hover.
        <Chip
          key={tag}
          size="small"
          label={tag}
          title={tag}
          sx={{ maxWidth: 110 }}
        />
      ))}
      {hidden.length > 0 && (
        <Tooltip title={hidden.join(', ')}>
          <Chip size="small" variant="outlined" label={`+${hidden.length}`} />
        </Tooltip>
      )}
    </Box>
  );
}

function LevelCell(props: { level: LevelState | undefined }) {
  const { level } = props;
  if (level === undefined) {
    return (
      <Typography variant="body2" color="text.secondary">
        reading…
      </Typography>
    );
  }
  if (level === 'not-evaluated' || level === 'unavailable') {
    return (
      <Typography variant="body2" color="text.secondary">
        {level === 'not-evaluated' ? 'not evaluated' : 'unavailable'}
      </Typography>
    );
  }
  return <LevelChip level={level} />;
}

function costHeader(cost: CostColumn): { label: string; note?: string } {
  if (cost.state !== 'shown') return { label: 'Cost' };
  return {
    label: `Cost, ${formatMonth(cost.month)}`,
    note: cost.ownTeamsOnly ? 'your teams’ models' : undefined,
  };
}

function CostCell(props: {
  cost: CostColumn;
  row: ModelRow;
  index: number;
  rowCount: number;
}) {
  const { cost, row, index, rowCount } = props;
  if (cost.state === 'forbidden' || cost.state === 'error') {
    // Said once for the whole column rather than blank in every row.
    return index === 0 ? (
      <TableCell
        rowSpan={rowCount}
        sx={{ verticalAlign: 'top', maxWidth: 160 }}
      >
        <Typography variant="body2" color="text.secondary">
          {cost.state === 'forbidden'
            ? COST_FORBIDDEN_MESSAGE
            : `Cost could not be read: ${cost.error.message}`}
        </Typography>
      </TableCell>
    ) : null;
  }
  if (cost.state !== 'shown') {
    return (
      <TableCell>
        <Typography variant="body2" color="text.secondary">
          reading…
        </Typography>
      </TableCell>
    );
  }
  const amount = cost.costs.get(row.entityRef.toLocaleLowerCase('en-US'));
  return (
    <TableCell align="right">
      {amount === undefined ? (
        <Typography
          variant="body2"
          color="text.secondary"
          title={
            cost.ownTeamsOnly
              ? `No cost of ${formatMonth(
                  cost.month,
                )} you may read. ${COST_FORBIDDEN_MESSAGE}`
              : `No cost recorded for ${formatMonth(cost.month)}`
          }
        >
          —
        </Typography>
      ) : (
        formatCost(amount, cost.currency)
      )}
    </TableCell>
  );
}

function SortableHeader(props: {
  list: ModelListQueryState;
  sort: SortKey;
  label: string;
  note?: string;
  disabled?: boolean;
  align?: 'right';
}) {
  const { list, sort, label, note, disabled, align } = props;
  const active = list.query.sort === sort;
  const direction = active ? list.query.direction : defaultDirection(sort);
  // The active column turns round; another starts in its own direction.
  const opposite = direction === 'asc' ? 'desc' : 'asc';
  const next = active ? opposite : defaultDirection(sort);
  return (
    <TableCell
      align={align}
      sortDirection={active ? list.query.direction : false}
    >
      {disabled ? (
        label
      ) : (
        <TableSortLabel
          active={active}
          direction={direction}
          onClick={() => list.update({ sort, direction: next })}
        >
          {label}
        </TableSortLabel>
      )}
      {note && (
        <Typography
          variant="caption"
          display="block"
          color="text.secondary"
          title={COST_FORBIDDEN_MESSAGE}
        >
          {note}
        </Typography>
      )}
    </TableCell>
  );
}

function ModelTable(props: Props) {
  const { list, state } = props;
  const { cost, levels } = state;
  const showCost = cost.state !== 'absent';
  const columns = 7 + (levels ? 1 : 0) + (showCost ? 1 : 0);
  const costHead = costHeader(cost);
  return (
    <Paper>
      {state.loading && (
        <LinearProgress
          aria-label="Loading models"
          variant={state.total ? 'determinate' : 'indeterminate'}
          value={state.total ? (100 * state.loaded) / state.total : undefined}
        />
      )}
      <TableContainer>
        <Table
          size="small"
          aria-label="ML models"
          // Half the usual side padding, so the nine columns fit at 1280 px
          // beside the sidebar; the type is a filter and on the model page.
          sx={{ '& td, & th': { px: 1 } }}
        >
          <TableHead>
            <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
              <SortableHeader list={list} sort="name" label="Model" />
              <SortableHeader list={list} sort="owner" label="Owner" />
              <TableCell>System</TableCell>
              <SortableHeader list={list} sort="lifecycle" label="Lifecycle" />
              <SortableHeader list={list} sort="risk" label="Risk tier" />
              {levels && (
                <SortableHeader list={list} sort="level" label="Level" />
              )}
              {showCost && (
                <SortableHeader
                  list={list}
                  sort="cost"
                  label={costHead.label}
                  note={costHead.note}
                  disabled={cost.state !== 'shown'}
                  align="right"
                />
              )}
              <TableCell>Tags</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {state.rows.map((row, index) => (
              <TableRow
                key={row.entityRef}
                hover
                // Lifecycle, risk tier, level and cost stay on one line; the
                // description, owner and system names and the tags may wrap,
                // so the table fits its card at 1280 px.
                sx={{
                  '& td:nth-of-type(n+4):not(:last-of-type)': {
                    whiteSpace: 'nowrap',
                  },
                }}
              >
                <TableCell sx={{ minWidth: 200 }}>
                  <EntityRefLink entityRef={row.entity} title={row.title} />
                  {row.description && (
                    <Typography
                      variant="caption"
                      color="text.secondary"
                      title={row.description}
                      // Two lines at most: the table is for scanning, the
                      // full description is on the model's page.
                      sx={{
                        display: '-webkit-box',
                        WebkitLineClamp: 2,
                        WebkitBoxOrient: 'vertical',
                        overflow: 'hidden',
                        maxWidth: 420,
                      }}
                    >
                      {row.description}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <EntityRefCell
                    entityRef={row.owner}
                    defaultKind="Group"
                    maxWidth={120}
                  />
                </TableCell>
                <TableCell>
                  <EntityRefCell
                    entityRef={row.system}
                    defaultKind="System"
                    maxWidth={120}
                  />
                </TableCell>
                <TableCell>{row.lifecycle ?? '—'}</TableCell>
                <TableCell>
                  <RiskTierChip tier={row.riskTier} />
                </TableCell>
                {levels && (
                  <TableCell>
                    <LevelCell level={levels.get(row.entityRef)} />
                  </TableCell>
                )}
                {showCost && (
                  <CostCell
                    cost={cost}
                    row={row}
                    index={index}
                    rowCount={state.rows.length}
                  />
                )}
                <TableCell sx={{ width: 120 }}>
                  <ModelTags tags={row.tags} />
                </TableCell>
              </TableRow>
            ))}
            {!state.loading && state.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns}>
                  {state.loaded === 0
                    ? 'No models yet: register entities of kind MLModel in the catalog (see examples/ for one).'
                    : 'No models match. Remove a filter chip above, or search for other words.'}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <Pager list={list} state={state} />
    </Paper>
  );
}

/**
 * The body of the model list: search and facet filters with live counts,
 * active filters as chips, and a sortable, paged table; all of it in the
 * URL.
 *
 * @public
 */
export function ModelCatalogContent() {
  const list = useModelListQuery();
  const state = useModelCatalog(list.query);
  return (
    <Stack spacing={2}>
      <Filters list={list} state={state} />
      <ActiveFilters list={list} state={state} />
      {state.error && (
        <Alert severity="error">
          Models could not be loaded: {state.error.message}
        </Alert>
      )}
      <ModelTable list={list} state={state} />
    </Stack>
  );
}

/**
 * The model catalog page: every MLModel entity, searchable, filterable by
 * owner, lifecycle, risk tier, type, system and tags, sortable by name,
 * owner, lifecycle, risk tier, level and cost.
 *
 * @public
 */
export function ModelCatalogPage() {
  return (
    <Page themeId={ML_PAGE_THEME}>
      <Header
        title="ML models"
        subtitle="Every model in the catalog, with its owner, lifecycle, risk tier, level and cost"
      />
      <Content>
        <ModelCatalogContent />
      </Content>
    </Page>
  );
}
