/*
 * CostTrendChart: monthly spend stacked by category, with the budget as a
 * reference line. Holds the recharts import, so that the chart library is
 * only loaded (via React.lazy) when a cost card is actually shown.
 */
import {
  COST_CATEGORIES,
  type MonthlyCost,
} from '@modelops/plugin-modelops-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTheme } from '@mui/material/styles';
import { formatCost } from './formatCost';
import { BILLING_MONTH_AXIS } from './BillingMonthTick';
import { formatBillingMonth } from '../common/formatTime';

/** Props of {@link CostTrendChart}. */
export interface CostTrendChartProps {
  months: MonthlyCost[];
  currency: string;
  monthlyBudget?: number;
}

/** Stacked monthly bars by category. */
export default function CostTrendChart(props: CostTrendChartProps) {
  const theme = useTheme();
  // One colour per entry of COST_CATEGORIES, in its order.
  const colors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.info.main,
    theme.palette.warning.main,
    theme.palette.grey[500],
    theme.palette.success.main,
  ];
  const data = props.months.map(m => ({ month: m.month, ...m.byCategory }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart
        data={data}
        accessibilityLayer
        aria-label="Monthly cost by category"
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis {...BILLING_MONTH_AXIS} />
        <YAxis tickFormatter={v => formatCost(Number(v), props.currency)} />
        <Tooltip
          labelFormatter={month => formatBillingMonth(String(month))}
          formatter={value => formatCost(Number(value), props.currency)}
        />
        <Legend />
        {COST_CATEGORIES.map((category, index) => (
          <Bar
            key={category}
            dataKey={category}
            stackId="cost"
            fill={colors[index]}
            isAnimationActive={false}
          />
        ))}
        {props.monthlyBudget !== undefined && (
          <ReferenceLine
            y={props.monthlyBudget}
            stroke={theme.palette.error.main}
            strokeDasharray="6 3"
            label="budget"
          />
        )}
      </BarChart>
    </ResponsiveContainer>
  );
}
