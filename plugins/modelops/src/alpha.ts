/**
 * ModelOps for Backstage in the new frontend system.
 *
 * @packageDocumentation
 */

export { default } from './alpha/plugin';
export {
  modelOpsApi,
  modelCatalogPage,
  modelCardEntityContent,
  datasheetEntityContent,
  modelOperationsEntityCard,
} from './alpha/plugin';
