import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The model card tab of MLModel pages: a tab of its own rather than an entry
 * of the documentation group's menu, since it is what a model page is read
 * for.
 *
 * @alpha
 */
export const modelCardEntityContent = EntityContentBlueprint.make({
  name: 'model-card',
  params: {
    path: '/model-card',
    title: 'Model card',
    filter: { kind: 'MLModel' },
    loader: () =>
      import('../components/ModelCard/ModelCardContent').then(m => (
        <m.ModelCardContent />
      )),
  },
});

/**
 * The datasheet tab of Dataset pages, a tab of its own as the model card is.
 *
 * @alpha
 */
export const datasheetEntityContent = EntityContentBlueprint.make({
  name: 'datasheet',
  params: {
    path: '/datasheet',
    title: 'Datasheet',
    filter: { kind: 'Dataset' },
    loader: () =>
      import('../components/Datasheet/DatasheetContent').then(m => (
        <m.DatasheetContent />
      )),
  },
});

/**
 * The scorecard tab of MLModel and Dataset pages: the scorecard card at full
 * width, since it lists every pack with its failing checks and remediation.
 *
 * @alpha
 */
export const scorecardEntityContent = EntityContentBlueprint.make({
  name: 'scorecard',
  params: {
    path: '/scorecard',
    title: 'Scorecard',
    filter: { kind: { $in: ['MLModel', 'Dataset'] } },
    loader: () =>
      import('../components/scorecards/EntityScorecardCard').then(m => (
        <m.EntityScorecardCard />
      )),
  },
});

/**
 * The compliance tab of MLModel pages: obligations with their dates and
 * status, and the Annex IV dossier download for high-risk models.
 *
 * @alpha
 */
export const complianceEntityContent = EntityContentBlueprint.make({
  name: 'compliance',
  params: {
    path: '/compliance',
    title: 'Compliance',
    filter: { kind: 'MLModel' },
    loader: () =>
      import('../components/compliance/EntityComplianceContent').then(m => (
        <m.EntityComplianceContent />
      )),
  },
});

/**
 * The decision history tab of MLModel and Dataset pages: every waiver,
 * production change and ownership decision, with who, when, what and why.
 *
 * @alpha
 */
export const decisionHistoryEntityContent = EntityContentBlueprint.make({
  name: 'decision-history',
  params: {
    path: '/decisions',
    title: 'Decision history',
    filter: { kind: { $in: ['MLModel', 'Dataset'] } },
    loader: () =>
      import('../components/decisions/EntityDecisionHistoryContent').then(m => (
        <m.EntityDecisionHistoryContent />
      )),
  },
});
