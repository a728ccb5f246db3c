import { Link } from '@backstage/core-components';
import {
  MLModelEntity,
  RELATION_DERIVED_FROM,
} from '@modelops/plugin-modelops-common';
import { FieldList } from '../common/FieldList';
import { Section } from '../common/Section';
import { RefLink, relatedRefs, RelatedLinks } from '../common/RelatedEntities';

/** "Model details" of the model card: who built what, in which version. */
export function ModelDetailsSection(props: { entity: MLModelEntity }) {
  const { entity } = props;
  const { spec } = entity;
  const registry = spec.registry
    ? [
        spec.registry.type,
        spec.registry.name,
        spec.registry.alias && `@${spec.registry.alias}`,
      ]
        .filter(Boolean)
        .join(' ')
    : undefined;
  const baseModels = relatedRefs(
    entity,
    RELATION_DERIVED_FROM,
    spec.derivedFrom,
    'MLModel',
  );
  return (
    <Section id="details" title="Model details">
      <FieldList
        fields={[
          { label: 'Description', value: entity.metadata.description },
          { label: 'Type', value: spec.type },
          { label: 'Version', value: spec.version },
          { label: 'Lifecycle', value: spec.lifecycle },
          { label: 'Framework', value: spec.framework },
          { label: 'Format', value: spec.format },
          { label: 'License', value: spec.license },
          {
            label: 'Owner',
            value: spec.owner && (
              <RefLink entityRef={spec.owner} defaultKind="Group" />
            ),
          },
          {
            label: 'Business owner',
            value: spec.businessOwner && (
              <RefLink entityRef={spec.businessOwner} defaultKind="User" />
            ),
          },
          {
            label: 'System',
            value: spec.system && (
              <RefLink entityRef={spec.system} defaultKind="System" />
            ),
          },
          { label: 'Registry', value: registry },
          {
            label: 'Derived from',
            value: baseModels.length ? (
              <RelatedLinks refs={baseModels} />
            ) : undefined,
          },
          {
            label: 'Documentation',
            value: entity.metadata.links
              ?.filter(l => l.type === 'model-card')
              .map(l => (
                <Link key={l.url} to={l.url}>
                  {l.title ?? l.url}
                </Link>
              )),
          },
        ]}
      />
    </Section>
  );
}
