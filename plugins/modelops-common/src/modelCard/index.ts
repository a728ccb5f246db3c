export { modelCardToHuggingFaceReadme } from './modelCardToHuggingFaceReadme';
export {
  importHuggingFaceCardData,
  importHuggingFaceReadme,
} from './importHuggingFaceReadme';
export {
  hubIdToEntityName,
  MODELOPS_FRONT_MATTER_KEY,
} from './huggingFaceTerms';
export type {
  HuggingFaceCardImport,
  ModelCardEvaluation,
  ModelCardMetricResult,
  ModelCardResult,
} from './types';
