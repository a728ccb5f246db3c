import { screen, within } from '@testing-library/react';
import { fullDataset, minimalDataset } from '../../__testUtils__/fixtures';
import { renderEntityContent } from '../../__testUtils__/renderEntityContent';
import { DatasheetContent } from './DatasheetContent';

const SECTIONS = [
  'Motivation',
  'Composition',
  'Collection',
  'Preprocessing',
  'Uses',
  'Distribution',
  'Maintenance',
];

describe('DatasheetContent', () => {
  it('shows the datasheet sections, governance facts and lineage', async () => {
    renderEntityContent(<DatasheetContent />, fullDataset);

    const motivation = await screen.findByRole('region', {
      name: 'Motivation',
    });
    expect((await within(motivation).findByText('credit risk')).tagName).toBe(
      'STRONG',
    );
    for (const name of SECTIONS) {
      expect(
        within(screen.getByRole('region', { name })).queryByTestId(
          'missing-section',
        ),
      ).not.toBeInTheDocument();
    }

    const governance = screen.getByRole('region', {
      name: 'Classification and compliance',
    });
    expect(within(governance).getByText('confidential')).toBeInTheDocument();
    expect(within(governance).getByText('name, income')).toBeInTheDocument();
    expect(within(governance).getByText('GDPR')).toBeInTheDocument();
    expect(within(governance).getByText('contract')).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', { name: 'Retention, schema and quality' }),
      ).getByText('7 years'),
    ).toBeInTheDocument();

    const lineage = screen.getByRole('region', { name: 'Lineage' });
    expect(
      within(lineage).getByText('warehouse.lending.applications'),
    ).toBeInTheDocument();
    expect(
      within(lineage).getByRole('link', { name: /loan-etl/ }),
    ).toBeInTheDocument();
    expect(
      within(lineage).getByRole('link', { name: /loan-applications-raw/ }),
    ).toBeInTheDocument();
    expect(
      within(lineage).getByRole('link', { name: /loan-applications-sample/ }),
    ).toBeInTheDocument();
    expect(
      within(lineage).getByRole('link', { name: /credit-risk-scorer/ }),
    ).toBeInTheDocument();
    expect(
      within(lineage).getByRole('link', { name: /churn-predictor/ }),
    ).toBeInTheDocument();
  });

  it('asks the datasheet questions and names the fields for a bare dataset', async () => {
    renderEntityContent(<DatasheetContent />, minimalDataset);

    const motivation = await screen.findByRole('region', {
      name: 'Motivation',
    });
    expect(
      within(motivation).getByText(/Why was the dataset created/),
    ).toBeInTheDocument();
    for (const name of SECTIONS) {
      expect(
        within(screen.getByRole('region', { name })).getByTestId(
          'missing-section',
        ),
      ).toHaveTextContent(`spec.datasheet.${name.toLowerCase()}`);
    }
    expect(screen.getByText(/declares no lawful basis/)).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', { name: 'Retention, schema and quality' }),
      ).getByTestId('missing-section'),
    ).toHaveTextContent('spec.retention.period');
  });
});
