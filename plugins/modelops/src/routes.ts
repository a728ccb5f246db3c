import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The route of the model catalog page (`/ml-models` by default).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'modelops' });

/**
 * The route of the scorecards section (`/scorecards` by default), with its
 * `campaigns` and `waivers` sub-pages.
 *
 * @public
 */
export const scorecardsRouteRef = createRouteRef({ id: 'modelops-scorecards' });

/**
 * The route of the cost page (`/ml-cost` by default).
 *
 * @public
 */
export const costRouteRef = createRouteRef({ id: 'modelops-cost' });

/**
 * The route of the ownership review section (`/ml-reviews` by default), with
 * its `progress` and `portfolio` sub-pages.
 *
 * @public
 */
export const reviewsRouteRef = createRouteRef({ id: 'modelops-reviews' });

/**
 * The route of the ML home page (`/ml-home` by default).
 *
 * @public
 */
export const mlHomeRouteRef = createRouteRef({ id: 'modelops-home' });

/**
 * The route of the compliance page (`/ml-compliance` by default).
 *
 * @public
 */
export const complianceRouteRef = createRouteRef({ id: 'modelops-compliance' });
