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
                ? report.days.from
                : `${report.days.from} to ${report.days.to}`
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
          before, on {report.previousImport.at.slice(0, 10)}. Importing it again
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
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Row</TableCell>
                <TableCell>Column</TableCell>
                <TableCell>Reason</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.rejected.map(rejected => (
                <TableRow key={`${rejected.row}-${rejected.reason}`}>
                  <TableCell>{rejected.row}</TableCell>
                  <TableCell>{rejected.column ?? '—'}</TableCell>
                  <TableCell>{rejected.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
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
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Tag</TableCell>
                <TableCell>Value</TableCell>
                <TableCell align="right">Rows</TableCell>
                <TableCell align="right">Spend</TableCell>
                <TableCell>First rows</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.unmapped.byTagValue.map(group => (
                <TableRow key={group.entityRef + (group.tagKey ?? '')}>
                  <TableCell>{group.tagKey ?? 'no tag'}</TableCell>
                  <TableCell>
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
                  </TableCell>
                  <TableCell align="right">{count(group.rows)}</TableCell>
                  <TableCell align="right">{money(group.amount)}</TableCell>
                  <TableCell>{group.firstRows.join(', ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}

      {teams.length > 0 && (
        <Section title="Spend by team">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Team</TableCell>
                <TableCell align="right">Entities</TableCell>
                <TableCell align="right">Spend</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {teams.map(team => (
                <TableRow key={team.team}>
                  <TableCell>
                    <EntityRefCell entityRef={team.team} defaultKind="Group" />
                  </TableCell>
                  <TableCell align="right">{team.entities}</TableCell>
                  <TableCell align="right">{money(team.amount)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}

      {report.mapped.byEntity.length > 0 && (
        <Section title="Spend by entity and category">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Entity</TableCell>
                <TableCell>Category</TableCell>
                <TableCell align="right">Rows</TableCell>
                <TableCell align="right">Inferences</TableCell>
                <TableCell align="right">Spend</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.mapped.byEntity.map(spend => (
                <TableRow key={`${spend.entityRef}-${spend.category}`}>
                  <TableCell>
                    <EntityRefCell
                      entityRef={spend.entityRef}
                      defaultKind="MLModel"
                    />
                  </TableCell>
                  <TableCell>{spend.category}</TableCell>
                  <TableCell align="right">{count(spend.rows)}</TableCell>
                  <TableCell align="right">
                    {spend.inferences ? count(spend.inferences) : '—'}
                  </TableCell>
                  <TableCell align="right">{money(spend.amount)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}
    </Box>
  );
}
