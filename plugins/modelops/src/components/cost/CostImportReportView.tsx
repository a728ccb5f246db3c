/*
 * CostImportReportView: what a billing import read, for FinOps to check
 * before it counts: the format and cost column detected, row counts, mapped
 * and unmapped totals, unmapped spend by tag value (the tags to fix),
 * rejected rows with their reasons, and the entities and teams the spend
 * goes to. The same view shows a dry run and a finished import.
 */
import type {
  CostImportMappedSpend,
  CostImportReport,
} from '@modelops/plugin-modelops-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { EntityRefCell } from '../common/EntityRefCell';
import { formatDate } from '../common/formatTime';
import { formatCost } from './formatCost';

const count = (n: number) => n.toLocaleString('en-US');

function Figure(props: { label: string; value: ReactNode }) {
  return (
    <Box sx={{ minWidth: 120 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="h6" component="div">
        {props.value}
      </Typography>
    </Box>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mt: 3 }} aria-label={props.title}>
      <Typography variant="subtitle1" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** A column of a report table: its heading and what each row shows. */
interface Column<T> {
  title: string;
  numeric?: boolean;
  cell(row: T): ReactNode;
}

// Every list of the report is one of these: a small table, numbers right.
function ReportTable<T>(props: {
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string;
}) {
  const { columns, rows, rowKey } = props;
  const align = (column: Column<T>) => (column.numeric ? 'right' : undefined);
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {columns.map(column => (
            <TableCell key={column.title} align={align(column)}>
              {column.title}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={rowKey(row)}>
            {columns.map(column => (
              <TableCell key={column.title} align={align(column)}>
                {column.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Spend per owning team, from the spend per entity. */
export function teamsOf(
  spend: CostImportMappedSpend[],
): Array<{ team: string; amount: number; entities: number }> {
  const teams = new Map<string, { amount: number; entities: Set<string> }>();
  for (const item of spend) {
    const team = item.owner ?? 'unowned';
    const entry = teams.get(team) ?? { amount: 0, entities: new Set() };
    entry.amount += item.amount;
    entry.entities.add(item.entityRef);
    teams.set(team, entry);
  }
  return [...teams.entries()]
    .map(([team, entry]) => ({
      team,
      amount: Math.round(entry.amount * 1e6) / 1e6,
      entities: entry.entities.size,
    }))
    .sort((a, b) => b.amount - a.amount);
}

/** Props of {@link CostImportReportView}. */
export interface CostImportReportViewProps {
  report: CostImportReport;
}

/** The figures and lists of an import report. */
export function CostImportReportView(props: CostImportReportViewProps) {
  const { report } = props;
  const money = (amount: number) => formatCost(amount, report.currency);
  const teams = teamsOf(report.mapped.byEntity);
  return (
    <Box>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        <Chip label={report.format.version} color="primary" size="small" />
        <Chip
          label={`cost: ${report.amount.column}`}
          variant="outlined"
          size="small"
        />
        <Chip
          label={`source: ${report.source}`}
          variant="outlined"
          size="small"
        />
        {report.days.from && (
          <Chip
            label={
              report.days.from === report.days.to
                ? formatDate(report.days.from)
                : `${formatDate(report.days.from)} to ${formatDate(
                    report.days.to!,
                  )}`
            }
            variant="outlined"
            size="small"
          />
        )}
      </Stack>
      <Stack
        direction="row"
        spacing={4}
        flexWrap="wrap"
        useFlexGap
        sx={{ mt: 2 }}
      >
        <Figure label="Rows read" value={count(report.rows.read)} />
        <Figure label="Mapped" value={money(report.mapped.total)} />
        <Figure label="Unmapped" value={money(report.unmapped.total)} />
        <Figure label="Total" value={money(report.total)} />
        <Figure label="Rejected rows" value={count(report.rows.rejected)} />
        <Figure label="Daily records" value={count(report.records)} />
      </Stack>
      {report.previousImport && (
        <Alert severity="info" sx={{ mt: 2 }}>
          This file was {report.previousImport.dryRun ? 'dry-run' : 'imported'}{' '}
          before, on {formatDate(report.previousImport.at)}. Importing it again
          replaces what it wrote; nothing is counted twice.
        </Alert>
      )}
      {report.replacedRecords > 0 && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {report.dryRun ? 'Replaces' : 'Replaced'}{' '}
          {count(report.replacedRecords)} earlier records of {report.source} on
          these days.
        </Typography>
      )}

      {report.rejected.length > 0 && (
        <Section title="Rejected rows">
          <ReportTable
            rows={report.rejected}
            rowKey={rejected => `${rejected.row}-${rejected.reason}`}
            columns={[
              { title: 'Row', cell: rejected => rejected.row },
              { title: 'Column', cell: rejected => rejected.column ?? '—' },
              { title: 'Reason', cell: rejected => rejected.reason },
            ]}
          />
          {report.rows.rejected > report.rejected.length && (
            <Typography variant="caption">
              The first {report.rejected.length} of{' '}
              {count(report.rows.rejected)} rejected rows.
            </Typography>
          )}
        </Section>
      )}

      {report.unmapped.byTagValue.length > 0 && (
        <Section title="Unmapped spend by tag value">
          <ReportTable
            rows={report.unmapped.byTagValue}
            rowKey={group => group.entityRef + (group.tagKey ?? '')}
            columns={[
              { title: 'Tag', cell: group => group.tagKey ?? 'no tag' },
              {
                title: 'Value',
                cell: group => (
                  <>
                    {group.tagValue ?? '—'}
                    {group.unknownEntityRef && (
                      <Chip
                        size="small"
                        color="warning"
                        variant="outlined"
                        sx={{ ml: 1 }}
                        label="not in the catalog"
                      />
                    )}
                  </>
                ),
              },
              {
                title: 'Rows',
                numeric: true,
                cell: group => count(group.rows),
              },
              {
                title: 'Spend',
                numeric: true,
                cell: group => money(group.amount),
              },
              {
                title: 'First rows',
                cell: group => group.firstRows.join(', '),
              },
            ]}
          />
        </Section>
      )}

      {teams.length > 0 && (
        <Section title="Spend by team">
          <ReportTable
            rows={teams}
            rowKey={team => team.team}
            columns={[
              {
                title: 'Team',
                cell: team => (
                  <EntityRefCell entityRef={team.team} defaultKind="Group" />
                ),
              },
              { title: 'Entities', numeric: true, cell: team => team.entities },
              {
                title: 'Spend',
                numeric: true,
                cell: team => money(team.amount),
              },
            ]}
          />
        </Section>
      )}

      {report.mapped.byEntity.length > 0 && (
        <Section title="Spend by entity and category">
          <ReportTable
            rows={report.mapped.byEntity}
            rowKey={spend => `${spend.entityRef}-${spend.category}`}
            columns={[
              {
                title: 'Entity',
                cell: spend => (
                  <EntityRefCell
                    entityRef={spend.entityRef}
                    defaultKind="MLModel"
                  />
                ),
              },
              { title: 'Category', cell: spend => spend.category },
              {
                title: 'Rows',
                numeric: true,
                cell: spend => count(spend.rows),
              },
              {
                title: 'Inferences',
                numeric: true,
                cell: spend =>
                  spend.inferences ? count(spend.inferences) : '—',
              },
              {
                title: 'Spend',
                numeric: true,
                cell: spend => money(spend.amount),
              },
            ]}
          />
        </Section>
      )}
    </Box>
  );
}
