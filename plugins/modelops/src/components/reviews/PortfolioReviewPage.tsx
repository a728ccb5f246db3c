import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { alertApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { PortfolioRow } from '@modelops/plugin-modelops-common';
import { describeError } from './describeError';
import { reviewApiRef } from './reviewApiRef';

const LEVEL_COLORS = {
  none: 'error',
  bronze: 'warning',
  silver: 'default',
  gold: 'success',
} as const;

const columns: TableColumn<PortfolioRow>[] = [
  {
    title: 'Model',
    field: 'entityRef',
    render: row => (
      <>
        <Typography variant="body2">{row.title ?? row.entityRef}</Typography>
        <Typography variant="caption" color="text.secondary">
          {row.entityRef}
        </Typography>
      </>
    ),
  },
  { title: 'Owner', field: 'owner' },
  { title: 'Business owner', field: 'businessOwner' },
  {
    title: 'KPIs',
    field: 'kpis',
    customSort: (a, b) => a.kpis.length - b.kpis.length,
    render: row =>
      row.kpis.length === 0
        ? '—'
        : row.kpis.map(k => (
            <Typography key={k.name} variant="body2">
              {k.name}
              {k.target ? ` ${k.target}` : ''}
            </Typography>
          )),
  },
  {
    title: 'Level',
    field: 'scorecardLevel',
    render: row =>
      row.scorecardLevel ? (
        <Chip size="small" label={row.scorecardLevel} color={LEVEL_COLORS[row.scorecardLevel]} />
      ) : (
        '—'
      ),
  },
  { title: 'Score', field: 'scorecardScore', type: 'numeric' },
  {
    title: 'Monthly cost',
    field: 'monthlyCost',
    type: 'numeric',
    render: row =>
      row.monthlyCost === undefined
        ? '—'
        : `${row.monthlyCost.toLocaleString('en-US', { maximumFractionDigits: 0 })} (${row.costMonth})`,
  },
  {
    title: 'Decision',
    field: 'latestDecision',
    render: row =>
      row.latestDecision
        ? `${row.latestDecision} · ${row.decidedAt?.slice(0, 10)}`
        : 'not attested',
  },
  {
    title: 'Retirement candidate',
    field: 'retirementReasons',
    customSort: (a, b) => a.retirementReasons.length - b.retirementReasons.length,
    render: row => row.retirementReasons.join('; ') || 'no',
  },
];

/**
 * The portfolio review of every production model: KPIs, scorecard level,
 * monthly cost and the owners' latest decision, with retirement candidates
 * highlighted and a CSV export.
 *
 * @public
 */
export function PortfolioReviewPage() {
  const reviewApi = useApi(reviewApiRef);
  const fetchApi = useApi(fetchApiRef);
  const alertApi = useApi(alertApiRef);
  const { value, loading, error } = useAsync(() => reviewApi.getPortfolio(), [reviewApi]);
  const [exporting, setExporting] = useState(false);

  // The export goes through the FetchApi so that the user's token is sent;
  // a plain link would reach the backend unauthenticated.
  async function exportCsv() {
    setExporting(true);
    try {
      const response = await fetchApi.fetch(await reviewApi.getPortfolioCsvUrl());
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `modelops-portfolio-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      alertApi.post({ message: `CSV export failed: ${describeError(e)}`, severity: 'error' });
    } finally {
      setExporting(false);
    }
  }

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (value) {
    const candidates = value.rows.filter(r => r.retirementReasons.length > 0).length;
    body = (
      <Table<PortfolioRow>
        title={`Production models (${value.rows.length}, ${candidates} retirement candidates)`}
        columns={columns}
        data={value.rows}
        options={{
          paging: value.rows.length > 25,
          pageSize: 25,
          rowStyle: row =>
            row.retirementReasons.length > 0
              ? { backgroundColor: 'rgba(255, 152, 0, 0.12)' }
              : {},
        }}
      />
    );
  }
  return (
    <Page themeId="tool">
      <Header title="Portfolio review" subtitle="Keep, invest or retire: every production model">
        <Button variant="contained" disabled={exporting || !value} onClick={exportCsv}>
          Export CSV
        </Button>
      </Header>
      <Content>{body}</Content>
    </Page>
  );
}
