export { reviewApiRef } from './reviewApiRef';
export { MyTeamReviewPage } from './MyTeamReviewPage';
export { EntityReviewCard } from './EntityReviewCard';
export { ReviewProgressPage } from './ReviewProgressPage';
export { PortfolioReviewPage } from './PortfolioReviewPage';
