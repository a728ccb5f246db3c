import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { modelOpsApiFactory } from '../api/modelOpsApiFactory';
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
} from '../api/featureApiFactories';

/** The evidence client (evaluations, monitoring). @alpha */
export const modelOpsApi = ApiBlueprint.make({
  params: defineParams => defineParams(modelOpsApiFactory),
});

/** The cost client. @alpha */
export const costApi = ApiBlueprint.make({
  name: 'cost',
  params: defineParams => defineParams(costApiFactory),
});

/** The scorecard client. @alpha */
export const scorecardApi = ApiBlueprint.make({
  name: 'scorecards',
  params: defineParams => defineParams(scorecardApiFactory),
});

/** The ownership review client. @alpha */
export const reviewApi = ApiBlueprint.make({
  name: 'reviews',
  params: defineParams => defineParams(reviewApiFactory),
});

/** The user feedback client. @alpha */
export const feedbackApi = ApiBlueprint.make({
  name: 'feedback',
  params: defineParams => defineParams(feedbackApiFactory),
});

/** The change approval client. @alpha */
export const changeApi = ApiBlueprint.make({
  name: 'changes',
  params: defineParams => defineParams(changeApiFactory),
});

/** The delivery metrics client. @alpha */
export const deliveryApi = ApiBlueprint.make({
  name: 'delivery',
  params: defineParams => defineParams(deliveryApiFactory),
});

/** The compliance client. @alpha */
export const complianceApi = ApiBlueprint.make({
  name: 'compliance',
  params: defineParams => defineParams(complianceApiFactory),
});

/** The observations client (import notes). @alpha */
export const observationApi = ApiBlueprint.make({
  name: 'observations',
  params: defineParams => defineParams(observationApiFactory),
});

/** The decision history client. @alpha */
export const decisionApi = ApiBlueprint.make({
  name: 'decisions',
  params: defineParams => defineParams(decisionApiFactory),
});
