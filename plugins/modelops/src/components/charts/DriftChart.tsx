import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DriftPoint } from './chartData';
import { ChartFigure } from './ChartFigure';

// Distinct hues that stay apart for the common kinds of colour blindness.
const PALETTE = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
];

/** Props of {@link DriftChart}. */
export type DriftChartProps = {
  features: string[];
  points: DriftPoint[];
  test?: string;
};

/** Drift statistics of each feature over monitoring windows. */
export function DriftChart(props: DriftChartProps) {
  const { features, points, test } = props;
  const last = points[points.length - 1];
  const summary = last
    ? `Latest window ending ${last.windowEnd}: ${features
        .filter(f => typeof last[f] === 'number')
        .map(f => `${f} = ${last[f]}`)
        .join(', ')}.`
    : 'No monitoring windows.';
  return (
    <ChartFigure
      caption={`Drift over time${test ? ` (${test})` : ''}`}
      summary={summary}
    >
      <ResponsiveContainer width="100%" height={240}>
        <LineChart
          data={points}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="windowEnd" />
          <YAxis />
          <Tooltip />
          <Legend />
          {features.map((feature, index) => (
            <Line
              key={feature}
              type="monotone"
              dataKey={feature}
              stroke={PALETTE[index % PALETTE.length]}
              isAnimationActive={false}
              // A window that did not measure the feature is a gap, not a
              // line drawn through a value nobody observed.
              connectNulls={false}
              dot={{ r: 2 }}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
