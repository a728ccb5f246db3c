import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import type {
  EntityScorecard,
  ScorecardApi,
} from '@modelops/plugin-modelops-common';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { ModelEntityHeader } from './ModelEntityHeader';

const model: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name: 'credit-scorer',
    namespace: 'default',
    title: 'Credit scorer',
  },
  spec: {
    type: 'classification',
    owner: 'group:default/risk-ml',
    lifecycle: 'production',
    risk: { tier: 'high' },
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/risk-ml' },
    { type: 'partOf', targetRef: 'system:default/lending' },
  ],
};

function scorecards(levels: Array<'none' | 'bronze' | 'silver' | 'gold'>) {
  return {
    getEntityScorecard: jest.fn(
      async () =>
        ({
          packs: levels.map(level => ({ pack: 'p', level })),
        } as unknown as EntityScorecard),
    ),
  } as unknown as ScorecardApi;
}

async function renderHeader(scorecardApi: ScorecardApi) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [scorecardApiRef, scorecardApi],
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      ]}
    >
      <EntityProvider entity={model}>
        <ModelEntityHeader
          tabs={[
            { id: 'overview', label: 'Overview', href: '/overview' },
            { id: 'model-card', label: 'Model card', href: '/model-card' },
          ]}
          activeTabId="overview"
        />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ModelEntityHeader', () => {
  it('shows lifecycle, risk tier and the lowest pack level beside the owner', async () => {
    await renderHeader(scorecards(['gold', 'silver']));
    expect(
      screen.getByRole('heading', { name: 'Credit scorer' }),
    ).toBeInTheDocument();
    expect(screen.getByText('production')).toBeInTheDocument();
    expect(screen.getByText('high risk')).toBeInTheDocument();
    expect(await screen.findByText('silver')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'risk-ml' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'lending' })).toBeInTheDocument();
    // The model card is a tab of its own in the header's navigation.
    const nav = screen.getByRole('navigation', {
      name: 'Content navigation',
    });
    expect(within(nav).getByText('Model card')).toBeInTheDocument();
  });

  it('says when the model was never evaluated', async () => {
    await renderHeader(scorecards([]));
    expect(await screen.findByText('not evaluated')).toBeInTheDocument();
  });
});
