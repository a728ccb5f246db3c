import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { MetricHistoryPoint, niceAxis } from './chartData';
import { ChartFigure } from './ChartFigure';

/** Props of {@link MetricHistoryChart}. */
export type MetricHistoryChartProps = {
  metric: string;
  points: MetricHistoryPoint[];
  threshold?: number;
  direction?: 'higher-is-better' | 'lower-is-better';
};

/** A metric across model versions, with its threshold as a dashed line. */
export function MetricHistoryChart(props: MetricHistoryChartProps) {
  const { metric, points, threshold, direction } = props;
  const thresholdText =
    threshold === undefined
      ? 'no threshold set'
      : `threshold ${threshold} (${direction ?? 'higher-is-better'})`;
  const summary = `${metric}: ${points
    .map(p => `${p.version} = ${p.value}`)
    .join(', ')}; ${thresholdText}.`;
  // recharts' 'auto' domain fits the data only, which left the threshold
  // line off the chart whenever every version was well above or below it.
  const axis = niceAxis(
    points.map(p => p.value),
    threshold,
  );
  return (
    <ChartFigure caption={`${metric} across versions`} summary={summary}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart
          data={points}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="version" />
          <YAxis
            domain={axis.domain}
            ticks={axis.ticks}
            allowDataOverflow={false}
            interval={0}
          />
          <Tooltip />
          {threshold !== undefined && (
            <ReferenceLine
              y={threshold}
              stroke="#d32f2f"
              strokeDasharray="6 3"
              label={{
                value: `threshold ${threshold}`,
                position: 'insideTopRight',
              }}
            />
          )}
          <Line
            type="monotone"
            dataKey="value"
            name={metric}
            stroke="#1976d2"
            strokeWidth={2}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
