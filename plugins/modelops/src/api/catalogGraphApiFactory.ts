import { createApiFactory } from '@backstage/frontend-plugin-api';
import {
  ALL_RELATIONS,
  ALL_RELATION_PAIRS,
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import {
  MODELOPS_RELATIONS,
  MODELOPS_RELATION_PAIRS,
} from '@modelops/plugin-modelops-common';

/**
 * The relations a catalog graph knows in a portal with ModelOps: the
 * built-in ones and the lineage and stewardship relations of the MLModel
 * and Dataset kinds.
 *
 * @public
 */
export const modelOpsGraphRelations: string[] = [
  ...ALL_RELATIONS,
  ...MODELOPS_RELATIONS,
];

/**
 * The relation pairs a catalog graph knows in a portal with ModelOps, so
 * that `trainedOn` and `trainingDataFor` draw as one edge.
 *
 * @public
 */
export const modelOpsGraphRelationPairs: [string, string][] = [
  ...ALL_RELATION_PAIRS,
  ...MODELOPS_RELATION_PAIRS,
];

/**
 * A catalog graph API that knows the ModelOps relations. Without it, the
 * relations card of a model page draws its owner and system but not the
 * datasets it was trained and evaluated on.
 *
 * @public
 */
export const catalogGraphApiFactory = createApiFactory({
  api: catalogGraphApiRef,
  deps: {},
  factory: () =>
    new DefaultCatalogGraphApi({
      knownRelations: modelOpsGraphRelations,
      knownRelationPairs: modelOpsGraphRelationPairs,
      // Every known relation is drawn by default, as in the built-in API.
      defaultRelationTypes: { exclude: [] },
    }),
});
