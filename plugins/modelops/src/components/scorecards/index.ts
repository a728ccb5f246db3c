export { EntityScorecardCard } from './EntityScorecardCard';
export { ScorecardsPage } from './ScorecardsPage';
export { CampaignsPage } from './CampaignsPage';
export { WaiverApprovals } from './WaiverApprovals';
export { scorecardApiRef } from './scorecardApiRef';
