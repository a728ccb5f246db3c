/*
 * CostPage: FinOps overview. Spend by owning team and by model with the top
 * movers month over month, and the idle models that are retirement
 * candidates. Each section loads on its own, so a 403 on one view (for
 * example the portfolio-wide team view) does not hide the others.
 */
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
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
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from './costApiRef';
import { formatCost } from './formatCost';

function changeCell(change: number, currency: string) {
  const sign = change > 0 ? '+' : '';
  return `${sign}${formatCost(change, currency)}`;
}

/** Props of {@link CostPage}. */
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

  const currency = teams.value?.currency ?? models.value?.currency ?? 'USD';
  const teamColumns: TableColumn<TeamCost>[] = [
    { title: 'Team', field: 'team' },
    {
      title: `Total (${months} months)`,
      render: t => formatCost(t.total, currency),
    },
    { title: 'Last month', render: t => formatCost(t.lastMonth, currency) },
    { title: 'Change', render: t => changeCell(t.change, currency) },
  ];
  const moverColumns: TableColumn<CostMover>[] = [
    { title: 'Entity', field: 'entityRef' },
    { title: 'Owner', field: 'owner' },
    { title: 'Previous', render: m => formatCost(m.previous, currency) },
    { title: 'Last', render: m => formatCost(m.current, currency) },
    { title: 'Change', render: m => changeCell(m.change, currency) },
  ];
  const modelColumns: TableColumn<ModelCost>[] = [
    { title: 'Model', field: 'entityRef' },
    { title: 'Owner', field: 'owner' },
    { title: 'Total', render: m => formatCost(m.total, currency) },
    { title: 'Last month', render: m => formatCost(m.lastMonth, currency) },
    {
      title: 'Budget',
      render: m =>
        m.monthlyBudget === undefined
          ? '—'
          : formatCost(m.monthlyBudget, currency),
    },
    {
      title: 'Per 1k inferences',
      render: m =>
        m.costPer1kInferences === undefined
          ? '—'
          : formatCost(m.costPer1kInferences, currency),
    },
  ];
  const idleColumns: TableColumn<IdleModel>[] = [
    { title: 'Model', field: 'entityRef' },
    { title: 'Owner', field: 'owner' },
    { title: 'Lifecycle', field: 'lifecycle' },
    {
      title: `Spend (${idleDays} days)`,
      render: m => formatCost(m.spend, currency),
    },
    { title: 'Idle days', field: 'idleDays' },
    {
      title: 'Retirement',
      render: m =>
        m.retirementCandidate ? (
          <Chip size="small" color="warning" label="retirement candidate" />
        ) : (
          <Chip size="small" label="experimenting" />
        ),
    },
  ];

  function section(
    state: { loading: boolean; error?: Error; value?: unknown },
    render: () => JSX.Element,
  ) {
    if (state.loading) return <Progress />;
    if (state.error) return <ResponseErrorPanel error={state.error} />;
    return render();
  }

  return (
    <Page themeId="tool">
      <Header
        title="Model cost"
        subtitle="Spend by team and model, idle models to retire"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            {section(teams, () => (
              <Table
                title="By team"
                options={{ paging: false, search: false }}
                columns={teamColumns}
                data={teams.value!.teams}
              />
            ))}
          </Grid>
          <Grid item xs={12} md={6}>
            {section(teams, () => (
              <Table
                title={`Top movers (${
                  teams.value!.comparedMonths.previous
                } to ${teams.value!.comparedMonths.last})`}
                options={{ paging: false, search: false }}
                columns={moverColumns}
                data={teams.value!.topMovers}
              />
            ))}
          </Grid>
          <Grid item xs={12}>
            {section(models, () => (
              <Table
                title="By model"
                options={{ pageSize: 10 }}
                columns={modelColumns}
                data={models.value!.models}
              />
            ))}
          </Grid>
          <Grid item xs={12}>
            {section(idle, () => (
              <Table
                title={`Idle models: spend and no inferences for ${idleDays} days`}
                options={{ paging: false, search: false }}
                columns={idleColumns}
                data={idle.value!.models}
                emptyContent={<>No idle models.</>}
              />
            ))}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
