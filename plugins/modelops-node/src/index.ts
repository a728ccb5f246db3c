/**
 * Extension points of the ModelOps backend: scorecard checks, fact providers
 * and billing export formats for the cost imports.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './extensions';
export * from './ruleCheck';
export * from './costFormats';
