export { reviewApiRef } from '../../api/reviewApiRef';
export {
  MyTeamReviewPage,
  type MyTeamReviewPageProps,
} from './MyTeamReviewPage';
export { EntityReviewCard } from './EntityReviewCard';
export {
  ReviewProgressPage,
  type ReviewProgressPageProps,
} from './ReviewProgressPage';
export {
  PortfolioReviewPage,
  type PortfolioReviewPageProps,
} from './PortfolioReviewPage';
