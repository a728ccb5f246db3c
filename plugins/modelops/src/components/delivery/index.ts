export { deliveryApiRef } from '../../api/deliveryApiRef';
export { EntityDeliveryMetricsCard } from './EntityDeliveryMetricsCard';
export { TeamDeliveryMetrics } from './TeamDeliveryMetrics';
export type { TeamDeliveryMetricsProps } from './TeamDeliveryMetrics';
