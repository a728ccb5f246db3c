export { feedbackApiRef } from '../../api/feedbackApiRef';
export { ReportProblemButton } from './ReportProblemButton';
export type { ReportProblemButtonProps } from './ReportProblemButton';
export { EntityFeedbackCard } from './EntityFeedbackCard';
