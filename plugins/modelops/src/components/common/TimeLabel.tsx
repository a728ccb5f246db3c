import {
  formatDate,
  formatDateTime,
  formatRelative,
  parseTime,
  type TimeInput,
} from './formatTime';

/** Props of {@link TimeLabel}. */
export interface TimeLabelProps {
  /** An ISO date or instant; nothing is shown without one. */
  value: TimeInput | undefined;
  /** Write the date even when it is recent ("2 Dec 2026", not "today"). */
  absolute?: boolean;
}

/**
 * A date as every ModelOps page writes it: relative when recent ("3 days
 * ago", "in 5 days"), the date otherwise, and the exact date and time on
 * hover, in a `<time>` element that carries the machine-readable value.
 */
export function TimeLabel(props: TimeLabelProps) {
  const { value, absolute } = props;
  if (value === undefined || value === '') return null;
  const date = parseTime(value);
  if (!date) return <>{String(value)}</>;
  const shown = (!absolute && formatRelative(value)) || formatDate(value);
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(value)}>
      {shown}
    </time>
  );
}
