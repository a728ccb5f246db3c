export { registerModelOpsActions } from './registerModelOpsActions';
export type { ModelOpsActionsOptions } from './registerModelOpsActions';
