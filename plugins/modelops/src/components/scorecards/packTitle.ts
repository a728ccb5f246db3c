// Words that are acronyms in pack ids, written in capitals in titles.
const ACRONYMS = new Set([
  'ai',
  'ml',
  'eu',
  'nist',
  'rmf',
  'pii',
  'gdpr',
  'slo',
]);

/**
 * The display title of a check pack id: `responsible-ai` becomes
 * "Responsible AI", `production-readiness` "Production readiness". Ids are
 * kebab-case for config and URLs; people read titles.
 */
export function packTitle(pack: string): string {
  return pack
    .split(/[-_]/)
    .filter(Boolean)
    .map((word, index) => {
      if (ACRONYMS.has(word.toLowerCase())) return word.toUpperCase();
      return index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word;
    })
    .join(' ');
}
