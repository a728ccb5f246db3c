import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The DatasetPicker form field for the new frontend system; include it in
 * the plugin's extensions. Templates use it as `ui:field: DatasetPicker`.
 *
 * @alpha
 */
export const datasetPickerFormFieldExtension = FormFieldBlueprint.make({
  name: 'dataset-picker',
  params: {
    field: () => import('./formFields').then(m => m.datasetPickerFormField),
  },
});

/**
 * The RiskQuestionnaire form field for the new frontend system; include it in
 * the plugin's extensions. Templates use it as `ui:field: RiskQuestionnaire`.
 *
 * @alpha
 */
export const riskQuestionnaireFormFieldExtension = FormFieldBlueprint.make({
  name: 'risk-questionnaire',
  params: {
    field: () => import('./formFields').then(m => m.riskQuestionnaireFormField),
  },
});
