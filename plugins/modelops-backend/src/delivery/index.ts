export { createDeliveryRouter } from './createDeliveryRouter';
export type { DeliveryRouterDeps } from './createDeliveryRouter';
export { computeDeliveryMetrics } from './computeDeliveryMetrics';
export { loadDemoDelivery } from './demo/loadDemoDelivery';
export { DatabaseIncidentStore } from './DatabaseIncidentStore';
export { IncidentFactProvider } from './IncidentFactProvider';
