export { modelCardToHuggingFaceReadme } from './modelCardToHuggingFaceReadme';
export { huggingFaceReadmeToMLModelSpec } from './huggingFaceReadmeToMLModelSpec';
export type { ModelCardEvaluation } from './types';
