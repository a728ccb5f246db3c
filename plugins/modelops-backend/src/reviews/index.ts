export { createReviewsRouter } from './createReviewsRouter';
export { registerReviewTasks, REVIEW_TASK_ID } from './registerReviewTasks';
export { ReviewFactProvider } from './ReviewFactProvider';
export type { ReviewFactProviderOptions } from './ReviewFactProvider';
export { getReviewFacts } from './getReviewFacts';
export type { ReviewStateFacts } from './getReviewFacts';
