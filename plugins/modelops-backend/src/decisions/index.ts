export { createDecisionsRouter } from './createDecisionsRouter';
export type { DecisionsRouterDeps } from './createDecisionsRouter';
export { DecisionHistory } from './DecisionHistory';
export type { DecisionLog, DecisionLogPage, DecisionLogQuery } from './types';
