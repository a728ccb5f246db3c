import { useTheme } from '@mui/material/styles';

/** What recharts passes a custom axis tick. */
export interface BillingMonthTickProps {
  x?: number;
  y?: number;
  index?: number;
  payload?: { value?: unknown };
}

const MONTH_ONLY = /^(\d{4})-(\d{2})$/;

/**
 * The month of a cost chart's axis on two short lines: "Oct" above, and
 * below it the year (on the first month and on January) or "to date" (on
 * the month still being billed). One line of "Oct 2026 (to date)" was wide
 * enough that recharts dropped other months' labels to make room.
 */
export function BillingMonthTick(props: BillingMonthTickProps) {
  const theme = useTheme();
  const value = String(props.payload?.value ?? '');
  const match = MONTH_ONLY.exec(value);
  if (!match) return null;
  const monthIndex = Number(match[2]) - 1;
  const month = new Intl.DateTimeFormat('en-GB', {
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(match[1]), monthIndex, 1)));
  const toDate = value === new Date().toISOString().slice(0, 7);
  const second = [
    props.index === 0 || monthIndex === 0 ? match[1] : undefined,
    toDate ? 'to date' : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <g transform={`translate(${props.x ?? 0},${props.y ?? 0})`}>
      <text
        dy={14}
        textAnchor="middle"
        fontSize={12}
        fill={theme.palette.text.secondary}
      >
        {month}
      </text>
      {second && (
        <text
          dy={28}
          textAnchor="middle"
          fontSize={11}
          fill={theme.palette.text.secondary}
          fontStyle={toDate ? 'italic' : undefined}
        >
          {second}
        </text>
      )}
    </g>
  );
}

/**
 * The x axis settings of the cost charts: every month labelled, with room
 * for the tick's two lines.
 */
export const BILLING_MONTH_AXIS = {
  dataKey: 'month',
  interval: 0,
  height: 40,
  tick: <BillingMonthTick />,
} as const;
