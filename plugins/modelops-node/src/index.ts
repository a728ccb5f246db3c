/**
 * Extension points of the ModelOps backend: scorecard checks and fact providers.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './extensions';
export * from './ruleCheck';
