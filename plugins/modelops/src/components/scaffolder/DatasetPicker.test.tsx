import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { DatasetPicker, datasetPickerValidation } from './DatasetPicker';

const dataset = (
  name: string,
  spec: Record<string, unknown>,
  title?: string,
) => ({
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'Dataset',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { owner: 'group:default/data-platform', ...spec },
});

const catalogApi = catalogApiMock({
  entities: [
    dataset(
      'loan-applications-2024',
      {
        lifecycle: 'production',
        classification: 'confidential',
        containsPII: true,
      },
      'Loan applications 2024',
    ),
    dataset('weather-daily', {
      lifecycle: 'production',
      classification: 'public',
    }),
    dataset('loan-applications-2019', { lifecycle: 'retired' }),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'loan-etl', namespace: 'default' },
      spec: {},
    },
  ],
});

function Harness(props: {
  onChange: (value: unknown) => void;
  initial?: string[];
}) {
  const [value, setValue] = useState<string[] | undefined>(props.initial);
  const fieldProps = {
    formData: value,
    onChange: (next: string[]) => {
      setValue(next);
      props.onChange(next);
    },
    schema: {
      title: 'Training datasets',
      description: 'What the model learns from',
    },
    uiSchema: {},
    idSchema: { $id: 'root_trainedOn' },
    rawErrors: [],
    disabled: false,
    required: true,
  } as any;
  return (
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <DatasetPicker {...fieldProps} />
    </TestApiProvider>
  );
}

describe('DatasetPicker', () => {
  it('offers Dataset entities only, without retired ones, and returns entity refs', async () => {
    const onChange = jest.fn();
    await renderInTestApp(<Harness onChange={onChange} />);
    await userEvent.click(
      screen.getByRole('combobox', { name: /Training datasets/ }),
    );
    const listbox = await screen.findByRole('listbox');
    const options = within(listbox).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Loan applications 2024confidentialpersonal data',
      'weather-dailypublic',
    ]);
    await userEvent.click(options[0]);
    expect(onChange).toHaveBeenLastCalledWith([
      'dataset:default/loan-applications-2024',
    ]);

    await userEvent.click(
      screen.getByRole('combobox', { name: /Training datasets/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /weather-daily/ }),
    );
    expect(onChange).toHaveBeenLastCalledWith([
      'dataset:default/loan-applications-2024',
      'dataset:default/weather-daily',
    ]);
  });

  it('shows preset values even before the catalog answers', async () => {
    await renderInTestApp(
      <Harness
        onChange={jest.fn()}
        initial={['dataset:default/weather-daily']}
      />,
    );
    expect(
      await screen.findByRole('button', { name: /weather-daily/ }),
    ).toBeInTheDocument();
  });
});

describe('datasetPickerValidation', () => {
  it.each([
    [['dataset:default/loan-applications-2024', 'weather-daily'], []],
    [
      ['component:default/loan-etl'],
      [
        'component:default/loan-etl: expected a Dataset entity reference like dataset:default/name',
      ],
    ],
    [
      ['dataset:'],
      [
        'dataset:: expected a Dataset entity reference like dataset:default/name',
      ],
    ],
  ])('%j -> %j', (value, errors) => {
    const addError = jest.fn();
    datasetPickerValidation(value, { addError } as any, {} as any);
    expect(addError.mock.calls.map(c => c[0])).toEqual(errors);
  });
});
