import type { PackLevel, PackScore } from '@modelops/plugin-modelops-common';

/** Pack levels from lowest to highest. */
export const PACK_LEVELS: PackLevel[] = ['none', 'bronze', 'silver', 'gold'];

/**
 * The level of a model: its lowest pack level, since a model is only as
 * ready as its weakest area (the portfolio review reads levels the same
 * way). Undefined when no pack applies or the model was never evaluated.
 */
export function lowestPackLevel(
  packs: Pick<PackScore, 'level'>[],
): PackLevel | undefined {
  let lowest: number | undefined;
  for (const pack of packs) {
    const index = PACK_LEVELS.indexOf(pack.level);
    if (index >= 0 && (lowest === undefined || index < lowest)) {
      lowest = index;
    }
  }
  return lowest === undefined ? undefined : PACK_LEVELS[lowest];
}
