export {
  DatasetPicker,
  DatasetPickerFieldSchema,
  datasetPickerValidation,
} from './DatasetPicker';
export {
  RiskQuestionnaire,
  RiskQuestionnaireFieldSchema,
} from './RiskQuestionnaire';
export { RiskTierPreview } from './RiskTierPreview';
export {
  DatasetPickerFieldExtension,
  RiskQuestionnaireFieldExtension,
} from './scaffolderFieldExtensions';
export {
  datasetPickerFormFieldExtension,
  riskQuestionnaireFormFieldExtension,
} from './formFieldExtensions';
