import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Progress, Table, type TableColumn } from '@backstage/core-components';
import {
  alertApiRef,
  fetchApiRef,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { PortfolioRow } from '@modelops/plugin-modelops-common';
import { describeError } from './describeError';
import { reviewApiRef } from '../../api/reviewApiRef';
import { EntityRefCell } from '../common/EntityRefCell';
import { LevelChip } from '../scorecards/LevelChip';
import { PageFrame } from '../common/PageFrame';
import { downloadCsv } from '../common/downloadCsv';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { TimeLabel } from '../common/TimeLabel';
import { formatMonth } from '../common/formatTime';
import { costApiRef } from '../../api/costApiRef';
import { DEFAULT_CURRENCY, formatCost } from '../cost/formatCost';

// One line per cell: a table to scan, with the details a hover away.
const ONE_LINE = { whiteSpace: 'nowrap' as const };

function Truncated(props: { text: string; maxWidth: number }) {
  return (
    <Tooltip title={props.text}>
      <Typography
        variant="body2"
        sx={{
          maxWidth: props.maxWidth,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
        }}
      >
        {props.text}
      </Typography>
    </Tooltip>
  );
}

// Amounts are in the reporting currency of the cost views.
const columnsFor = (currency: string): TableColumn<PortfolioRow>[] => [
  {
    title: 'Model',
    field: 'entityRef',
    render: row => (
      <EntityRefCell
        entityRef={row.entityRef}
        defaultKind="MLModel"
        maxWidth={150}
      />
    ),
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row => (
      <EntityRefCell entityRef={row.owner} defaultKind="Group" maxWidth={100} />
    ),
  },
  {
    title: 'Business owner',
    field: 'businessOwner',
    render: row => (
      <EntityRefCell
        entityRef={row.businessOwner}
        defaultKind="User"
        maxWidth={100}
      />
    ),
  },
  {
    title: 'KPIs',
    field: 'kpis',
    customSort: (a, b) => a.kpis.length - b.kpis.length,
    render: row =>
      row.kpis.length === 0 ? (
        '—'
      ) : (
        <Truncated
          maxWidth={100}
          text={row.kpis
            .map(k => `${k.name}${k.target ? ` ${k.target}` : ''}`)
            .join('; ')}
        />
      ),
  },
  {
    // Level and score side by side: one column, so the table fits its card.
    title: 'Scorecard',
    field: 'scorecardScore',
    cellStyle: ONE_LINE,
    render: row =>
      row.scorecardLevel === undefined && row.scorecardScore === undefined ? (
        '—'
      ) : (
        <Box display="flex" alignItems="center" gap={1}>
          {row.scorecardLevel && <LevelChip level={row.scorecardLevel} />}
          {row.scorecardScore !== undefined && (
            <Typography variant="body2">{row.scorecardScore}</Typography>
          )}
        </Box>
      ),
  },
  {
    title: 'Monthly cost',
    field: 'monthlyCost',
    type: 'numeric',
    width: '100px',
    cellStyle: ONE_LINE,
    render: row =>
      row.monthlyCost === undefined ? (
        '—'
      ) : (
        <>
          <Typography variant="body2">
            {formatCost(row.monthlyCost, currency)}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {row.costMonth && formatMonth(row.costMonth)}
          </Typography>
        </>
      ),
  },
  {
    title: 'Decision',
    field: 'latestDecision',
    width: '110px',
    cellStyle: ONE_LINE,
    render: row =>
      row.latestDecision ? (
        <>
          <Typography variant="body2">{row.latestDecision}</Typography>
          <Typography variant="caption" color="text.secondary">
            <TimeLabel value={row.decidedAt} />
          </Typography>
        </>
      ) : (
        'not attested'
      ),
  },
  {
    title: 'Retirement candidate',
    field: 'retirementReasons',
    customSort: (a, b) =>
      a.retirementReasons.length - b.retirementReasons.length,
    render: row =>
      row.retirementReasons.length === 0 ? (
        'no'
      ) : (
        <Truncated maxWidth={120} text={row.retirementReasons.join('; ')} />
      ),
  },
];

/** Props of {@link PortfolioReviewPage}. */
export interface PortfolioReviewPageProps {
  /** Drawn as a tab of the reviews section, without a page header. */
  embedded?: boolean;
}

/**
 * The portfolio review of every production model: KPIs, scorecard level,
 * monthly cost and the owners' latest decision, with retirement candidates
 * highlighted and a CSV export.
 *
 * @public
 */
export function PortfolioReviewPage(props: PortfolioReviewPageProps) {
  const reviewApi = useApi(reviewApiRef);
  const fetchApi = useApi(fetchApiRef);
  const alertApi = useApi(alertApiRef);
  // Optional: a portal may install the reviews without the cost views.
  const costApi = useApiHolder().get(costApiRef);
  const { value, loading, error } = useAsync(async () => {
    const portfolio = await reviewApi.getPortfolio();
    // The portfolio states amounts without their currency; the cost views
    // name it, and answer those who may read a cost, who alone get amounts.
    const currency =
      costApi && portfolio.rows.some(r => r.monthlyCost !== undefined)
        ? await costApi
            .getTeamCosts(3)
            .then(view => view.currency)
            .catch(() => undefined)
        : undefined;
    return { ...portfolio, currency: currency ?? DEFAULT_CURRENCY };
  }, [reviewApi, costApi]);
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      await downloadCsv(
        fetchApi,
        await reviewApi.getPortfolioCsvUrl(),
        `modelops-portfolio-${new Date().toISOString().slice(0, 10)}.csv`,
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
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <RequestErrorPanel
        error={error}
        forbiddenMessage="The portfolio review is visible to the review administrators and finance."
      />
    );
  } else if (value) {
    const candidates = value.rows.filter(
      r => r.retirementReasons.length > 0,
    ).length;
    body = (
      <Table<PortfolioRow>
        title={`Production models (${value.rows.length}, ${candidates} retirement candidates)`}
        columns={columnsFor(value.currency)}
        // material-table keeps row state by id.
        data={value.rows.map(row => ({ ...row, id: row.entityRef }))}
        options={{
          paging: value.rows.length > 25,
          padding: 'dense',
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
    <PageFrame
      title="Portfolio review"
      subtitle="Keep, invest or retire: every production model"
      embedded={props.embedded}
      actions={
        <Button
          variant="contained"
          disabled={exporting || !value}
          onClick={exportCsv}
        >
          Export CSV
        </Button>
      }
    >
      {body}
    </PageFrame>
  );
}
