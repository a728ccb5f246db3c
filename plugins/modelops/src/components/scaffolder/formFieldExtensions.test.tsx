import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  datasetPickerFormFieldExtension,
  riskQuestionnaireFormFieldExtension,
} from './formFieldExtensions';
import { DatasetPicker } from './DatasetPicker';
import { RiskQuestionnaire } from './RiskQuestionnaire';

describe('form field extensions (new frontend system)', () => {
  it.each([
    {
      extension: datasetPickerFormFieldExtension,
      name: 'DatasetPicker',
      component: DatasetPicker,
    },
    {
      extension: riskQuestionnaireFormFieldExtension,
      name: 'RiskQuestionnaire',
      component: RiskQuestionnaire,
    },
  ])(
    'lazily provides $name under the name templates use',
    async ({ extension, name, component }) => {
      // The two extensions differ only in their name, which the union type cannot express.
      const loader = createExtensionTester(
        extension as typeof datasetPickerFormFieldExtension,
      ).get(FormFieldBlueprint.dataRefs.formFieldLoader);
      // FormField is opaque in the typings; at runtime it carries the field's name and component.
      const field = (await loader()) as unknown as {
        name: string;
        component: unknown;
      };
      expect(field.name).toBe(name);
      expect(field.component).toBe(component);
    },
  );
});
