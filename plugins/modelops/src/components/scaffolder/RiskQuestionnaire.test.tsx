import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { RiskQuestionnaireAnswers } from '@modelops/plugin-modelops-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { RiskQuestionnaire } from './RiskQuestionnaire';

/** Holds the value the way the scaffolder form does and records every change. */
function Harness(props: {
  initial?: RiskQuestionnaireAnswers;
  onChange: (value: unknown) => void;
}) {
  const [value, setValue] = useState<any>(props.initial);
  const fieldProps = {
    formData: value,
    onChange: (next: unknown) => {
      setValue(next);
      props.onChange(next);
    },
    schema: { title: 'EU AI Act risk questionnaire' },
    uiSchema: {},
    idSchema: { $id: 'root_riskAnswers' },
    rawErrors: [],
    disabled: false,
    required: true,
  } as any;
  return <RiskQuestionnaire {...fieldProps} />;
}

const tier = () => screen.getByRole('status');

describe('RiskQuestionnaire', () => {
  it('shows the tier live while answering, and stores minimal answers', async () => {
    const onChange = jest.fn();
    await renderInTestApp(<Harness onChange={onChange} />);
    expect(tier()).toHaveTextContent('Risk tier: minimal');

    await userEvent.click(screen.getByLabelText(/^Employment:/));
    expect(tier()).toHaveTextContent('Risk tier: high');
    expect(tier()).toHaveTextContent('Annex III(4)');
    expect(onChange).toHaveBeenLastCalledWith({
      annexIIIAreas: ['employment'],
    });

    // The Art. 6(3) conditions appear once an Annex III area is chosen.
    await userEvent.click(
      screen.getByLabelText(/Performs a narrow procedural task/),
    );
    expect(tier()).toHaveTextContent('Risk tier: minimal');

    await userEvent.click(screen.getByLabelText(/It profiles natural persons/));
    expect(tier()).toHaveTextContent('Risk tier: high');
    expect(onChange).toHaveBeenLastCalledWith({
      annexIIIAreas: ['employment'],
      annexIIIDerogation: 'narrow-procedural-task',
      profilesNaturalPersons: true,
    });

    // Clearing the last area drops the condition that depended on it.
    await userEvent.click(screen.getByLabelText(/^Employment:/));
    expect(onChange).toHaveBeenLastCalledWith({ profilesNaturalPersons: true });
    expect(
      screen.queryByLabelText(/Performs a narrow procedural task/),
    ).toBeNull();
    expect(tier()).toHaveTextContent('Risk tier: minimal');
  });

  it('marks a prohibited practice as unacceptable', async () => {
    await renderInTestApp(
      <Harness
        onChange={jest.fn()}
        initial={{ transparencyDuties: ['interacts-with-people'] }}
      />,
    );
    expect(tier()).toHaveTextContent('Risk tier: limited');
    await userEvent.click(screen.getByLabelText(/social scoring/));
    expect(tier()).toHaveTextContent('Risk tier: unacceptable');
    expect(tier()).toHaveTextContent('must not be used in the EU');
  });

  it('records a general-purpose model and counts its controls', async () => {
    const onChange = jest.fn();
    await renderInTestApp(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByLabelText(/with systemic risk/));
    expect(onChange).toHaveBeenLastCalledWith({
      generalPurposeModel: 'gpai-systemic-risk',
    });
    // AI literacy, three Art. 53 and three Art. 55 controls, and the voluntary code of conduct.
    expect(tier()).toHaveTextContent('(8 controls required)');
    await userEvent.click(
      screen.getByLabelText(/Not a general-purpose AI model/),
    );
    expect(onChange).toHaveBeenLastCalledWith({});
  });
});
