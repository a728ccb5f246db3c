import type { ModelCardContent } from '../../types';

function list(items: string[] | undefined, empty: string): string {
  if (!items || items.length === 0) {
    return `_${empty}_`;
  }
  return items.map(item => `- ${item}`).join('\n');
}

function section(title: string, body: string | undefined, empty: string) {
  return `## ${title}\n\n${body?.trim() ? body.trim() : `_${empty}_`}\n`;
}

/**
 * Renders MODEL_CARD.md. The headings follow "Model Cards for Model
 * Reporting" (Mitchell et al.) and the Hugging Face card layout so the file
 * reads familiar to both audiences; empty sections stay in the document with a
 * prompt, because a visible gap is what gets filled in.
 */
export function renderModelCard(card: ModelCardContent): string {
  const facts: [string, string | undefined][] = [
    ['Name', `\`${card.name}\``],
    ['Owner', card.owner],
    ['Type', card.type],
    ['Framework', card.framework],
    ['License', card.license],
    ['Version', card.version],
    ['Risk tier (EU AI Act)', card.riskTier],
    ['Base models', card.derivedFrom?.join(', ')],
  ];
  const table = [
    '| Field | Value |',
    '| --- | --- |',
    ...facts
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([label, value]) => `| ${label} | ${value} |`),
  ].join('\n');

  const metrics =
    card.metrics && card.metrics.length > 0
      ? [
          '| Metric | Threshold | Direction | Slice |',
          '| --- | --- | --- | --- |',
          ...card.metrics.map(
            m =>
              `| ${m.name} | ${m.threshold ?? ''} | ${m.direction ?? ''} | ${
                m.slice ?? 'overall'
              } |`,
          ),
        ].join('\n')
      : undefined;

  const parts = [
    `# Model card: ${card.title ?? card.name}\n`,
    `${
      card.description?.trim() ||
      '_Describe what the model does in one paragraph._'
    }\n`,
    `## Model details\n\n${table}\n`,
    `## Intended use\n\n### Primary uses\n\n${list(
      card.intendedUse?.primaryUses,
      'Which decisions or tasks is the model for?',
    )}\n\n### Primary users\n\n${list(
      card.intendedUse?.primaryUsers,
      'Who uses its output?',
    )}\n\n### Out of scope\n\n${list(
      card.intendedUse?.outOfScope,
      'Uses the model must not be put to.',
    )}\n`,
    `## Training data\n\n${list(
      card.trainedOn,
      'Link the Dataset entities the model is trained on.',
    )}\n`,
    `## Evaluation data\n\n${list(
      card.evaluatedOn,
      'Link the Dataset entities the model is evaluated on.',
    )}\n`,
    section(
      'Metrics',
      metrics,
      'Declare the metrics, thresholds and slices that gate releases and trigger retraining.',
    ),
    section(
      'Limitations',
      card.limitations,
      'Known failure modes, under-represented groups, conditions where accuracy drops.',
    ),
    section(
      'Ethical considerations',
      card.ethicalConsiderations,
      'Protected attributes, fairness metrics and the human oversight in place.',
    ),
  ];
  if (card.details?.trim()) {
    parts.push(`## Imported details\n\n${card.details.trim()}\n`);
  }
  return parts.join('\n');
}
