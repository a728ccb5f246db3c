export { EntityCostCard, type EntityCostCardProps } from './EntityCostCard';
export { CostPage, type CostPageProps } from './CostPage';
export { costApiRef } from '../../api/costApiRef';
