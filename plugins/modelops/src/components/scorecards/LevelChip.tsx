import type { PackLevel } from '@modelops/plugin-modelops-common';
import Chip from '@mui/material/Chip';

// Medal colours carry the level; the label keeps it readable without colour.
const COLORS: Record<PackLevel, string> = {
  none: '#9e9e9e',
  bronze: '#a0522d',
  silver: '#757575',
  gold: '#b8860b',
};

/** A chip naming a pack level. */
export function LevelChip(props: { level: PackLevel; label?: string }) {
  return (
    <Chip
      size="small"
      label={props.label ? `${props.label}: ${props.level}` : props.level}
      sx={{ bgcolor: COLORS[props.level], color: '#fff' }}
    />
  );
}
