export { createFeedbackRouter } from './createFeedbackRouter';
export type { FeedbackRouterDeps } from './createFeedbackRouter';
export {
  FeedbackFactProvider,
  feedbackAnsweredCheck,
} from './FeedbackFactProvider';
export { readFeedbackConfig } from './readFeedbackConfig';
