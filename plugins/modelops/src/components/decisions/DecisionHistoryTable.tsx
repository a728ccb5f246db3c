import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { alertApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  DecisionAction,
  DecisionScope,
} from '@modelops/plugin-modelops-common';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { downloadCsv } from '../common/downloadCsv';
import { EntityRefCell } from '../common/EntityRefCell';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { describeError } from '../reviews/describeError';
import { decisionApiRef } from '../../api/decisionApiRef';

type ChipColor = 'default' | 'success' | 'error' | 'warning' | 'info';

/** How each kind of decision is labelled, and its colour. */
const ACTIONS: Record<DecisionAction, [string, ChipColor]> = {
  'waiver-requested': ['Waiver requested', 'default'],
  'waiver-approved': ['Waiver approved', 'warning'],
  'waiver-rejected': ['Waiver rejected', 'error'],
  'waiver-withdrawn': ['Waiver withdrawn', 'default'],
  'change-requested': ['Change requested', 'default'],
  'change-approved': ['Change approved', 'success'],
  'change-rejected': ['Change rejected', 'error'],
  'review-kept': ['Ownership confirmed', 'success'],
  'review-transfer-offered': ['Transfer offered', 'info'],
  'review-transfer-accepted': ['Transfer accepted', 'info'],
  'review-retired': ['Retired', 'warning'],
};

const PAGE_SIZES = [10, 25, 50];

function when(at: string): string {
  return `${new Date(at).toLocaleString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })} UTC`;
}

/** Props of {@link DecisionHistoryTable}. */
export interface DecisionHistoryTableProps {
  /** One entity's decisions, or those about a team's entities. */
  scope: DecisionScope;
  title?: string;
}

/**
 * The decision history of an entity or a team: every waiver request and
 * decision, change approval, review attestation, transfer and retirement,
 * newest first, with who decided (by name, from the catalog), when, what
 * and why, a page at a time, and the whole history as CSV for an auditor.
 */
export function DecisionHistoryTable(props: DecisionHistoryTableProps) {
  const { scope } = props;
  const decisionApi = useApi(decisionApiRef);
  const fetchApi = useApi(fetchApiRef);
  const alertApi = useApi(alertApiRef);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[1]);
  const [exporting, setExporting] = useState(false);
  const scopeKey = 'team' in scope ? `team:${scope.team}` : scope.entityRef;
  const showEntity = 'team' in scope;

  const { value, loading, error } = useAsync(
    () =>
      decisionApi.listDecisions({
        ...scope,
        limit: pageSize,
        offset: page * pageSize,
      }),
    [decisionApi, scopeKey, page, pageSize],
  );

  async function exportCsv() {
    setExporting(true);
    try {
      await downloadCsv(
        fetchApi,
        await decisionApi.getDecisionsCsvUrl(scope),
        `modelops-decisions-${scopeKey.replace(/[^A-Za-z0-9._-]+/g, '-')}.csv`,
      );
    } catch (e) {
      alertApi.post({
        message: `CSV export failed: ${describeError(e)}`,
        severity: 'error',
      });
    } finally {
      setExporting(false);
    }
  }

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = (
      <RequestErrorPanel
        error={error}
        forbiddenMessage="The decision history is visible to those who may see the entity."
      />
    );
  } else if (value && value.total === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No decisions yet"
        description="Waivers, production changes and ownership reviews appear here once someone requests or decides one."
      />
    );
  } else if (value) {
    body = (
      <>
        <Table size="small" aria-label="Decision history">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Who</TableCell>
              {showEntity && <TableCell>Entity</TableCell>}
              <TableCell>What</TableCell>
              <TableCell>Why</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.items.map(decision => {
              const [label, color] = ACTIONS[decision.action] ?? [
                decision.action,
                'default',
              ];
              return (
                <TableRow key={decision.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {when(decision.at)}
                  </TableCell>
                  <TableCell>
                    <EntityRefLink
                      entityRef={decision.actorRef}
                      defaultKind="User"
                    />
                    {decision.authority === 'admin' && (
                      <Typography variant="caption" display="block">
                        as review admin
                      </Typography>
                    )}
                  </TableCell>
                  {showEntity && (
                    <TableCell>
                      <EntityRefCell
                        entityRef={decision.entityRef}
                        defaultKind="MLModel"
                      />
                    </TableCell>
                  )}
                  <TableCell>
                    <Chip size="small" color={color} label={label} />
                    <Typography variant="body2">{decision.what}</Typography>
                  </TableCell>
                  <TableCell>
                    {/* Free text: rendered as text, never as markup. */}
                    <Typography variant="body2" color="text.secondary">
                      {decision.why ?? '—'}
                    </Typography>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        <TablePagination
          component="div"
          count={value.total}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_event, next) => setPage(next)}
          onRowsPerPageChange={event => {
            setPageSize(Number(event.target.value));
            setPage(0);
          }}
        />
      </>
    );
  }

  return (
    <InfoCard
      title={props.title ?? 'Decision history'}
      subheader="Waivers, production changes and ownership reviews: who decided what, when and why"
      action={
        <Button
          variant="outlined"
          disabled={exporting || !value || value.total === 0}
          onClick={exportCsv}
        >
          Export CSV
        </Button>
      }
    >
      {body}
    </InfoCard>
  );
}
