import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
  type EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { QueryEntitiesRequest } from '@backstage/catalog-client';
import type {
  CostApi,
  EntityScorecard,
  ModelCostView,
  PackLevel,
  ScorecardApi,
} from '@modelops/plugin-modelops-common';
import { costApiRef } from '../../api/costApiRef';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { ModelCatalogContent } from './ModelCatalogPage';

function model(
  name: string,
  title: string,
  spec: NonNullable<Entity['spec']>,
  extra: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name, namespace: 'default', title, ...extra },
    spec,
  };
}

// Six models of four teams; three are tagged llm, none of them by Risk ML.
const MODELS: Entity[] = [
  model(
    'fraud-detector',
    'Fraud detector',
    {
      owner: 'group:default/risk-ml',
      lifecycle: 'production',
      risk: { tier: 'high' },
      system: 'payments',
      intendedUse: { primaryUsers: ['Chargeback investigators'] },
    },
    { tags: ['tabular'] },
  ),
  // A short owner ref, as YAML often has it.
  model(
    'credit-scorer',
    'Credit scorer',
    { owner: 'risk-ml', lifecycle: 'staging', risk: { tier: 'high' } },
    { tags: ['tabular'] },
  ),
  model(
    'support-assistant',
    'Support assistant',
    {
      owner: 'group:default/genai',
      lifecycle: 'production',
      risk: { tier: 'limited' },
    },
    { tags: ['llm', 'chat'], description: 'Answers customer questions' },
  ),
  model(
    'summarizer',
    'Summarizer',
    {
      owner: 'group:default/genai',
      lifecycle: 'development',
      risk: { tier: 'minimal' },
    },
    { tags: ['llm'] },
  ),
  model(
    'contract-reviewer',
    'Contract reviewer',
    {
      owner: 'group:default/legal-ai',
      lifecycle: 'experimental',
      risk: { tier: 'unacceptable' },
    },
    { tags: ['documents', 'llm'] },
  ),
  model(
    'churn-forecast',
    'Churn forecast',
    { owner: 'group:default/growth', lifecycle: 'production' },
    { tags: ['tabular'] },
  ),
];

const NAMES: Record<string, string> = {
  'group:default/risk-ml': 'Risk ML',
  'group:default/genai': 'Generative AI',
  'group:default/legal-ai': 'Legal AI',
  'group:default/growth': 'Growth Analytics',
  'system:default/payments': 'Payments platform',
};

const presentationApi: EntityPresentationApi = {
  forEntity(entityOrRef) {
    const entity = typeof entityOrRef === 'string' ? undefined : entityOrRef;
    const ref = entity ? stringifyEntityRef(entity) : String(entityOrRef);
    const snapshot = {
      entityRef: ref,
      primaryTitle:
        NAMES[ref.toLocaleLowerCase('en-US')] ??
        entity?.metadata.title ??
        ref.replace(/^.*\//, ''),
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

// The catalog answers two models a page, so the list reads every page.
function fakeCatalogApi() {
  const pageSize = 2;
  const queryEntities = jest.fn(async (request: QueryEntitiesRequest) => {
    const offset = 'cursor' in request ? Number(request.cursor) : 0;
    return {
      items: MODELS.slice(offset, offset + pageSize),
      totalItems: MODELS.length,
      pageInfo: {
        nextCursor:
          offset + pageSize < MODELS.length
            ? String(offset + pageSize)
            : undefined,
      },
    };
  });
  return { queryEntities };
}

const LEVELS: Record<string, PackLevel[] | Error> = {
  'mlmodel:default/fraud-detector': ['silver', 'gold'],
  'mlmodel:default/credit-scorer': ['gold'],
  'mlmodel:default/support-assistant': ['bronze', 'gold'],
  'mlmodel:default/summarizer': ['none'],
  'mlmodel:default/contract-reviewer': [],
  'mlmodel:default/churn-forecast': new Error('scorecard unavailable'),
};

function fakeScorecardApi() {
  return {
    getEntityScorecard: jest.fn(async (entityRef: string) => {
      const levels = LEVELS[entityRef];
      if (levels instanceof Error) throw levels;
      return {
        entityRef,
        packs: levels.map(level => ({ pack: 'p', level })),
      } as unknown as EntityScorecard;
    }),
  } as unknown as ScorecardApi & { getEntityScorecard: jest.Mock };
}

const COSTS: ModelCostView = {
  currency: 'EUR',
  months: 12,
  comparedMonths: { previous: '2026-09', last: '2026-10' },
  models: [
    ['fraud-detector', 'risk-ml', 1200],
    ['credit-scorer', 'risk-ml', 300],
  ].map(([name, owner, lastMonth]) => ({
    entityRef: `mlmodel:default/${name}`,
    owner: `group:default/${owner}`,
    lastMonth: lastMonth as number,
    total: 0,
    previousMonth: 0,
    change: 0,
    inferences: 0,
    byCategory: {
      training: 0,
      inference: 0,
      storage: 0,
      data: 0,
      credit: 0,
      other: 0,
    },
  })),
};

function costApiAnswering(answer: () => Promise<ModelCostView>) {
  return { getModelCosts: jest.fn(answer) } as unknown as CostApi;
}

/** Prints the router's query string, which is what a shared link holds. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function urlParams(): URLSearchParams {
  return new URLSearchParams(screen.getByTestId('location').textContent ?? '');
}

async function renderList(
  options: {
    url?: string;
    cost?: CostApi;
    scorecards?: ScorecardApi;
  } = {},
) {
  const catalogApi = fakeCatalogApi();
  const scorecardApi = options.scorecards ?? fakeScorecardApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApi],
        [entityPresentationApiRef, presentationApi],
        [scorecardApiRef, scorecardApi],
        [costApiRef, options.cost ?? costApiAnswering(async () => COSTS)],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/ana',
            ownershipEntityRefs: ['user:default/ana', 'group:default/risk-ml'],
          }),
        ],
      ]}
    >
      <ModelCatalogContent />
      <LocationProbe />
    </TestApiProvider>,
    {
      routeEntries: [options.url ?? '/ml-models'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  // Every page of the catalog read.
  await waitFor(() =>
    expect(screen.queryByLabelText('Loading models')).not.toBeInTheDocument(),
  );
  expect(catalogApi.queryEntities).toHaveBeenCalledTimes(3);
  return { catalogApi, scorecardApi };
}

/** The titles of the models listed, in order. */
function listedModels(): string[] {
  const table = screen.getByRole('table', { name: 'ML models' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0])
    .map(cell => within(cell).getByRole('link').textContent ?? '');
}

function rowOf(title: string): HTMLElement {
  return screen.getByRole('link', { name: title }).closest('tr')!;
}

async function search(words: string) {
  const field = screen.getByRole('textbox', { name: 'Search models' });
  await userEvent.clear(field);
  await userEvent.type(field, words);
  await waitFor(() => expect(urlParams().get('q')).toBe(words));
}

async function openFacet(label: string): Promise<string[]> {
  await userEvent.click(screen.getByRole('combobox', { name: label }));
  const options = await screen.findAllByRole('option');
  return options.map(o => o.textContent ?? '');
}

describe('ModelCatalogPage', () => {
  it('reads every page of the catalog, with only the fields the list uses', async () => {
    const { catalogApi } = await renderList();
    expect(screen.getByText('1–6 of 6')).toBeVisible();
    const [first] = catalogApi.queryEntities.mock.calls[0];
    expect(first).toMatchObject({ filter: { kind: 'MLModel' } });
    expect(first.fields).toEqual(
      expect.arrayContaining(['metadata.tags', 'spec.intendedUse']),
    );
    expect(first.fields).not.toContain('spec');
    expect(listedModels()).toEqual([
      'Churn forecast',
      'Contract reviewer',
      'Credit scorer',
      'Fraud detector',
      'Summarizer',
      'Support assistant',
    ]);
  });

  it('shows owners and systems by display name and the risk tier as a chip', async () => {
    await renderList();
    const credit = rowOf('Credit scorer');
    // The short ref `risk-ml` is the same owner as group:default/risk-ml.
    expect(within(credit).getByRole('link', { name: 'Risk ML' })).toBeVisible();
    expect(within(credit).getByText('high risk')).toBeVisible();
    const fraud = rowOf('Fraud detector');
    expect(
      within(fraud).getByRole('link', { name: 'Payments platform' }),
    ).toBeVisible();
    expect(
      within(rowOf('Churn forecast')).getByText('tier not declared'),
    ).toBeVisible();
    expect(screen.queryByText(/group:default/)).not.toBeInTheDocument();
  });

  describe('search', () => {
    it('finds every model tagged llm, whatever the case typed', async () => {
      await renderList();
      await search('llm');
      await waitFor(() =>
        expect(listedModels()).toEqual([
          'Contract reviewer',
          'Summarizer',
          'Support assistant',
        ]),
      );
      await search('LLM');
      await waitFor(() => expect(listedModels()).toHaveLength(3));
    });

    it("finds a team's models by the team's display name", async () => {
      await renderList();
      await search('Risk ML');
      await waitFor(() =>
        expect(listedModels()).toEqual(['Credit scorer', 'Fraud detector']),
      );
    });

    it('looks in descriptions and intended use, every word anywhere', async () => {
      await renderList();
      await search('customer questions');
      await waitFor(() =>
        expect(listedModels()).toEqual(['Support assistant']),
      );
      await search('chargeback');
      await waitFor(() => expect(listedModels()).toEqual(['Fraud detector']));
      // A tag and the owner's display name.
      await search('generative chat');
      await waitFor(() =>
        expect(listedModels()).toEqual(['Support assistant']),
      );
    });
  });

  describe('URL state', () => {
    it('restores search, filters, sort and page from a shared link', async () => {
      await renderList({
        url: '/ml-models?lifecycle=production&sort=risk&size=25',
      });
      await waitFor(() =>
        expect(listedModels()).toEqual([
          'Fraud detector',
          'Support assistant',
          'Churn forecast',
        ]),
      );
      expect(
        screen.getByRole('button', { name: 'Remove Lifecycle: production' }),
      ).toBeVisible();
    });

    it('writes filters, search and sort to the query string', async () => {
      await renderList();
      await openFacet('Owner');
      await userEvent.click(
        screen.getByRole('option', { name: 'Generative AI (2)' }),
      );
      await waitFor(() =>
        expect(urlParams().getAll('owner')).toEqual(['group:default/genai']),
      );
      await search('assistant');
      fireEvent.click(screen.getByRole('button', { name: 'Risk tier' }));
      await waitFor(() => expect(urlParams().get('sort')).toBe('risk'));
      expect(urlParams().getAll('owner')).toEqual(['group:default/genai']);
      expect(urlParams().get('q')).toBe('assistant');
      expect(listedModels()).toEqual(['Support assistant']);
    });

    it('removes a filter with its chip and clears them all', async () => {
      await renderList({
        url: '/ml-models?q=llm&owner=group:default/genai&risk=minimal',
      });
      await waitFor(() => expect(listedModels()).toEqual(['Summarizer']));
      await userEvent.click(
        screen.getByRole('button', { name: 'Remove Risk tier: minimal' }),
      );
      await waitFor(() =>
        expect(listedModels()).toEqual(['Summarizer', 'Support assistant']),
      );
      expect(urlParams().getAll('risk')).toEqual([]);
      expect(urlParams().getAll('owner')).toEqual(['group:default/genai']);
      await userEvent.click(screen.getByRole('button', { name: 'Clear all' }));
      await waitFor(() => expect(urlParams().toString()).toBe(''));
      expect(listedModels()).toHaveLength(6);
    });
  });

  it('counts facet options over the models the other filters leave', async () => {
    await renderList();
    expect(await openFacet('Owner')).toEqual([
      'Generative AI (2)',
      'Risk ML (2)',
      'Growth Analytics (1)',
      'Legal AI (1)',
    ]);
    await userEvent.keyboard('{Escape}');

    await openFacet('Lifecycle');
    await userEvent.click(
      screen.getByRole('option', { name: 'production (3)' }),
    );
    await waitFor(() =>
      expect(urlParams().getAll('lifecycle')).toEqual(['production']),
    );
    await userEvent.keyboard('{Escape}');
    // Owners now count production models only; Legal AI keeps its option.
    expect(await openFacet('Owner')).toEqual([
      'Generative AI (1)',
      'Growth Analytics (1)',
      'Risk ML (1)',
      'Legal AI (0)',
    ]);
    await userEvent.keyboard('{Escape}');
    // A facet's own options are not narrowed by its own selection.
    expect(await openFacet('Lifecycle')).toContain('staging (1)');
    await userEvent.keyboard('{Escape}');

    await search('llm');
    expect(await openFacet('Owner')).toEqual([
      'Generative AI (1)',
      'Growth Analytics (0)',
      'Legal AI (0)',
      'Risk ML (0)',
    ]);
  });

  describe('sorting', () => {
    it('sorts by risk tier from the highest, then the other way', async () => {
      await renderList();
      fireEvent.click(screen.getByRole('button', { name: 'Risk tier' }));
      await waitFor(() =>
        expect(listedModels()).toEqual([
          'Contract reviewer',
          'Credit scorer',
          'Fraud detector',
          'Support assistant',
          'Summarizer',
          'Churn forecast',
        ]),
      );
      fireEvent.click(screen.getByRole('button', { name: 'Risk tier' }));
      await waitFor(() => expect(urlParams().get('dir')).toBe('asc'));
      // Undeclared tiers stay last in both directions.
      expect(listedModels()[0]).toBe('Summarizer');
      expect(listedModels()[5]).toBe('Churn forecast');
    });

    it('sorts by owner display name and by lifecycle order', async () => {
      await renderList();
      fireEvent.click(screen.getByRole('button', { name: 'Owner' }));
      await waitFor(() =>
        expect(listedModels()).toEqual([
          'Summarizer',
          'Support assistant',
          'Churn forecast',
          'Contract reviewer',
          'Credit scorer',
          'Fraud detector',
        ]),
      );
      fireEvent.click(screen.getByRole('button', { name: 'Lifecycle' }));
      await waitFor(() =>
        expect(listedModels()).toEqual([
          'Contract reviewer',
          'Summarizer',
          'Credit scorer',
          'Churn forecast',
          'Fraud detector',
          'Support assistant',
        ]),
      );
    });

    it('sorts by level, the lowest pack level of each model', async () => {
      const { scorecardApi } = await renderList({
        url: '/ml-models?sort=level',
      });
      await waitFor(() =>
        expect(listedModels()).toEqual([
          'Summarizer',
          'Support assistant',
          'Fraud detector',
          'Credit scorer',
          'Churn forecast',
          'Contract reviewer',
        ]),
      );
      expect(within(rowOf('Fraud detector')).getByText('silver')).toBeVisible();
      expect(
        within(rowOf('Contract reviewer')).getByText('not evaluated'),
      ).toBeVisible();
      expect(
        within(rowOf('Churn forecast')).getByText('unavailable'),
      ).toBeVisible();
      // One read per model, however often the list re-renders.
      expect(scorecardApi.getEntityScorecard).toHaveBeenCalledTimes(6);
    });

    it('sorts by cost from the highest; other teams have no figure', async () => {
      await renderList();
      fireEvent.click(screen.getByRole('button', { name: 'Cost, Oct 2026' }));
      await waitFor(() =>
        expect(listedModels().slice(0, 2)).toEqual([
          'Fraud detector',
          'Credit scorer',
        ]),
      );
      expect(within(rowOf('Fraud detector')).getByText('€1,200')).toBeVisible();
      // The caller reads Risk ML's cost only; the column says so once.
      expect(screen.getAllByText('your teams’ models')).toHaveLength(1);
    });
  });

  it('says once that the caller may not read cost, and does not sort by it', async () => {
    const refused = Object.assign(new Error('Not allowed'), {
      name: 'NotAllowedError',
    });
    await renderList({
      cost: costApiAnswering(async () => {
        throw refused;
      }),
    });
    expect(
      await screen.findAllByText(
        'Cost is visible to the owning team and finance.',
      ),
    ).toHaveLength(1);
    expect(
      screen.queryByRole('button', { name: /^Cost/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('€0.00')).not.toBeInTheDocument();
  });
});
