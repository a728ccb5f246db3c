import type { ModelOpsValidationProblem } from './types';

/**
 * Joins problems into text with one problem per line, for processing errors,
 * logs and command line output.
 *
 * @public
 */
export function formatValidationProblems(
  problems: ReadonlyArray<ModelOpsValidationProblem>,
): string {
  return problems.map(p => p.message).join('\n');
}
