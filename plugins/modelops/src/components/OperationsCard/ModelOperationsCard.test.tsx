import { screen } from '@testing-library/react';
import { fullModel, minimalModel } from '../../__testUtils__/fixtures';
import { renderEntityContent } from '../../__testUtils__/renderEntityContent';
import { ModelOperationsCard } from './ModelOperationsCard';

describe('ModelOperationsCard', () => {
  it('lists runbooks, on-call, dashboards, SLOs, fallback and monitoring', async () => {
    renderEntityContent(<ModelOperationsCard />, fullModel);

    expect(
      await screen.findByRole('link', { name: /Incident runbook/ }),
    ).toHaveAttribute('href', 'https://runbooks.example.com/crs');
    expect(
      screen.getByRole('link', { name: /Risk ML on-call/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Serving dashboard/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('150 ms')).toBeInTheDocument();
    expect(screen.getByText('800 ms')).toBeInTheDocument();
    expect(
      screen.getByText('Route to manual underwriting.'),
    ).toBeInTheDocument();
    expect(screen.getByText('ks, features, output')).toBeInTheDocument();
    expect(screen.getByText('every 90 days')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('warns when a production model has no runbook', async () => {
    renderEntityContent(<ModelOperationsCard />, minimalModel);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This production model has no runbook',
    );
  });

  it('does not warn for a model that is not in production', async () => {
    renderEntityContent(<ModelOperationsCard />, {
      ...minimalModel,
      spec: { ...minimalModel.spec, lifecycle: 'experimental' },
    });
    expect(await screen.findByText('Operations')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
