/**
 * A permission policy for the ModelOps plugins, usable as is or as the
 * ModelOps part of an adopter's own policy.
 *
 * @packageDocumentation
 */

export { permissionModuleModelopsPolicy as default } from './module';
export {
  ModelOpsPermissionPolicy,
  type ModelOpsPermissionPolicyOptions,
  type ModelOpsRoles,
} from './ModelOpsPermissionPolicy';
