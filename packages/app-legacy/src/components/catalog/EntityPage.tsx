import { Grid } from '@material-ui/core';
import {
  EntityAboutCard,
  EntityLayout,
  EntityLinksCard,
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  EntitySwitch,
  hasCatalogProcessingErrors,
  isKind,
  isOrphan,
} from '@backstage/plugin-catalog';
import { EntityCatalogGraphCard } from '@backstage/plugin-catalog-graph';
import {
  EntityChangeRequestsCard,
  EntityCostCard,
  EntityDatasheetContent,
  EntityDeliveryMetricsCard,
  EntityFeedbackCard,
  EntityModelCardContent,
  EntityModelOperationsCard,
  EntityReviewCard,
  EntityScorecardCard,
  modelOpsGraphRelationPairs,
  modelOpsGraphRelations,
} from '@modelops/plugin-modelops';

const entityWarningContent = (
  <>
    <EntitySwitch>
      <EntitySwitch.Case if={isOrphan}>
        <Grid item xs={12}>
          <EntityOrphanWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    <EntitySwitch>
      <EntitySwitch.Case if={hasCatalogProcessingErrors}>
        <Grid item xs={12}>
          <EntityProcessingErrorsPanel />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </>
);

// The relations graph with the lineage relations of models and datasets,
// so a model shows the datasets it was trained and evaluated on.
const relationsCard = (
  <EntityCatalogGraphCard
    height={400}
    relations={modelOpsGraphRelations}
    relationPairs={modelOpsGraphRelationPairs}
  />
);

// What every overview starts with: warnings, the About card and relations.
const overviewHeader = (
  <>
    {entityWarningContent}
    <Grid item md={6} xs={12}>
      <EntityAboutCard />
    </Grid>
    <Grid item md={6} xs={12}>
      {relationsCard}
    </Grid>
  </>
);

const scorecardRoute = (
  <EntityLayout.Route path="/scorecard" title="Scorecard">
    <EntityScorecardCard />
  </EntityLayout.Route>
);

const governanceCards = (
  <>
    <Grid item md={6} xs={12}>
      <EntityScorecardCard />
    </Grid>
    <Grid item md={6} xs={12}>
      <EntityReviewCard />
    </Grid>
    <Grid item md={6} xs={12}>
      <EntityCostCard />
    </Grid>
  </>
);

const modelPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {overviewHeader}
        <Grid item md={6} xs={12}>
          <EntityModelOperationsCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityLinksCard />
        </Grid>
        {governanceCards}
        <Grid item md={6} xs={12}>
          <EntityFeedbackCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityChangeRequestsCard />
        </Grid>
        <Grid item xs={12}>
          <EntityDeliveryMetricsCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
    <EntityLayout.Route path="/model-card" title="Model card">
      <EntityModelCardContent />
    </EntityLayout.Route>
    {scorecardRoute}
  </EntityLayout>
);

const datasetPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {overviewHeader}
        {governanceCards}
      </Grid>
    </EntityLayout.Route>
    <EntityLayout.Route path="/datasheet" title="Datasheet">
      <EntityDatasheetContent />
    </EntityLayout.Route>
    {scorecardRoute}
  </EntityLayout>
);

const defaultPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {overviewHeader}
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

/**
 * The entity page of the legacy demo app: model card and datasheet tabs and
 * the ModelOps cards for the MLModel and Dataset kinds.
 */
export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('MLModel')}>{modelPage}</EntitySwitch.Case>
    <EntitySwitch.Case if={isKind('Dataset')}>{datasetPage}</EntitySwitch.Case>
    <EntitySwitch.Case>{defaultPage}</EntitySwitch.Case>
  </EntitySwitch>
);
