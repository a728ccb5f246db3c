export { validateModelOpsEntity } from './validateModelOpsEntity';
export { formatValidationProblems } from './formatValidationProblems';
export type { ModelOpsValidationProblem } from './types';
