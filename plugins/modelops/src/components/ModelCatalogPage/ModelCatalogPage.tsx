import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
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
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { Content, Header, Page } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { EntityRefCell } from '../common/EntityRefCell';
import { Entity } from '@backstage/catalog-model';
import { MODEL_FACETS } from './modelCatalogQuery';
import { useModelCatalog, ModelCatalogState } from './useModelCatalog';

const PAGE_SIZES = [25, 50, 100];

function spec(entity: Entity): Record<string, any> {
  return (entity.spec ?? {}) as Record<string, any>;
}

function Filters(props: { state: ModelCatalogState }) {
  const { state } = props;
  return (
    // A row of filters above the table rather than a side column: the table
    // gets the page's full width, which its eight columns need.
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
      <TextField
        label="Search models"
        size="small"
        value={state.term}
        onChange={e => state.setTerm(e.target.value)}
        inputProps={{ 'aria-label': 'Search models' }}
      />
      {MODEL_FACETS.map(facet => {
        const options = state.facets[facet.field] ?? [];
        const counts = new Map(options.map(o => [o.value, o.count]));
        return (
          <Autocomplete
            key={facet.field}
            multiple
            size="small"
            options={options.map(o => o.value)}
            value={state.selection[facet.field] ?? []}
            onChange={(_event, values) => state.setFacet(facet.field, values)}
            getOptionLabel={value => `${value} (${counts.get(value) ?? 0})`}
            renderTags={(values, getTagProps) =>
              values.map((value, index) => (
                <Chip
                  size="small"
                  label={value}
                  {...getTagProps({ index })}
                  key={value}
                />
              ))
            }
            renderInput={params => (
              <TextField {...params} label={facet.label} />
            )}
          />
        );
      })}
    </Box>
  );
}

function Pager(props: { state: ModelCatalogState }) {
  const { state } = props;
  const first = state.pageIndex * state.pageSize + 1;
  const last = first + state.models.length - 1;
  const total = state.totalItems;
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
        value={state.pageSize}
        onChange={e => state.setPageSize(Number(e.target.value))}
        sx={{ width: 90 }}
      >
        {PAGE_SIZES.map(size => (
          <MenuItem key={size} value={size}>
            {size}
          </MenuItem>
        ))}
      </TextField>
      <Typography variant="body2" aria-live="polite">
        {state.models.length === 0
          ? 'No models'
          : `${first}–${last}${
              total ? ` of ${total.toLocaleString('en-US')}` : ''
            }`}
      </Typography>
      <Button
        size="small"
        onClick={state.previousPage}
        disabled={!state.previousPage}
      >
        Previous
      </Button>
      <Button size="small" onClick={state.nextPage} disabled={!state.nextPage}>
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
        <Chip key={tag} size="small" label={tag} />
      ))}
      {hidden.length > 0 && (
        <Tooltip title={hidden.join(', ')}>
          <Chip size="small" variant="outlined" label={`+${hidden.length}`} />
        </Tooltip>
      )}
    </Box>
  );
}

function ModelTable(props: { state: ModelCatalogState }) {
  const { state } = props;
  return (
    <Paper>
      {state.loading && <LinearProgress aria-label="Loading models" />}
      <TableContainer>
        <Table size="small" aria-label="ML models">
          <TableHead>
            <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
              <TableCell>Model</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Lifecycle</TableCell>
              <TableCell>Risk tier</TableCell>
              <TableCell>Type</TableCell>
              <TableCell>System</TableCell>
              <TableCell>Version</TableCell>
              <TableCell>Tags</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {state.models.map(model => {
              const s = spec(model);
              return (
                <TableRow
                  key={`${model.metadata.namespace}/${model.metadata.name}`}
                  hover
                  // Short values stay on one line; the model's description
                  // and the tags may wrap.
                  sx={{
                    '& td:not(:first-of-type):not(:last-of-type)': {
                      whiteSpace: 'nowrap',
                    },
                  }}
                >
                  <TableCell sx={{ minWidth: 210 }}>
                    <EntityRefLink
                      entityRef={model}
                      title={model.metadata.title ?? model.metadata.name}
                    />
                    {model.metadata.description && (
                      <Typography
                        variant="caption"
                        color="text.secondary"
                        title={model.metadata.description}
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
                        {model.metadata.description}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <EntityRefCell
                      entityRef={s.owner}
                      defaultKind="Group"
                      maxWidth={120}
                    />
                  </TableCell>
                  <TableCell>{s.lifecycle}</TableCell>
                  <TableCell>{s.risk?.tier}</TableCell>
                  <TableCell>{s.type}</TableCell>
                  <TableCell>
                    <EntityRefCell
                      entityRef={s.system}
                      defaultKind="System"
                      maxWidth={150}
                    />
                  </TableCell>
                  <TableCell>{s.version}</TableCell>
                  <TableCell sx={{ minWidth: 120 }}>
                    <ModelTags tags={model.metadata.tags ?? []} />
                  </TableCell>
                </TableRow>
              );
            })}
            {!state.loading && state.models.length === 0 && (
              <TableRow>
                <TableCell colSpan={8}>
                  No models match. Clear a filter, or register models of kind
                  MLModel in the catalog.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <Pager state={state} />
    </Paper>
  );
}

/**
 * The body of the model catalog: facet filters and a server-paged table.
 *
 * @public
 */
export function ModelCatalogContent() {
  const state = useModelCatalog();
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Filters state={state} />
      </Grid>
      <Grid item xs={12}>
        {state.error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            Models could not be loaded: {state.error.message}
          </Alert>
        )}
        <Box>
          <ModelTable state={state} />
        </Box>
      </Grid>
    </Grid>
  );
}

/**
 * The model catalog page: every MLModel entity, filterable by owner,
 * lifecycle, risk tier, type, system and tags, with text search.
 *
 * @public
 */
export function ModelCatalogPage() {
  return (
    <Page themeId="tool">
      <Header
        title="ML models"
        subtitle="Every model in the catalog, with its owner, lifecycle and risk tier"
      />
      <Content>
        <ModelCatalogContent />
      </Content>
    </Page>
  );
}
