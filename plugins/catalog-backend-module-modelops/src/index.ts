/***/
/**
 * The modelops-processor module for @backstage/plugin-catalog-backend
 *
 * @packageDocumentation
 */

export { catalogModuleModelops as default } from './module';
