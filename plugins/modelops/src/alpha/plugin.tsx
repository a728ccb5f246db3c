import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import ModelTrainingIcon from '@mui/icons-material/ModelTraining';
import {
  datasetPickerFormFieldExtension,
  riskQuestionnaireFormFieldExtension,
} from '../components/scaffolder/formFieldExtensions';
import {
  changeApi,
  costApi,
  decisionApi,
  deliveryApi,
  complianceApi,
  observationApi,
  feedbackApi,
  modelOpsApi,
  reviewApi,
  scorecardApi,
} from './apis';
import {
  changeRequestsEntityCard,
  costEntityCard,
  deliveryMetricsEntityCard,
  importNotesEntityCard,
  feedbackEntityCard,
  modelOperationsEntityCard,
  reviewEntityCard,
  scorecardEntityCard,
  teamDecisionHistoryEntityCard,
} from './entityCards';
import {
  datasheetEntityContent,
  modelCardEntityContent,
  scorecardEntityContent,
  complianceEntityContent,
  decisionHistoryEntityContent,
} from './entityContents';
import { modelEntityHeaderLayout } from './entityHeaders';
import {
  compliancePage,
  costPage,
  mlHomePage,
  modelCatalogPage,
  modelCatalogRouteRef,
  reviewsPage,
  scorecardsPage,
} from './pages';

/**
 * The ModelOps plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'modelops',
  title: 'ModelOps',
  icon: <ModelTrainingIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  routes: { root: modelCatalogRouteRef },
  extensions: [
    modelOpsApi,
    costApi,
    scorecardApi,
    reviewApi,
    feedbackApi,
    changeApi,
    deliveryApi,
    complianceApi,
    observationApi,
    decisionApi,
    mlHomePage,
    modelCatalogPage,
    scorecardsPage,
    costPage,
    reviewsPage,
    compliancePage,
    modelCardEntityContent,
    datasheetEntityContent,
    scorecardEntityContent,
    complianceEntityContent,
    decisionHistoryEntityContent,
    modelEntityHeaderLayout,
    modelOperationsEntityCard,
    scorecardEntityCard,
    costEntityCard,
    reviewEntityCard,
    feedbackEntityCard,
    changeRequestsEntityCard,
    deliveryMetricsEntityCard,
    importNotesEntityCard,
    teamDecisionHistoryEntityCard,
    datasetPickerFormFieldExtension,
    riskQuestionnaireFormFieldExtension,
  ],
});
