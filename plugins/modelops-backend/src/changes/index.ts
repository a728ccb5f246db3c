export { createChangesRouter } from './createChangesRouter';
export type { ChangesRouterDeps } from './createChangesRouter';
export {
  ChangeFactProvider,
  productionChangeApprovedCheck,
} from './ChangeFactProvider';
export { readChangesConfig } from './readChangesConfig';
