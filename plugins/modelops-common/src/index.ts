/**
 * Kinds, permissions and API types shared by the ModelOps for Backstage plugins.
 *
 * @packageDocumentation
 */

// The MLModel and Dataset kinds, their validator and the model card mapping.
export * from './kinds';
export * from './validation';
export * from './modelCard';
export * from './risk';
export * from './scorecards';
export * from './obligations';

export * from './permissions';

// Request and response types of the backend's routes, and typed clients.
export * from './api/evidence';
export * from './api/cost';
export * from './api/scorecards';
export * from './api/reviews';
export * from './api/feedback';
export * from './api/changes';
export * from './api/delivery';
export * from './api/compliance';
export * from './api/observations';
export * from './api/servingDisagreements';
export * from './api/decisions';
export * from './api/riskAssessments';
export * from './client/createModelOpsFetcher';
export * from './client/ModelOpsClient';
export * from './client/CostClient';
export * from './client/ScorecardClient';
export * from './client/ReviewClient';
export * from './client/FeedbackClient';
export * from './client/ChangeClient';
export * from './client/DeliveryClient';
export * from './client/ComplianceClient';
export * from './client/ObservationClient';
export * from './client/DecisionClient';
export * from './client/RiskAssessmentClient';
