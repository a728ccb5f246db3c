import type { PackLevel } from '@modelops/plugin-modelops-common';
import Chip from '@mui/material/Chip';

// Medal colours carry the level; the label keeps it readable without colour.
// Each keeps white text at a contrast of at least 4.5:1 (WCAG AA); "none" is
// an outline, so that it reads as the absence of a medal.
const COLORS: Record<Exclude<PackLevel, 'none'>, string> = {
  bronze: '#9a4f2b',
  silver: '#686868',
  gold: '#80640a',
};

/** Props of {@link LevelChip}. */
export interface LevelChipProps {
  level: PackLevel;
  /** What reached the level: a pack title, or a count of entities. */
  label?: string;
  /** Drawn faint, e.g. for a count of zero. */
  faded?: boolean;
}

/** A chip naming a pack level. */
export function LevelChip(props: LevelChipProps) {
  const { level, label, faded } = props;
  return (
    <Chip
      // A span, so the chip may sit inside running text (list item
      // secondary lines are paragraphs).
      component="span"
      size="small"
      variant={level === 'none' ? 'outlined' : 'filled'}
      label={label ? `${label}: ${level}` : level}
      sx={{
        ...(level === 'none'
          ? { color: 'text.secondary' }
          : { bgcolor: COLORS[level], color: '#fff' }),
        opacity: faded ? 0.45 : 1,
      }}
    />
  );
}
