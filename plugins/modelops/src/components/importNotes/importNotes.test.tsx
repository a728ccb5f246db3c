import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type {
  EntityObservations,
  ObservationApi,
} from '@modelops/plugin-modelops-common';
import { EntityImportNotesCard } from './EntityImportNotesCard';
import { observationApiRef } from '../../api/observationApiRef';

// The first render loads the app's components; on a busy machine that takes seconds.
jest.setTimeout(30_000);

const model: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'credit-risk-scorer', namespace: 'default' },
  spec: { owner: 'group:default/risk-ml', lifecycle: 'production' },
};

async function renderCard(observations: EntityObservations) {
  const requested: string[] = [];
  const api: ObservationApi = {
    getObservations: async entityRef => {
      requested.push(entityRef);
      return observations;
    },
  };
  await renderInTestApp(
    <TestApiProvider apis={[[observationApiRef, api]]}>
      <EntityProvider entity={model}>
        <EntityImportNotesCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  return requested;
}

describe('EntityImportNotesCard', () => {
  it('lists what each source could not map, what runs and where YAML and cluster disagree', async () => {
    const requested = await renderCard({
      entityRef: 'mlmodel:default/credit-risk-scorer',
      disagreements: [
        {
          field: 'spec.deployment.strategy',
          value: 'canary',
          reason:
            'InferenceService risk/credit-risk-scorer on cluster prod sets no canaryTrafficPercent',
        },
      ],
      reports: [
        {
          source: 'MlflowEntityProvider:prod',
          sourceObject: 'credit-risk-scorer',
          entityRef: 'mlmodel:default/credit-risk-scorer',
          observedAt: '2026-12-01T00:00:00.000Z',
          notes: [
            {
              field: 'tags.risk_tier',
              value: '<img src=x onerror=alert(1)>',
              reason:
                'spec.risk.tier: expected one of unacceptable, high, limited, minimal',
            },
          ],
        },
        {
          source: 'KServeObserver:prod',
          sourceObject: 'prod/risk/credit-risk-scorer',
          entityRef: 'mlmodel:default/credit-risk-scorer',
          observedAt: '2026-12-01T00:00:00.000Z',
          notes: [],
          serving: {
            cluster: 'prod',
            namespace: 'risk',
            name: 'credit-risk-scorer',
            modelFormat: 'onnx',
            minReplicas: 2,
            maxReplicas: 2,
            ready: true,
          },
        },
      ],
    });
    expect(requested).toEqual(['mlmodel:default/credit-risk-scorer']);
    const disagree = await screen.findByRole('region', {
      name: 'YAML and cluster disagree',
    });
    expect(disagree.textContent).toContain(
      'spec.deployment.strategy = canary: InferenceService risk/credit-risk-scorer on cluster prod sets no canaryTrafficPercent',
    );
    const mlflow = screen.getByRole('region', {
      name: 'Notes from MlflowEntityProvider:prod',
    });
    // A value from the registry is shown as text, never as markup.
    expect(
      within(mlflow).getByText('<img src=x onerror=alert(1)>'),
    ).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(
      screen.getByText(
        'InferenceService risk/credit-risk-scorer on cluster prod: format onnx, no canary, replicas 2 to 2, ready',
      ),
    ).toBeInTheDocument();
  });

  it('says so when nothing reports on the model', async () => {
    await renderCard({
      entityRef: 'mlmodel:default/credit-risk-scorer',
      disagreements: [],
      reports: [],
    });
    expect(
      await screen.findByText('No registry or cluster reports on this model.'),
    ).toBeInTheDocument();
  });
});
