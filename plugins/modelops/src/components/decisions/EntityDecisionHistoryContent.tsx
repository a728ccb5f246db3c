import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DecisionHistoryTable } from './DecisionHistoryTable';

/**
 * The decision history of the entity in context: on MLModel and Dataset
 * pages the decisions about it, on Group pages those about what the team
 * owns or owned.
 *
 * @public
 */
export function EntityDecisionHistoryContent() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  return (
    <DecisionHistoryTable
      scope={
        entity.kind.toLocaleLowerCase('en-US') === 'group'
          ? { team: ref }
          : { entityRef: ref }
      }
    />
  );
}
