/*
 * ScorecardTrendChart: a team's or pack's daily score. Holds the recharts import so the
 * chart library loads (via React.lazy) only when a trend is shown.
 */
import type { ScorecardTrendPoint } from '@modelops/plugin-modelops-common';
import { useTheme } from '@mui/material/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** Daily score line of a team or pack, 0 to 100. */
export default function ScorecardTrendChart(props: {
  points: ScorecardTrendPoint[];
}) {
  const theme = useTheme();
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ position: 'absolute', left: -10000 }}>
        Daily score from {props.points[0]?.day} to {props.points.at(-1)?.day}
      </figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={props.points}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis domain={[0, 100]} />
          <Tooltip />
          <Line
            type="monotone"
            dataKey="score"
            stroke={theme.palette.primary.main}
            dot={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
