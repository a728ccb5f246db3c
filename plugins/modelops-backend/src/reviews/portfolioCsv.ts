/*
 * portfolioCsv: the portfolio review as CSV (RFC 4180): a header row, CRLF
 * line ends, fields quoted and formulas neutralised by csvField, since
 * titles and notes come from YAML anybody can edit.
 */
import type { PortfolioRow } from '@modelops/plugin-modelops-common';
import { csvText } from '../service/csvField';

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

/** Renders portfolio rows as CSV text. */
export function portfolioCsv(rows: PortfolioRow[]): string {
  return csvText(
    PORTFOLIO_CSV_COLUMNS,
    rows.map(row => {
      const kpis = row.kpis
        .map(k => (k.target ? `${k.name} (${k.target})` : k.name))
        .join('; ');
      return [
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
      ];
    }),
  );
}
