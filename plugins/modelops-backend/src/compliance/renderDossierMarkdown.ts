import type { Dossier, DossierBlock } from './buildDossier';

/**
 * Escapes text for a Markdown table cell or list item: pipes and newlines
 * would break the table, and raw HTML is neutralised so that a renderer
 * shows it as text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\r?\n/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function block(b: DossierBlock): string[] {
  switch (b.kind) {
    case 'text':
      return [escapeMarkdown(b.text), ''];
    case 'fields':
      return b.rows.length === 0
        ? []
        : [
            '| Field | Value |',
            '| --- | --- |',
            ...b.rows.map(
              ([label, value]) =>
                `| ${escapeMarkdown(label)} | ${escapeMarkdown(value)} |`,
            ),
            '',
          ];
    case 'table':
      return [
        `**${escapeMarkdown(b.title)}**`,
        '',
        `| ${b.header.map(escapeMarkdown).join(' | ')} |`,
        `| ${b.header.map(() => '---').join(' | ')} |`,
        ...b.rows.map(r => `| ${r.map(escapeMarkdown).join(' | ')} |`),
        '',
      ];
    default:
      return [];
  }
}

/** The dossier as a Markdown document, one heading per Annex IV section. */
export function renderDossierMarkdown(dossier: Dossier): string {
  const gapCount = dossier.sections.reduce((n, s) => n + s.gaps.length, 0);
  const lines = [
    `# Technical documentation (EU AI Act Annex IV): ${escapeMarkdown(
      dossier.title,
    )}`,
    '',
    `Model \`${dossier.entityRef}\`, version **${escapeMarkdown(
      dossier.version,
    )}**. Generated ${
      dossier.generatedAt
    } from the records the portal holds; ${gapCount} gaps are listed under their sections.`,
    '',
  ];
  for (const section of dossier.sections) {
    lines.push(`## ${section.point}. ${section.title}`, '');
    for (const b of section.blocks) lines.push(...block(b));
    if (section.gaps.length > 0) {
      lines.push('**Gaps**', '');
      for (const gap of section.gaps) lines.push(`- ${escapeMarkdown(gap)}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}
