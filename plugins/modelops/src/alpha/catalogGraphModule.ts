import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { catalogGraphApiFactory } from '../api/catalogGraphApiFactory';

/**
 * Teaches the catalog graph plugin the ModelOps relations (trainedOn,
 * evaluatedOn, derivedFrom, stewardedBy, producedBy and their reverses) by
 * replacing its API extension; add it to the app's features next to the
 * catalog graph plugin.
 *
 * @alpha
 */
export const catalogGraphModelOpsModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams => defineParams(catalogGraphApiFactory),
    }),
  ],
});
