/*
 * CheckResultRow: one check on one entity, in words. The title and state;
 * what the check expects (its description) and, for a failure, what was
 * found; why it exists, with the obligations it evidences linked to their
 * text; what to do; and, behind "Rule", the rule itself for platform
 * engineers.
 */
import { useState, type ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import {
  describeRule,
  formatCitation,
  getObligation,
  type CheckMetadata,
  type CheckResultView,
  type CheckRule,
} from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';

const STATE_CHIP = {
  fail: { label: 'failing', color: 'error' },
  waived: { label: 'waived', color: 'warning' },
  pass: { label: 'passing', color: 'success' },
  'not-applicable': { label: 'not applicable', color: 'default' },
} as const;

/** The state a row shows: a result's effective state, or not applicable. */
export type CheckRowState = keyof typeof STATE_CHIP;

function Citations(props: { check: CheckMetadata }) {
  const ids = props.check.rationale.obligations ?? [];
  if (ids.length === 0) return null;
  return (
    <>
      {' '}
      Evidences{' '}
      {ids.map((id, i) => {
        const obligation = getObligation(id);
        return (
          <span key={id}>
            {i > 0 && ', '}
            {obligation ? (
              <Link to={obligation.source.url} title={obligation.title}>
                {formatCitation(obligation)}
              </Link>
            ) : (
              id
            )}
          </span>
        );
      })}
      .
    </>
  );
}

/** A line of the row: a bold lead-in and its text. */
function Line(props: { lead: string; children: ReactNode }) {
  return (
    <Typography variant="body2" component="div" sx={{ mt: 0.5 }}>
      <strong>{props.lead}</strong> {props.children}
    </Typography>
  );
}

/**
 * One check of an entity's scorecard: a result, or a check that does not
 * apply to the entity.
 */
export function CheckResultRow(props: {
  check: CheckMetadata & { rule?: CheckRule };
  state: CheckRowState;
  result?: CheckResultView;
  action?: ReactNode;
}) {
  const { check, state, result, action } = props;
  const [showRule, setShowRule] = useState(false);
  const chip = STATE_CHIP[state];
  return (
    <ListItem divider alignItems="flex-start" sx={{ display: 'block' }}>
      <Box display="flex" flexWrap="wrap" gap={1} alignItems="center">
        <Typography variant="subtitle2" component="span">
          {check.title}
        </Typography>
        <Chip size="small" color={chip.color} label={chip.label} />
        <Chip size="small" variant="outlined" label={check.level} />
        {state === 'fail' && (
          <Chip size="small" variant="outlined" label={check.severity} />
        )}
        <Box flexGrow={1} />
        {action}
      </Box>
      <Box sx={{ overflowWrap: 'anywhere' }}>
        <Line lead="Expects:">{check.description}</Line>
        {(state === 'fail' || state === 'pass') && result?.message && (
          <Line lead="Found:">{result.message}.</Line>
        )}
        {state === 'waived' && (
          <Line lead="Found:">
            {result?.message ? `${result.message}; ` : ''}the failure is covered
            by an approved waiver.
          </Line>
        )}
        {state === 'not-applicable' && (
          <Line lead="Not applicable:">
            the entity is outside the check's scope (kind, type, lifecycle or
            risk tier).
          </Line>
        )}
        <Line lead="Why:">
          {check.rationale.practice}.
          <Citations check={check} />
        </Line>
        {(state === 'fail' || state === 'waived') && (
          <Line lead="To fix:">
            {check.remediation.text}{' '}
            {check.remediation.link && (
              <Link to={check.remediation.link}>How to fix</Link>
            )}
          </Line>
        )}
        {check.rule && (
          <>
            <Button
              size="small"
              sx={{ mt: 0.5, px: 0 }}
              aria-expanded={showRule}
              onClick={() => setShowRule(v => !v)}
            >
              {showRule ? 'Hide rule' : 'Rule'}
            </Button>
            {showRule && (
              <Typography
                variant="body2"
                component="pre"
                sx={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace', m: 0 }}
              >
                {describeRule(check.rule)}
              </Typography>
            )}
          </>
        )}
      </Box>
    </ListItem>
  );
}
