export { EntityScorecardCard } from './EntityScorecardCard';
export { ScorecardsPage, type ScorecardsPageProps } from './ScorecardsPage';
export { CampaignsPage, type CampaignsPageProps } from './CampaignsPage';
export { WaiverApprovals } from './WaiverApprovals';
export {
  WaiverApprovalsPage,
  type WaiverApprovalsPageProps,
} from './WaiverApprovalsPage';
export { scorecardApiRef } from '../../api/scorecardApiRef';
