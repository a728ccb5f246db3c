import { screen, waitFor, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { renderEntityContent } from '../../__testUtils__/renderEntityContent';
import {
  evaluations,
  fakeModelOpsApi,
  fullModel,
  minimalModel,
  snapshots,
} from '../../__testUtils__/fixtures';
import { ModelCardContent } from './ModelCardContent';

function renderCard(entity: Entity, api = fakeModelOpsApi()) {
  return renderEntityContent(<ModelCardContent />, entity, api);
}

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('ModelCardContent', () => {
  it('shows every section of a model card, filled from the entity and the evidence', async () => {
    const api = fakeModelOpsApi({ evaluations, snapshots });
    renderCard(fullModel, api);

    expect(
      await screen.findByRole('region', { name: 'Metrics' }),
    ).toBeInTheDocument();
    for (const name of [
      'Model details',
      'Intended use',
      'Factors',
      'Evaluation data',
      'Training data',
      'Quantitative analyses',
      'Ethical considerations',
      'Caveats and recommendations',
    ]) {
      expect(section(name)).toBeInTheDocument();
    }
    expect(api.getEvaluations).toHaveBeenCalledWith({
      modelRef: 'mlmodel:default/credit-risk-scorer',
      limit: 500,
    });

    expect(
      within(section('Intended use')).getByText('Credit underwriters'),
    ).toBeInTheDocument();
    expect(
      within(section('Factors')).getByText('age, sex'),
    ).toBeInTheDocument();
    expect(
      within(section('Ethical considerations')).getByText('high'),
    ).toBeInTheDocument();

    // The declared metrics table compares the latest value with the threshold.
    const table = within(section('Metrics')).getByRole('table', {
      name: 'Declared metrics',
    });
    expect(within(table).getByText('0.81')).toBeInTheDocument();
    expect(within(table).getByText('meets threshold')).toBeInTheDocument();

    // Charts load lazily: metric across versions, fairness by group, drift.
    const aucChart = await screen.findByRole('figure', {
      name: 'auc across versions',
    });
    await waitFor(() =>
      expect(aucChart.querySelector('svg.recharts-surface')).not.toBeNull(),
    );
    // The threshold is drawn as a reference line.
    expect(aucChart.querySelector('.recharts-reference-line')).not.toBeNull();
    expect(
      await screen.findByRole('figure', { name: 'selection-rate by sex' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('figure', { name: 'Drift over time (ks)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /auc: 4.0.0 = 0.76, 4.1.0 = 0.79, 4.2.0 = 0.81; threshold 0.78/,
      ),
    ).toBeInTheDocument();

    // Limitations are Markdown.
    const caveats = section('Caveats and recommendations');
    expect(
      (await within(caveats).findByText('thin credit files')).tagName,
    ).toBe('STRONG');
  });

  it('draws the spec.risk.fairness threshold on a reported fairness metric', async () => {
    const gap = (version: string, date: string, value: number) => ({
      ...evaluations[0],
      id: `gap-${version}`,
      modelVersion: version,
      evaluatedAt: date,
      metrics: [{ name: 'demographic-parity-difference', value }],
    });
    const model = {
      ...fullModel,
      spec: {
        ...fullModel.spec,
        risk: {
          ...(fullModel.spec as any).risk,
          fairness: [
            { metric: 'demographic-parity-difference', threshold: 0.1 },
          ],
        },
      },
    };
    renderCard(
      model,
      fakeModelOpsApi({
        evaluations: [
          gap('4.1.0', '2026-02-10T00:00:00.000Z', 0.12),
          gap('4.2.0', '2026-03-10T00:00:00.000Z', 0.08),
        ],
        snapshots,
      }),
    );

    const chart = await screen.findByRole('figure', {
      name: 'demographic-parity-difference across versions',
    });
    await waitFor(() =>
      expect(chart.querySelector('.recharts-reference-line')).not.toBeNull(),
    );
    expect(
      screen.getByText(
        /demographic-parity-difference: 4.1.0 = 0.12, 4.2.0 = 0.08; threshold 0.1 \(lower-is-better\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/no threshold set/)).not.toBeInTheDocument();
  });

  it('says what is missing and which field to set for a one-line model', async () => {
    renderCard(minimalModel);

    expect(
      await screen.findByRole('region', { name: 'Metrics' }),
    ).toBeInTheDocument();
    const expectations: Array<[string, string]> = [
      ['Intended use', 'spec.intendedUse'],
      ['Factors', 'spec.risk.protectedAttributes'],
      ['Metrics', 'spec.metrics'],
      ['Evaluation data', 'spec.evaluatedOn'],
      ['Training data', 'spec.trainedOn'],
      ['Ethical considerations', 'spec.risk.tier'],
      ['Caveats and recommendations', 'spec.limitations'],
    ];
    for (const [name, field] of expectations) {
      const region = section(name);
      expect(within(region).getByTestId('missing-section')).toHaveTextContent(
        field,
      );
    }
    expect(
      within(section('Metrics')).getByText(/No evaluation results yet/),
    ).toBeInTheDocument();
    expect(
      within(section('Quantitative analyses')).getAllByTestId(
        'missing-section',
      ),
    ).toHaveLength(2);
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });

  it('keeps showing the entity when the evidence cannot be loaded', async () => {
    const api = fakeModelOpsApi();
    api.getEvaluations.mockRejectedValue(new Error('backend down'));
    renderCard(fullModel, api);

    expect(
      await screen.findByText(/could not be loaded \(backend down\)/),
    ).toBeInTheDocument();
    expect(section('Intended use')).toHaveTextContent('Credit underwriters');
  });

  it('refuses entities of other kinds', async () => {
    renderCard({
      ...minimalModel,
      kind: 'Component',
      apiVersion: 'backstage.io/v1alpha1',
    });
    expect(
      await screen.findByText(/for entities of kind MLModel/),
    ).toBeInTheDocument();
  });
});
