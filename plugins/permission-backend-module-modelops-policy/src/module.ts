import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ModelOpsPermissionPolicy } from './ModelOpsPermissionPolicy';

/**
 * Installs {@link ModelOpsPermissionPolicy} with the roles of
 * `modelops.permissionPolicy.roles`, allowing every permission of other
 * plugins. To decide those yourself, install the policy from your own
 * module with `fallback` set to your policy instead.
 *
 * @public
 */
export const permissionModuleModelopsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'modelops-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ policy, config }) {
        policy.setPolicy(ModelOpsPermissionPolicy.fromConfig(config));
      },
    });
  },
});
