import { CampaignsPage } from '../scorecards/CampaignsPage';
import { ScorecardsPage } from '../scorecards/ScorecardsPage';
import { WaiverApprovalsPage } from '../scorecards/WaiverApprovalsPage';
import { SectionTabsPage } from './SectionTabsPage';

/**
 * The scorecards section: scorecards by pack, team and system, campaigns
 * (`campaigns`) and waiver approvals (`waivers`).
 *
 * @public
 */
export function ScorecardsSectionPage() {
  return (
    <SectionTabsPage
      title="Scorecards"
      subtitle="Production readiness, responsible AI, data governance, documentation, ownership and cost"
      label="Scorecards sections"
      tabs={[
        { path: '', label: 'Scorecards', element: <ScorecardsPage embedded /> },
        {
          path: 'campaigns',
          label: 'Campaigns',
          element: <CampaignsPage embedded />,
        },
        {
          path: 'waivers',
          label: 'Waiver approvals',
          element: <WaiverApprovalsPage embedded />,
        },
      ]}
    />
  );
}
