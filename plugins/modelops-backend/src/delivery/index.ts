export { createDeliveryRouter } from './createDeliveryRouter';
export type { DeliveryRouterDeps } from './createDeliveryRouter';
export { computeDeliveryMetrics } from './computeDeliveryMetrics';
export { loadDemoDelivery } from './demo/loadDemoDelivery';
