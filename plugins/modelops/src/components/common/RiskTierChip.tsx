import Chip from '@mui/material/Chip';

// One colour per EU AI Act tier, from red for practices that are banned to
// an outline for minimal risk; each keeps white text at a contrast of at
// least 4.5:1 (WCAG AA), and the label carries the tier without colour.
const COLORS: Record<string, string> = {
  unacceptable: '#b3261e',
  high: '#9c4400',
  limited: '#1f5fa8',
};

/** Props of {@link RiskTierChip}. */
export interface RiskTierChipProps {
  /** `spec.risk.tier` of a model; undefined when it declares none. */
  tier: string | undefined;
}

/**
 * A model's risk tier as a chip: filled and coloured for the tiers that
 * bring obligations, outlined for minimal risk and for a tier not declared.
 */
export function RiskTierChip(props: RiskTierChipProps) {
  const { tier } = props;
  const color = tier ? COLORS[tier] : undefined;
  return (
    <Chip
      component="span"
      size="small"
      variant={color ? 'filled' : 'outlined'}
      label={tier ? `${tier} risk` : 'tier not declared'}
      sx={
        color ? { bgcolor: color, color: '#fff' } : { color: 'text.secondary' }
      }
    />
  );
}
