import { getEntityRelations } from '@backstage/plugin-catalog-react';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  DatasetEntity,
  RELATION_DERIVED_FROM,
  RELATION_EVALUATION_DATA_FOR,
  RELATION_HAS_DERIVATIVE,
  RELATION_PRODUCED_BY,
  RELATION_TRAINING_DATA_FOR,
} from '@modelops/plugin-modelops-common';
import { FieldList } from '../common/FieldList';
import { relatedRefs, RelatedLinks } from '../common/RelatedEntities';
import { Section } from '../common/Section';

function links(refs: CompoundEntityRef[]) {
  return refs.length > 0 ? <RelatedLinks refs={refs} /> : undefined;
}

/**
 * Where a dataset comes from and where it goes: upstream datasets and the
 * producing pipeline, downstream datasets, and the models trained or
 * evaluated on it (from the relations the kinds processor emits).
 */
export function LineageSection(props: { entity: DatasetEntity }) {
  const { entity } = props;
  const { spec } = entity;
  // Reverse relations exist only when the processor ran; there is no spec
  // field to fall back to for them.
  const trainedModels = getEntityRelations(entity, RELATION_TRAINING_DATA_FOR);
  const evaluatedModels = getEntityRelations(
    entity,
    RELATION_EVALUATION_DATA_FOR,
  );
  return (
    <Section id="lineage" title="Lineage">
      <FieldList
        fields={[
          { label: 'Source', value: spec.source },
          {
            label: 'Produced by',
            value: links(
              relatedRefs(
                entity,
                RELATION_PRODUCED_BY,
                spec.producedBy,
                'Component',
              ),
            ),
          },
          {
            label: 'Upstream datasets',
            value: links(
              relatedRefs(
                entity,
                RELATION_DERIVED_FROM,
                spec.derivedFrom,
                'Dataset',
              ),
            ),
          },
          {
            label: 'Downstream datasets',
            value: links(getEntityRelations(entity, RELATION_HAS_DERIVATIVE)),
          },
          { label: 'Models trained on it', value: links(trainedModels) },
          { label: 'Models evaluated on it', value: links(evaluatedModels) },
        ]}
      />
    </Section>
  );
}
