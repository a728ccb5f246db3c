export { changeApiRef } from './changeApiRef';
export { EntityChangeRequestsCard } from './EntityChangeRequestsCard';
