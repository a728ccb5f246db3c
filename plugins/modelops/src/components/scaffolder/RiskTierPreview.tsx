import type {
  RiskClassification,
  RiskTier,
} from '@modelops/plugin-modelops-common';
import Alert, { AlertColor } from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';

const SEVERITY: Record<RiskTier, AlertColor> = {
  unacceptable: 'error',
  high: 'warning',
  limited: 'info',
  minimal: 'success',
};

const SUMMARY: Record<RiskTier, string> = {
  unacceptable:
    'Prohibited under Art. 5: the system must not be used in the EU.',
  high: 'High-risk: conformity assessment and the Art. 9-15 requirements apply.',
  limited: 'Limited risk: transparency duties apply.',
  minimal: 'Minimal risk: no mandatory requirements beyond AI literacy.',
};

/**
 * Shows the tier, the number of required controls and the reasons, updated
 * as the questionnaire is answered. A live region so screen readers announce
 * tier changes.
 *
 * @public
 */
export function RiskTierPreview(props: { classification: RiskClassification }) {
  const { tier, controls, rationale } = props.classification;
  return (
    <Alert severity={SEVERITY[tier]} role="status" aria-live="polite">
      <AlertTitle>
        Risk tier: {tier} ({controls.length} controls required)
      </AlertTitle>
      {SUMMARY[tier]}
      <ul>
        {rationale.map(reason => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </Alert>
  );
}
