import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { modelopsPlugin } from '../../plugin';
import {
  DatasetPicker,
  DatasetPickerFieldSchema,
  datasetPickerValidation,
} from './DatasetPicker';
import {
  RiskQuestionnaire,
  RiskQuestionnaireFieldSchema,
} from './RiskQuestionnaire';

/**
 * The DatasetPicker form field for the legacy frontend system; add it inside
 * `<ScaffolderFieldExtensions>` of the scaffolder route. Templates use it as
 * `ui:field: DatasetPicker`.
 *
 * @public
 */
export const DatasetPickerFieldExtension = modelopsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'DatasetPicker',
    component: DatasetPicker,
    validation: datasetPickerValidation,
    schema: DatasetPickerFieldSchema.schema,
  }),
);

/**
 * The RiskQuestionnaire form field for the legacy frontend system; add it
 * inside `<ScaffolderFieldExtensions>` of the scaffolder route. Templates use
 * it as `ui:field: RiskQuestionnaire` on an object parameter.
 *
 * @public
 */
export const RiskQuestionnaireFieldExtension = modelopsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'RiskQuestionnaire',
    component: RiskQuestionnaire,
    schema: RiskQuestionnaireFieldSchema.schema,
  }),
);
