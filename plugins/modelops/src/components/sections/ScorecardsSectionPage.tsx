import { CampaignsPage } from '../scorecards/CampaignsPage';
import { ScorecardResultsPage } from '../scorecards/ScorecardResultsPage';
import { ScorecardsPage } from '../scorecards/ScorecardsPage';
import { WaiverApprovalsPage } from '../scorecards/WaiverApprovalsPage';
import { SectionTabsPage } from './SectionTabsPage';

/**
 * The scorecards section: scorecards by pack, team and system, the checks
 * and entities behind any figure (`results`, filtered by the URL),
 * campaigns (`campaigns`) and waiver approvals (`waivers`).
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
          path: 'results',
          label: 'Checks and entities',
          element: <ScorecardResultsPage embedded />,
        },
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
