import { MLModelEntity } from '@modelops/plugin-modelops-common';
import { FieldList, joinList } from '../common/FieldList';
import { MissingSection } from '../common/MissingSection';
import { Section } from '../common/Section';

/**
 * "Factors" of the model card: the groups and the domain along which the
 * model's performance can vary.
 */
export function FactorsSection(props: { entity: MLModelEntity }) {
  const { risk } = props.entity.spec;
  const attributes = risk?.protectedAttributes;
  return (
    <Section id="factors" title="Factors">
      {attributes && attributes.length > 0 ? (
        <FieldList
          fields={[
            { label: 'Protected attributes', value: joinList(attributes) },
            { label: 'Domain', value: risk?.domain },
          ]}
        />
      ) : (
        <MissingSection
          what="Relevant factors (protected attributes)"
          field="spec.risk.protectedAttributes"
          example={
            'risk:\n  protectedAttributes: [age, sex]\n  domain: credit-scoring'
          }
        />
      )}
    </Section>
  );
}
