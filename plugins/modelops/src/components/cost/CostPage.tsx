/*
 * CostPage: FinOps overview. The billing export upload (for users who may
 * ingest cost), monthly spend by owning team as a chart, spend
 * by team and by model with the top movers month over month, and the idle
 * models that are retirement candidates. Each section loads on its own, so
 * a 403 on one view (for example the portfolio-wide team view) does not hide
 * the others.
 */
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  CostMover,
  IdleModel,
  ModelCost,
  TeamCost,
} from '@modelops/plugin-modelops-common';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import useAsync from 'react-use/esm/useAsync';
import { EntityRefCell } from '../common/EntityRefCell';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { isForbidden } from '../common/isForbidden';
import { useEntityTitles } from '../common/useEntityTitles';
import { costApiRef } from '../../api/costApiRef';
import { CostImportCard } from './CostImportCard';
import { COST_FORBIDDEN_MESSAGE } from './costForbiddenMessage';
import { DEFAULT_CURRENCY, formatCost } from './formatCost';
import { formatMonth } from '../common/formatTime';
import { ML_PAGE_THEME } from '../common/PageFrame';

const TeamSpendChart = lazy(() => import('./TeamSpendChart'));

function changeCell(change: number, currency: string) {
  const sign = change > 0 ? '+' : '';
  return `${sign}${formatCost(change, currency)}`;
}

// Amounts are short and compared down a column: keep them on one line and
// aligned on the right, like a ledger. Headers may wrap, so that a long
// header does not push the table wider than its card.
// An amount stays on one line, and its heading ("Total (12 months)",
// "Per 1k inferences") may wrap: a table of six such columns then fits a
// 1280 px window beside the sidebar.
const AMOUNT = {
  align: 'right' as const,
  cellStyle: { whiteSpace: 'nowrap' as const },
  headerStyle: { whiteSpace: 'normal' as const },
};
const NOWRAP = {
  cellStyle: { whiteSpace: 'nowrap' as const },
};

/**
 * Props of {@link CostPage}.
 *
 * @public
 */
export interface CostPageProps {
  /** Months of history; 12 by default. */
  months?: number;
  /** Days without inferences that make a model idle; 30 by default. */
  idleDays?: number;
}

/**
 * The cost overview page.
 *
 * @public
 */
export function CostPage(props: CostPageProps) {
  const costApi = useApi(costApiRef);
  const months = props.months ?? 12;
  const idleDays = props.idleDays ?? 30;
  const teams = useAsync(() => costApi.getTeamCosts(months), [costApi, months]);
  const models = useAsync(
    () => costApi.getModelCosts({ months }),
    [costApi, months],
  );
  const idle = useAsync(
    () => costApi.getIdleModels(idleDays),
    [costApi, idleDays],
  );
  const teamTitles = useEntityTitles(
    (teams.value?.teams ?? []).map(t => t.team),
  );

  const currency =
    teams.value?.currency ?? models.value?.currency ?? DEFAULT_CURRENCY;
  // Stable columns: the table keeps its sort and paging between renders.
  const columns = useMemo(() => {
    const team: TableColumn<TeamCost>[] = [
      {
        title: 'Team',
        field: 'team',
        render: t => <EntityRefCell entityRef={t.team} defaultKind="Group" />,
      },
      {
        title: `Total (${months} months)`,
        render: t => formatCost(t.total, currency),
        ...AMOUNT,
      },
      {
        title: 'Last month',
        render: t => formatCost(t.lastMonth, currency),
        ...AMOUNT,
      },
      {
        title: 'Change',
        render: t => changeCell(t.change, currency),
        ...AMOUNT,
      },
    ];
    const mover: TableColumn<CostMover>[] = [
      {
        title: 'Model',
        field: 'entityRef',
        render: m => (
          <EntityRefCell
            entityRef={m.entityRef}
            defaultKind="MLModel"
            maxWidth={150}
          />
        ),
      },
      {
        title: 'Owner',
        field: 'owner',
        render: m => (
          <EntityRefCell
            entityRef={m.owner}
            defaultKind="Group"
            maxWidth={110}
          />
        ),
      },
      {
        title: 'Previous',
        render: m => formatCost(m.previous, currency),
        ...AMOUNT,
      },
      {
        title: 'Last',
        render: m => formatCost(m.current, currency),
        ...AMOUNT,
      },
      {
        title: 'Change',
        render: m => changeCell(m.change, currency),
        ...AMOUNT,
      },
    ];
    const model: TableColumn<ModelCost>[] = [
      {
        title: 'Model',
        field: 'entityRef',
        render: m => (
          <EntityRefCell
            entityRef={m.entityRef}
            defaultKind="MLModel"
            maxWidth={240}
          />
        ),
      },
      {
        title: 'Owner',
        field: 'owner',
        render: m => <EntityRefCell entityRef={m.owner} defaultKind="Group" />,
      },
      {
        title: `Total (${months} months)`,
        field: 'total',
        render: m => formatCost(m.total, currency),
        ...AMOUNT,
      },
      {
        title: 'Last month',
        field: 'lastMonth',
        render: m => formatCost(m.lastMonth, currency),
        ...AMOUNT,
      },
      {
        title: 'Monthly budget',
        field: 'monthlyBudget',
        render: m =>
          m.monthlyBudget === undefined
            ? '—'
            : formatCost(m.monthlyBudget, currency),
        ...AMOUNT,
      },
      {
        title: 'Per 1k inferences',
        field: 'costPer1kInferences',
        render: m =>
          m.costPer1kInferences === undefined
            ? '—'
            : formatCost(m.costPer1kInferences, currency),
        ...AMOUNT,
      },
    ];
    const idleModel: TableColumn<IdleModel>[] = [
      {
        title: 'Model',
        field: 'entityRef',
        render: m => (
          <EntityRefCell
            entityRef={m.entityRef}
            defaultKind="MLModel"
            maxWidth={320}
          />
        ),
      },
      {
        title: 'Owner',
        field: 'owner',
        render: m => <EntityRefCell entityRef={m.owner} defaultKind="Group" />,
      },
      { title: 'Lifecycle', field: 'lifecycle', ...NOWRAP },
      {
        title: `Spend (${idleDays} days)`,
        render: m => formatCost(m.spend, currency),
        ...AMOUNT,
      },
      { title: 'Idle days', field: 'idleDays', ...AMOUNT },
      {
        title: 'Retirement',
        ...NOWRAP,
        render: m =>
          m.retirementCandidate ? (
            <Chip size="small" color="warning" label="retirement candidate" />
          ) : (
            <Chip size="small" variant="outlined" label="experimenting" />
          ),
      },
    ];
    return { team, mover, model, idleModel };
  }, [currency, months, idleDays]);

  function section(
    state: { loading: boolean; error?: Error; value?: unknown },
    render: () => ReactNode,
  ) {
    if (state.loading) return <Progress />;
    if (state.error) {
      return (
        <RequestErrorPanel
          error={state.error}
          forbiddenMessage={COST_FORBIDDEN_MESSAGE}
        />
      );
    }
    return render();
  }

  // material-table wants a stable id per row to keep its state.
  const teamRows = (teams.value?.teams ?? []).map(t => ({ ...t, id: t.team }));
  const moverRows = (teams.value?.topMovers ?? []).map(m => ({
    ...m,
    id: m.entityRef,
  }));
  const modelRows = (models.value?.models ?? []).map(m => ({
    ...m,
    id: m.entityRef,
  }));
  const idleRows = (idle.value?.models ?? []).map(m => ({
    ...m,
    id: m.entityRef,
  }));

  const allForbidden = [teams, models, idle].every(
    state => state.error !== undefined && isForbidden(state.error),
  );

  return (
    <Page themeId={ML_PAGE_THEME}>
      <Header
        title="Model cost"
        subtitle="Spend by team and model, idle models to retire"
      />
      <Content>
        {allForbidden ? (
          // One note rather than one per section: the caller reads no cost
          // at all (a member of no owning team, and not of finance).
          <RequestErrorPanel
            error={teams.error!}
            forbiddenMessage={`${COST_FORBIDDEN_MESSAGE} None of your teams owns a model or dataset with recorded cost.`}
          />
        ) : (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <CostImportCard />
            </Grid>
            <Grid item xs={12}>
              {section(teams, () => (
                <InfoCard
                  title="Monthly spend by team"
                  subheader={`Last ${months} months, stacked by owning team`}
                >
                  {teamRows.length === 0 ? (
                    <>No cost has been recorded yet.</>
                  ) : (
                    <Suspense
                      fallback={
                        <Skeleton
                          variant="rectangular"
                          height={280}
                          aria-label="Loading chart"
                        />
                      }
                    >
                      <TeamSpendChart
                        teams={teams.value!.teams}
                        currency={currency}
                        titles={teamTitles}
                      />
                    </Suspense>
                  )}
                </InfoCard>
              ))}
            </Grid>
            <Grid item xs={12} xl={5}>
              {section(teams, () => (
                <Table
                  title="By team"
                  options={{ paging: false, search: false, padding: 'dense' }}
                  columns={columns.team}
                  data={teamRows}
                  emptyContent={<>No team has recorded cost yet.</>}
                />
              ))}
            </Grid>
            <Grid item xs={12} xl={7}>
              {section(teams, () => (
                <Table
                  title={`Top movers (${formatMonth(
                    teams.value!.comparedMonths.previous,
                  )} to ${formatMonth(teams.value!.comparedMonths.last)})`}
                  options={{ paging: false, search: false, padding: 'dense' }}
                  columns={columns.mover}
                  data={moverRows}
                  emptyContent={<>No change between the last two months.</>}
                />
              ))}
            </Grid>
            <Grid item xs={12}>
              {section(models, () => (
                <Table
                  title="By model"
                  options={{
                    pageSize: 10,
                    padding: 'dense',
                    emptyRowsWhenPaging: false,
                    paging: modelRows.length > 10,
                  }}
                  columns={columns.model}
                  data={modelRows}
                  emptyContent={<>No model has recorded cost yet.</>}
                />
              ))}
            </Grid>
            <Grid item xs={12}>
              {section(idle, () => (
                <Table
                  title={`Idle models: spend and no inferences for ${idleDays} days`}
                  options={{ paging: false, search: false, padding: 'dense' }}
                  columns={columns.idleModel}
                  data={idleRows}
                  emptyContent={
                    <>
                      No idle models: everything that costs money served
                      traffic.
                    </>
                  }
                />
              ))}
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
}
