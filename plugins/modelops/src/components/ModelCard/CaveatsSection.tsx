import Typography from '@mui/material/Typography';
import { MLModelEntity } from '@modelops/plugin-modelops-common';
import { MissingSection } from '../common/MissingSection';
import { SafeMarkdown } from '../common/SafeMarkdown';
import { Section } from '../common/Section';

/**
 * "Caveats and recommendations" of the model card: limitations, assumptions
 * and the fallback, rendered as sanitised Markdown.
 */
export function CaveatsSection(props: { entity: MLModelEntity }) {
  const { limitations, assumptions, fallback } = props.entity.spec;
  const parts = [
    { title: 'Limitations', text: limitations },
    { title: 'Assumptions', text: assumptions },
    { title: 'Fallback', text: fallback },
  ].filter((p): p is { title: string; text: string } => !!p.text);
  return (
    <Section id="caveats" title="Caveats and recommendations">
      {parts.map(part => (
        <div key={part.title}>
          <Typography variant="subtitle2">{part.title}</Typography>
          <SafeMarkdown content={part.text} />
        </div>
      ))}
      {!limitations && (
        <MissingSection
          what="Known limitations"
          field="spec.limitations"
          example="limitations: Under-represents applicants with thin credit files."
        />
      )}
    </Section>
  );
}
