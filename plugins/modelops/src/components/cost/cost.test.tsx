import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type {
  CostApi,
  EntityCostView,
  IdleCostView,
  ModelCostView,
  TeamCostView,
} from '@modelops/plugin-modelops-common';
import { ResponseError } from '@backstage/errors';
import { costApiRef } from '../../api/costApiRef';
import { CostPage } from './CostPage';
import { EntityCostCard } from './EntityCostCard';

const zero = {
  training: 0,
  inference: 0,
  storage: 0,
  data: 0,
  other: 0,
  credit: 0,
};

const entityView: EntityCostView = {
  entityRef: 'mlmodel:default/support-assistant-llm',
  currency: 'USD',
  months: [
    {
      month: '2026-10',
      byCategory: { ...zero, inference: 9000 },
      total: 9000,
      inferences: 5e6,
      costPer1kInferences: 1.8,
    },
    {
      month: '2026-11',
      byCategory: { ...zero, inference: 8000 },
      total: 8000,
      inferences: 4e6,
      costPer1kInferences: 2,
    },
  ],
  monthlyBudget: 12500,
  currentMonth: {
    month: '2026-11',
    actual: 8000,
    forecast: 13200,
    budgetRemaining: -700,
    overBudget: true,
  },
  costPer1kInferences: 1.89,
  targetCostPer1kInferences: 1.8,
};

const teamView: TeamCostView = {
  currency: 'USD',
  comparedMonths: { previous: '2026-09', last: '2026-10' },
  teams: [
    {
      team: 'group:default/genai-platform',
      months: [
        { month: '2026-09', total: 8000 },
        { month: '2026-10', total: 9000 },
      ],
      total: 100000,
      previousMonth: 8000,
      lastMonth: 9000,
      change: 1000,
    },
  ],
  topMovers: [
    {
      entityRef: 'mlmodel:default/support-assistant-llm',
      owner: 'group:default/genai-platform',
      previous: 8000,
      current: 9000,
      change: 1000,
      changeRatio: 0.13,
    },
  ],
};

const idleView: IdleCostView = {
  currency: 'USD',
  days: 30,
  models: [
    {
      entityRef: 'mlmodel:default/collections-prioritizer',
      owner: 'group:default/risk-ml',
      lifecycle: 'deprecated',
      spend: 120,
      lastInferenceDay: '2026-10-06',
      idleDays: 45,
      retirementCandidate: true,
    },
  ],
};

function fakeCostApi(overrides: Partial<CostApi> = {}): CostApi {
  return {
    getEntityCost: async () => entityView,
    getTeamCosts: async () => teamView,
    getModelCosts: async () =>
      ({
        currency: 'USD',
        months: 12,
        comparedMonths: teamView.comparedMonths,
        models: [],
      } as ModelCostView),
    getIdleModels: async () => idleView,
    ingestRecords: jest.fn(),
    importCsv: jest.fn(),
    // Most users may not import billing files: the upload stays hidden.
    getCostImportSources: forbidden,
    startCostImport: jest.fn(),
    getCostImport: jest.fn(),
    ...overrides,
  };
}

describe('cost components', () => {
  it('EntityCostCard shows forecast against budget and cost per 1k inferences', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[costApiRef, fakeCostApi()]]}>
        <EntityProvider
          entity={{
            apiVersion: 'modelops.dev/v1alpha1',
            kind: 'MLModel',
            metadata: { name: 'support-assistant-llm' },
            spec: {},
          }}
        >
          <EntityCostCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('$13,200')).toBeInTheDocument();
    expect(screen.getByText('forecast over budget')).toBeInTheDocument();
    expect(screen.getByText('$1.89')).toBeInTheDocument();
  });

  it('CostPage lists teams, movers and retirement candidates, and shows a 403 without hiding the rest', async () => {
    const api = fakeCostApi({
      getModelCosts: async () => {
        throw new Error(
          'Not allowed: cost views are readable by members of owning groups',
        );
      },
    });
    await renderInTestApp(
      <TestApiProvider apis={[[costApiRef, api]]}>
        <CostPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    // Teams and models are shown by name as catalog links, not raw refs.
    expect(
      await screen.findAllByRole('link', { name: /genai-platform/ }),
    ).toHaveLength(2);
    expect(screen.queryByText('group:default/genai-platform')).toBeNull();
    expect(screen.getByText('retirement candidate')).toBeInTheDocument();
    expect(
      screen.getAllByText(/Not allowed: cost views/).length,
    ).toBeGreaterThan(0);
    // The spend chart by team is lazily loaded above the tables.
    expect(
      await screen.findByRole('figure', { name: 'Monthly spend by team' }),
    ).toHaveTextContent('genai-platform $100,000');
  });
});

async function forbidden(): Promise<never> {
  throw await ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'Unauthorized' },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

describe('cost components for a user who may not read cost', () => {
  it('EntityCostCard says who may see cost instead of a failed request', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[costApiRef, fakeCostApi({ getEntityCost: forbidden })]]}
      >
        <EntityProvider
          entity={{
            apiVersion: 'modelops.dev/v1alpha1',
            kind: 'MLModel',
            metadata: { name: 'search-ranker' },
            spec: {},
          }}
        >
          <EntityCostCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'Cost is visible to the owning team and finance.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Cost')).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).toBeNull();
  });

  it('CostPage says once, calmly, that a user who may read no cost sees none', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            costApiRef,
            fakeCostApi({
              getTeamCosts: forbidden,
              getModelCosts: forbidden,
              getIdleModels: forbidden,
            }),
          ],
        ]}
      >
        <CostPage />
      </TestApiProvider>,
    );
    // One note for the page, not one per section.
    expect(
      await screen.findAllByText(
        /^Cost is visible to the owning team and finance\. None of your teams/,
      ),
    ).toHaveLength(1);
    expect(screen.queryByText(/403/)).toBeNull();
  });
});
