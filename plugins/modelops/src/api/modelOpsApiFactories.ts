import { modelOpsApiFactory } from './modelOpsApiFactory';
import {
  changeApiFactory,
  complianceApiFactory,
  costApiFactory,
  decisionApiFactory,
  deliveryApiFactory,
  feedbackApiFactory,
  observationApiFactory,
  reviewApiFactory,
  scorecardApiFactory,
} from './featureApiFactories';

/**
 * Every API factory of the ModelOps frontend: the evidence client and one
 * client per feature. The legacy plugin registers them all; the new-system
 * plugin makes one ApiBlueprint per factory.
 *
 * @public
 */
export const modelOpsApiFactories = [
  modelOpsApiFactory,
  costApiFactory,
  scorecardApiFactory,
  reviewApiFactory,
  feedbackApiFactory,
  changeApiFactory,
  deliveryApiFactory,
  complianceApiFactory,
  observationApiFactory,
  decisionApiFactory,
] as const;
