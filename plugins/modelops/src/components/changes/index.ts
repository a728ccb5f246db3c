export { changeApiRef } from '../../api/changeApiRef';
export { EntityChangeRequestsCard } from './EntityChangeRequestsCard';
