/*
 * DeliveryTrendChart: deployments per week (failed ones stacked in the error
 * colour) with the week's mean time to recover as a line on its own axis.
 * Holds the recharts import, so that the chart library is only loaded (via
 * React.lazy) when delivery metrics are actually shown.
 */
import type { DeliveryWeek } from '@modelops/plugin-modelops-common';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTheme } from '@mui/material/styles';

/** Props of {@link DeliveryTrendChart}. */
export interface DeliveryTrendChartProps {
  weeks: DeliveryWeek[];
}

/** Weekly deployments and MTTR. */
export default function DeliveryTrendChart(props: DeliveryTrendChartProps) {
  const theme = useTheme();
  const data = props.weeks.map(w => ({
    week: w.weekStart.slice(5),
    succeeded: w.deployments - w.failedDeployments,
    failed: w.failedDeployments,
    mttr:
      w.meanTimeToRecoverHours === undefined
        ? undefined
        : Math.round(w.meanTimeToRecoverHours * 10) / 10,
  }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <ComposedChart
        data={data}
        margin={{ top: 8, right: 8, left: 0, bottom: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="week" />
        <YAxis yAxisId="deploys" allowDecimals={false} />
        <YAxis yAxisId="hours" orientation="right" unit=" h" />
        <Tooltip />
        <Legend />
        <Bar
          yAxisId="deploys"
          dataKey="succeeded"
          name="Deployments"
          stackId="deploys"
          fill={theme.palette.primary.main}
          isAnimationActive={false}
        />
        <Bar
          yAxisId="deploys"
          dataKey="failed"
          name="Failed deployments"
          stackId="deploys"
          fill={theme.palette.error.main}
          isAnimationActive={false}
        />
        <Line
          yAxisId="hours"
          dataKey="mttr"
          name="Time to recover (h)"
          stroke={theme.palette.warning.main}
          // A week without a recovered incident has no time to recover:
          // the line breaks there rather than drawing a value across it,
          // and dots keep a lone week with one visible.
          connectNulls={false}
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
