export { modelOpsApiRef } from './modelOpsApiRef';
export { modelOpsApiFactory } from './modelOpsApiFactory';
export {
  costApiFactory,
  scorecardApiFactory,
  reviewApiFactory,
  feedbackApiFactory,
  changeApiFactory,
  deliveryApiFactory,
  observationApiFactory,
  decisionApiFactory,
} from './featureApiFactories';
export { modelOpsApiFactories } from './modelOpsApiFactories';
export {
  catalogGraphApiFactory,
  modelOpsGraphRelations,
  modelOpsGraphRelationPairs,
} from './catalogGraphApiFactory';
