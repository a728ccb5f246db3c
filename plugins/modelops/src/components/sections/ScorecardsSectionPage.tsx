import { Content, Header, Page } from '@backstage/core-components';
import { CampaignsPage } from '../scorecards/CampaignsPage';
import { ScorecardsPage } from '../scorecards/ScorecardsPage';
import { WaiverApprovals } from '../scorecards/WaiverApprovals';
import { SectionTabsPage } from './SectionTabsPage';

function WaiverApprovalsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Waiver approvals"
        subtitle="Exceptions to checks, with reason, expiry and a second approver"
      />
      <Content>
        <WaiverApprovals />
      </Content>
    </Page>
  );
}

/**
 * The scorecards section: scorecards by pack, team and system, campaigns
 * (`campaigns`) and waiver approvals (`waivers`).
 *
 * @public
 */
export function ScorecardsSectionPage() {
  return (
    <SectionTabsPage
      label="Scorecards sections"
      tabs={[
        { path: '', label: 'Scorecards', element: <ScorecardsPage /> },
        { path: 'campaigns', label: 'Campaigns', element: <CampaignsPage /> },
        {
          path: 'waivers',
          label: 'Waiver approvals',
          element: <WaiverApprovalsPage />,
        },
      ]}
    />
  );
}
