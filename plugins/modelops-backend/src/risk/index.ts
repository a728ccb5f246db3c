export { createRiskAssessmentsRouter } from './createRiskAssessmentsRouter';
export { DatabaseRiskAssessmentStore } from './DatabaseRiskAssessmentStore';
export { RiskAssessmentFactProvider } from './RiskAssessmentFactProvider';
export type { NewRiskAssessment, RiskAssessmentStore } from './types';
