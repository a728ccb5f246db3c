import Typography from '@mui/material/Typography';
import { MLModelEntity } from '@modelops/plugin-modelops-common';
import { MissingSection } from '../common/MissingSection';
import { Section } from '../common/Section';

function UseList(props: { title: string; items: string[] | undefined }) {
  if (!props.items || props.items.length === 0) {
    return null;
  }
  return (
    <>
      <Typography variant="subtitle2">{props.title}</Typography>
      <ul style={{ marginTop: 0 }}>
        {props.items.map(item => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

/** "Intended use" of the model card: primary uses and users, out-of-scope uses. */
export function IntendedUseSection(props: { entity: MLModelEntity }) {
  const { intendedUse, allowedPurposes } = props.entity.spec;
  const hasContent =
    !!intendedUse &&
    [
      intendedUse.primaryUses,
      intendedUse.primaryUsers,
      intendedUse.outOfScope,
    ].some(list => list && list.length > 0);
  return (
    <Section id="intended-use" title="Intended use">
      {hasContent ? (
        <>
          <UseList title="Primary uses" items={intendedUse?.primaryUses} />
          <UseList title="Primary users" items={intendedUse?.primaryUsers} />
          <UseList title="Out of scope" items={intendedUse?.outOfScope} />
        </>
      ) : (
        <MissingSection
          what="Intended use"
          field="spec.intendedUse"
          example={
            'intendedUse:\n  primaryUses: [Pre-screen loan applications]\n  primaryUsers: [Credit underwriters]\n  outOfScope: [Employment decisions]'
          }
        />
      )}
      <UseList title="Allowed purposes" items={allowedPurposes} />
    </Section>
  );
}
