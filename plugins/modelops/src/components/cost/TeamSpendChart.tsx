/*
 * TeamSpendChart: monthly spend stacked by owning team. Holds the recharts
 * import, so the chart library loads (via React.lazy) only with the page.
 */
import type { TeamCost } from '@modelops/plugin-modelops-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure } from '../charts/ChartFigure';
import { teamSpendData } from './teamSpendData';
import { formatCost } from './formatCost';
import { BILLING_MONTH_AXIS } from './BillingMonthTick';
import { formatBillingMonth, formatMonth } from '../common/formatTime';

/** Props of {@link TeamSpendChart}. */
export interface TeamSpendChartProps {
  teams: TeamCost[];
  currency: string;
  /** Display name of each team ref. */
  titles: Map<string, string>;
}

// Distinguishable on white and in the dark theme, in a fixed order so a team
// keeps its colour between visits (teams are sorted by ref).
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
];

/** Stacked monthly bars, one colour per team. */
export default function TeamSpendChart(props: TeamSpendChartProps) {
  const { currency, titles } = props;
  const { rows, series } = teamSpendData(props.teams);
  const label = (ref: string) => titles.get(ref) ?? ref;
  const current = new Date().toISOString().slice(0, 7);
  const partial = rows.some(r => r.month === current)
    ? ` ${formatMonth(current)} is the month to date.`
    : '';
  const totals = series
    .map(s => `${label(s.team)} ${formatCost(s.total, currency)}`)
    .join(', ');
  return (
    <ChartFigure
      caption="Monthly spend by team"
      captionHidden
      summary={`Spend per month, stacked by owning team. Totals over ${rows.length} months: ${totals}.${partial}`}
    >
      <ResponsiveContainer width="100%" height={280}>
        <BarChart
          data={rows}
          accessibilityLayer
          margin={{ top: 8, right: 16, left: 16, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis {...BILLING_MONTH_AXIS} />
          <YAxis
            width={72}
            tickFormatter={v => formatCost(Number(v), currency)}
            label={{
              value: `Spend (${currency})`,
              angle: -90,
              position: 'insideLeft',
              offset: -8,
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip
            labelFormatter={month => formatBillingMonth(String(month))}
            formatter={(value, name) => [
              formatCost(Number(value), currency),
              label(String(name)),
            ]}
          />
          <Legend formatter={value => label(String(value))} />
          {series.map((s, index) => (
            <Bar
              key={s.team}
              dataKey={s.team}
              name={s.team}
              stackId="spend"
              fill={PALETTE[index % PALETTE.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
