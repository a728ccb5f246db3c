import { Content, Header, Page } from '@backstage/core-components';
import Grid from '@mui/material/Grid';
import { ML_PAGE_THEME } from '../common/PageFrame';
import { CampaignsAndReviewsSection } from './CampaignsAndReviewsSection';
import { latestPostmortems, LinkListSection } from './LinkListSection';
import { MostFailedChecksSection } from './MostFailedChecksSection';
import { MyTeamModelsSection } from './MyTeamModelsSection';
import { RecentChangesSection } from './RecentChangesSection';

/**
 * Props of {@link MlHomePage}.
 *
 * @public
 */
export interface MlHomePageProps {
  /** Page title; "Machine learning at a glance" by default. */
  title?: string;
}

/**
 * The ML home page for newcomers and teams: how models are built and run
 * here (playbooks), the team's models and their scorecard levels, open
 * campaigns and reviews, where checks fail most, recently changed models and
 * postmortems to learn from. Each section works on its own and says so when
 * the feature behind it is not installed.
 *
 * @public
 */
export function MlHomePage(props: MlHomePageProps) {
  return (
    <Page themeId={ML_PAGE_THEME}>
      <Header
        title={props.title ?? 'Machine learning at a glance'}
        subtitle="How models are built and run here, and where they stand"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <LinkListSection
              title="How we build and run models"
              subheader="Playbooks linked from teams, systems and models"
              linkType="playbook"
              emptyMessage="No playbooks yet: add links of type playbook to teams or models."
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <MyTeamModelsSection />
          </Grid>
          <Grid item xs={12} md={6}>
            <CampaignsAndReviewsSection />
          </Grid>
          <Grid item xs={12} md={6}>
            <MostFailedChecksSection />
          </Grid>
          <Grid item xs={12} md={6}>
            <RecentChangesSection />
          </Grid>
          <Grid item xs={12} md={6}>
            <LinkListSection
              title="Lessons learned"
              subheader="Recent postmortems of model incidents"
              linkType="postmortem"
              emptyMessage="No postmortems linked yet: add links of type postmortem to the models they concern."
              select={latestPostmortems}
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
