/**
 * Kinds, permissions and API types shared by the ModelOps for Backstage plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
