/*
 * portfolioCsv: the portfolio review as CSV (RFC 4180): a header row, CRLF
 * line ends, every field quoted when it holds a quote, comma or line break.
 * Text fields that a spreadsheet would run as a formula (=, +, -, @ first)
 * are prefixed with an apostrophe, since titles and notes come from YAML
 * anybody can edit.
 */
import type { PortfolioRow } from '@modelops/plugin-modelops-common';

/** Column headers, in order. */
export const PORTFOLIO_CSV_COLUMNS = [
  'entityRef',
  'title',
  'owner',
  'businessOwner',
  'riskTier',
  'kpis',
  'scorecardScore',
  'scorecardLevel',
  'monthlyCost',
  'costMonth',
  'latestDecision',
  'decidedAt',
  'decidedBy',
  'retirementCandidate',
  'retirementReasons',
] as const;

function field(value: string | number | boolean | undefined): string {
  if (value === undefined) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders portfolio rows as CSV text. */
export function portfolioCsv(rows: PortfolioRow[]): string {
  const lines = [PORTFOLIO_CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const kpis = row.kpis
      .map(k => (k.target ? `${k.name} (${k.target})` : k.name))
      .join('; ');
    lines.push(
      [
        row.entityRef,
        row.title,
        row.owner,
        row.businessOwner,
        row.riskTier,
        kpis,
        row.scorecardScore,
        row.scorecardLevel,
        row.monthlyCost?.toFixed(2),
        row.costMonth,
        row.latestDecision,
        row.decidedAt,
        row.decidedBy,
        row.retirementReasons.length > 0,
        row.retirementReasons.join('; '),
      ]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
