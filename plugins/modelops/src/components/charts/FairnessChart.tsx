import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { FairnessSeries } from './chartData';
import { ChartFigure } from './ChartFigure';

/** Props of {@link FairnessChart}. */
export type FairnessChartProps = {
  series: FairnessSeries;
  threshold?: number;
};

/** One metric compared across the groups of a protected attribute. */
export function FairnessChart(props: FairnessChartProps) {
  const { series, threshold } = props;
  const values = series.bars.map(b => b.value);
  const gap = values.length ? Math.max(...values) - Math.min(...values) : 0;
  const summary = `${series.metric} by ${series.attribute}: ${series.bars
    .map(b => `${b.group} = ${b.value}`)
    .join(', ')}; largest gap between groups ${gap.toFixed(3)}.`;
  return (
    <ChartFigure
      caption={`${series.metric} by ${series.attribute}`}
      summary={summary}
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart
          data={series.bars}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="group" />
          <YAxis />
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
          <Bar
            dataKey="value"
            name={series.metric}
            fill="#7b1fa2"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
