/**
 * Kinds, permissions and API types shared by the ModelOps for Backstage plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './api/cost';
export * from './scorecards';
export * from './api/scorecards';
export * from './api/reviews';
export * from './client/ScorecardClient';
export * from './risk';
export * from './scorecards';
export * from './api/scorecards';
export * from './client/ScorecardClient';
export * from './kinds';
export * from './validation';
export * from './api/evidence';
export * from './client/createModelOpsFetcher';
export * from './client/ModelOpsClient';
export * from './client/CostClient';
export * from './client/ReviewClient';
export * from './modelCard';
export * from './api/feedback';
export * from './api/changes';
export * from './api/delivery';
export * from './client/FeedbackClient';
export * from './client/ChangeClient';
export * from './client/DeliveryClient';
