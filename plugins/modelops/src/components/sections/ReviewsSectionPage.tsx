import { TeamDecisionHistoryPage } from '../decisions/TeamDecisionHistoryPage';
import { MyTeamReviewPage } from '../reviews/MyTeamReviewPage';
import { PortfolioReviewPage } from '../reviews/PortfolioReviewPage';
import { ReviewProgressPage } from '../reviews/ReviewProgressPage';
import { SectionTabsPage } from './SectionTabsPage';

/**
 * The ownership review section: my team's review, progress by team
 * (`progress`), the portfolio review (`portfolio`) and my team's decision
 * history (`decisions`).
 *
 * @public
 */
export function ReviewsSectionPage() {
  return (
    <SectionTabsPage
      title="Ownership review"
      subtitle="Confirm, transfer or retire what your teams own; keep, invest or retire every production model"
      label="Review sections"
      tabs={[
        { path: '', label: 'My team', element: <MyTeamReviewPage embedded /> },
        {
          path: 'progress',
          label: 'Progress by team',
          element: <ReviewProgressPage embedded />,
        },
        {
          path: 'portfolio',
          label: 'Portfolio',
          element: <PortfolioReviewPage embedded />,
        },
        {
          path: 'decisions',
          label: 'Decision history',
          element: <TeamDecisionHistoryPage embedded />,
        },
      ]}
    />
  );
}
