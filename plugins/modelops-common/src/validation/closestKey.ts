function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(
        previous[j] + 1,
        previous[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * The allowed key an unknown key most likely meant, for "did you mean"
 * hints; undefined when nothing is close enough to be a typo.
 */
export function closestKey(
  unknownKey: string,
  allowedKeys: readonly string[],
): string | undefined {
  const needle = unknownKey.toLocaleLowerCase('en-US');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowedKeys) {
    const distance = editDistance(needle, candidate.toLocaleLowerCase('en-US'));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(2, Math.floor(unknownKey.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}
