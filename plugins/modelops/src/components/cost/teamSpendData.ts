import type { TeamCost } from '@modelops/plugin-modelops-common';

/** One month of the team spend chart: the month and each team's spend. */
export type TeamSpendRow = { month: string } & Record<string, number | string>;

/**
 * Reshapes the team view into chart rows: one row per month (ascending),
 * one key per team ref, 0 where a team had no spend that month. Teams are
 * sorted by ref so colours stay stable.
 */
export function teamSpendData(teams: TeamCost[]): {
  rows: TeamSpendRow[];
  series: Array<{ team: string; total: number }>;
} {
  const sorted = [...teams].sort((a, b) => a.team.localeCompare(b.team));
  const months = [
    ...new Set(sorted.flatMap(t => t.months.map(m => m.month))),
  ].sort();
  const rows = months.map(month => {
    const row: TeamSpendRow = { month };
    for (const team of sorted) {
      row[team.team] = team.months.find(m => m.month === month)?.total ?? 0;
    }
    return row;
  });
  return {
    rows,
    series: sorted.map(t => ({ team: t.team, total: t.total })),
  };
}
