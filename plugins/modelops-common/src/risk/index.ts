export * from './types';
export * from './riskQuestionnaire';
export * from './riskControls';
export * from './classifyRisk';
