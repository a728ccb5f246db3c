import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { evaluations, fullModel } from '../../__testUtils__/fixtures';
import {
  ExportReadmeButton,
  toModelCardEvaluation,
} from './ExportReadmeButton';

describe('ExportReadmeButton', () => {
  it('downloads the Hugging Face README of the model with its latest evaluation', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:readme';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});

    await renderInTestApp(
      <ExportReadmeButton entity={fullModel} evaluations={evaluations} />,
    );
    fireEvent.click(
      await screen.findByRole('button', { name: /Export Hugging Face README/ }),
    );

    expect(click).toHaveBeenCalledTimes(1);
    const anchor = click.mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('credit-risk-scorer-README.md');
    const readme = await blobs[0].text();
    expect(readme.startsWith('---\n')).toBe(true);
    expect(readme).toContain('Credit risk scorer');
    expect(readme).toContain('0.81');
  });

  it('names slices as attribute=group for the README', () => {
    const converted = toModelCardEvaluation(evaluations[2]);
    expect(converted?.metrics).toContainEqual({
      name: 'selection-rate',
      value: 0.31,
      slice: 'sex=female',
    });
    expect(converted?.metrics).toContainEqual({
      name: 'auc',
      value: 0.81,
      slice: undefined,
    });
    expect(toModelCardEvaluation(undefined)).toBeUndefined();
  });
});
