/*
 * EntityCostCard: an entity's monthly cost trend by category, this month's
 * spend and month-end forecast against its budget, and the cost per 1,000
 * inferences against its target.
 */
import { lazy, Suspense } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../../api/costApiRef';
import { formatCost } from './formatCost';
import { COST_FORBIDDEN_MESSAGE } from './costForbiddenMessage';
import { RequestErrorPanel } from '../common/RequestErrorPanel';

const CostTrendChart = lazy(() => import('./CostTrendChart'));

/**
 * Props of {@link EntityCostCard}.
 *
 * @public
 */
export interface EntityCostCardProps {
  /** Months of history; 12 by default. */
  months?: number;
}

/**
 * Cost card for MLModel and Dataset entity pages.
 *
 * @public
 */
export function EntityCostCard(props: EntityCostCardProps) {
  const { entity } = useEntity();
  const costApi = useApi(costApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => costApi.getEntityCost(entityRef, props.months ?? 12),
    [costApi, entityRef, props.months],
  );

  if (loading) return <Progress />;
  if (error) {
    // Keep the card's frame so the overview layout does not jump, and say
    // who may see cost instead of showing a failed request.
    return (
      <InfoCard title="Cost">
        <RequestErrorPanel
          error={error}
          forbiddenMessage={COST_FORBIDDEN_MESSAGE}
        />
      </InfoCard>
    );
  }
  if (!value) return null;

  const { currentMonth, currency } = value;
  return (
    <InfoCard title="Cost" subheader={`Last ${value.months.length} months`}>
      <Box display="flex" gap={3} flexWrap="wrap" mb={2}>
        <Box>
          <Typography variant="overline">This month</Typography>
          <Typography variant="h6">
            {formatCost(currentMonth.actual, currency)}
          </Typography>
        </Box>
        <Box>
          <Typography variant="overline">Month-end forecast</Typography>
          <Typography variant="h6">
            {formatCost(currentMonth.forecast, currency)}
          </Typography>
        </Box>
        <Box>
          <Typography variant="overline">Monthly budget</Typography>
          <Typography variant="h6">
            {value.monthlyBudget === undefined
              ? 'not set'
              : formatCost(value.monthlyBudget, currency)}
          </Typography>
          {value.monthlyBudget !== undefined && (
            <Chip
              size="small"
              color={currentMonth.overBudget ? 'error' : 'success'}
              label={
                currentMonth.overBudget
                  ? 'forecast over budget'
                  : 'within budget'
              }
            />
          )}
        </Box>
        <Box>
          <Typography variant="overline">Cost per 1,000 inferences</Typography>
          <Typography variant="h6">
            {value.costPer1kInferences === undefined
              ? 'no inferences'
              : formatCost(value.costPer1kInferences, currency)}
          </Typography>
          {value.targetCostPer1kInferences !== undefined && (
            <Typography variant="caption">
              target {formatCost(value.targetCostPer1kInferences, currency)}
            </Typography>
          )}
        </Box>
      </Box>
      <Suspense fallback={<Progress />}>
        <CostTrendChart
          months={value.months}
          currency={currency}
          monthlyBudget={value.monthlyBudget}
        />
      </Suspense>
    </InfoCard>
  );
}
