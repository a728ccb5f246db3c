export { decisionApiRef } from '../../api/decisionApiRef';
export { DecisionHistoryTable } from './DecisionHistoryTable';
export type { DecisionHistoryTableProps } from './DecisionHistoryTable';
export { EntityDecisionHistoryContent } from './EntityDecisionHistoryContent';
export { TeamDecisionHistoryPage } from './TeamDecisionHistoryPage';
export type { TeamDecisionHistoryPageProps } from './TeamDecisionHistoryPage';
