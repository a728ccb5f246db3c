import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The route of the model catalog page (`/ml-models` by default).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'modelops' });
