import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  DatasetPicker,
  DatasetPickerFieldSchema,
  datasetPickerValidation,
} from './DatasetPicker';
import {
  RiskQuestionnaire,
  RiskQuestionnaireFieldSchema,
} from './RiskQuestionnaire';

/** The DatasetPicker as a new-frontend-system form field, loaded lazily. */
export const datasetPickerFormField = createFormField({
  name: 'DatasetPicker',
  component: DatasetPicker,
  validation: datasetPickerValidation,
  schema: DatasetPickerFieldSchema,
});

/** The RiskQuestionnaire as a new-frontend-system form field, loaded lazily. */
export const riskQuestionnaireFormField = createFormField({
  name: 'RiskQuestionnaire',
  component: RiskQuestionnaire,
  schema: RiskQuestionnaireFieldSchema,
});
