/*
 * decisionsCsv: a decision history as CSV for an auditor (RFC 4180, CRLF
 * line ends). Fields go through csvField, since reasons, comments and notes
 * are free text anybody requesting a waiver or a change can write.
 */
import type { DecisionRecord } from '@modelops/plugin-modelops-common';
import { csvText } from '../service/csvField';

/** Column headers, in order. */
export const DECISIONS_CSV_COLUMNS = [
  'at',
  'entityRef',
  'action',
  'actorRef',
  'actorName',
  'authority',
  'what',
  'why',
  'source',
  'recordId',
] as const;

/**
 * Renders decisions as CSV text.
 *
 * @param names - display names of actors by lower-case ref; actors the
 *   caller cannot see in the catalog have none and keep only their ref
 */
export function decisionsCsv(
  decisions: DecisionRecord[],
  names: Map<string, string>,
): string {
  return csvText(
    DECISIONS_CSV_COLUMNS,
    decisions.map(d => [
      d.at,
      d.entityRef,
      d.action,
      d.actorRef,
      names.get(d.actorRef.toLowerCase()),
      d.authority,
      d.what,
      d.why,
      d.source,
      d.recordId,
    ]),
  );
}
