import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  ChangeClient,
  CostClient,
  ComplianceClient,
  DecisionClient,
  DeliveryClient,
  FeedbackClient,
  ObservationClient,
  ReviewClient,
  ScorecardClient,
} from '@modelops/plugin-modelops-common';
import { changeApiRef } from './changeApiRef';
import { complianceApiRef } from './complianceApiRef';
import { costApiRef } from './costApiRef';
import { decisionApiRef } from './decisionApiRef';
import { deliveryApiRef } from './deliveryApiRef';
import { feedbackApiRef } from './feedbackApiRef';
import { observationApiRef } from './observationApiRef';
import { reviewApiRef } from './reviewApiRef';
import { scorecardApiRef } from './scorecardApiRef';

/*
 * Every feature client talks to the same ModelOps backend through the app's
 * discovery and fetch APIs (the latter adds the user's token), so each
 * factory takes the same two dependencies.
 */
const deps = { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef };

/**
 * The factory of the cost client (cost cards and the cost page).
 *
 * @public
 */
export const costApiFactory = createApiFactory({
  api: costApiRef,
  deps,
  factory: options => CostClient.create(options),
});

/**
 * The factory of the scorecard client (scorecard card, scorecards,
 * campaigns and waiver pages).
 *
 * @public
 */
export const scorecardApiFactory = createApiFactory({
  api: scorecardApiRef,
  deps,
  factory: options => ScorecardClient.create(options),
});

/**
 * The factory of the ownership review client (review card and pages).
 *
 * @public
 */
export const reviewApiFactory = createApiFactory({
  api: reviewApiRef,
  deps,
  factory: options => ReviewClient.create(options),
});

/**
 * The factory of the user feedback client (feedback card and the report a
 * problem button).
 *
 * @public
 */
export const feedbackApiFactory = createApiFactory({
  api: feedbackApiRef,
  deps,
  factory: options => FeedbackClient.create(options),
});

/**
 * The factory of the change approval client (production change card).
 *
 * @public
 */
export const changeApiFactory = createApiFactory({
  api: changeApiRef,
  deps,
  factory: options => ChangeClient.create(options),
});

/**
 * The factory of the delivery metrics client (delivery metrics card).
 *
 * @public
 */
export const deliveryApiFactory = createApiFactory({
  api: deliveryApiRef,
  deps,
  factory: options => DeliveryClient.create(options),
});

/**
 * The factory of the compliance client (compliance tab and page).
 *
 * @public
 */
export const complianceApiFactory = createApiFactory({
  api: complianceApiRef,
  deps,
  factory: options => ComplianceClient.create(options),
});

/**
 * The factory of the observations client (import notes card).
 *
 * @public
 */
export const observationApiFactory = createApiFactory({
  api: observationApiRef,
  deps,
  factory: options => ObservationClient.create(options),
});

/**
 * The factory of the decision history client (decision history tab, team
 * history).
 *
 * @public
 */
export const decisionApiFactory = createApiFactory({
  api: decisionApiRef,
  deps,
  factory: options => DecisionClient.create(options),
});
