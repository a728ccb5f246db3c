/**
 * ModelOps for Backstage: model catalog, model cards, datasheets and
 * operations cards (legacy frontend system; the new system is in `./alpha`).
 *
 * @packageDocumentation
 */

export {
  modelopsPlugin,
  ModelCatalogPage,
  EntityModelCardContent,
  EntityDatasheetContent,
  EntityModelOperationsCard,
} from './plugin';
export { rootRouteRef as modelCatalogRouteRef } from './routes';
export * from './api';
