import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCatalogValidateAction } from './actions/catalog/createCatalogValidateAction';
import { createModelCardAction } from './actions/modelCard/createModelCardAction';
import { createRiskAssessmentWriteAction } from './actions/risk/createRiskAssessmentWriteAction';
import { createRiskClassifyAction } from './actions/risk/createRiskClassifyAction';
import { createWorkspaceExportAction } from './actions/workspace/createWorkspaceExportAction';

/**
 * Registers the ModelOps template actions with the scaffolder:
 * `modelops:risk:classify`, `modelops:risk-assessment:write`,
 * `modelops:model-card:create`, `modelops:catalog:validate` and
 * `modelops:workspace:export`.
 *
 * @public
 */
export const scaffolderModuleModelops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'modelops',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolderActions, config, auth, discovery }) {
        scaffolderActions.addActions(
          createRiskClassifyAction(),
          createRiskAssessmentWriteAction({ auth, discovery }),
          createModelCardAction(),
          createCatalogValidateAction(),
          createWorkspaceExportAction({ config }),
        );
      },
    });
  },
});
