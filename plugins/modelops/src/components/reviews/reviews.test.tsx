import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  alertApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { reviewAdminPermission } from '@modelops/plugin-modelops-common';
import { SWRConfig } from 'swr';
import type {
  MyReviews,
  PortfolioReview,
  ReviewApi,
  ReviewItem,
} from '@modelops/plugin-modelops-common';
import { EntityReviewCard } from './EntityReviewCard';
import { MyTeamReviewPage } from './MyTeamReviewPage';
import { PortfolioReviewPage } from './PortfolioReviewPage';
import { reviewApiRef } from '../../api/reviewApiRef';
import { ReviewProgressPage } from './ReviewProgressPage';
import { costApiRef } from '../../api/costApiRef';

jest.setTimeout(30_000);

function item(
  id: string,
  name: string,
  patch: Partial<ReviewItem> = {},
): ReviewItem {
  return {
    id,
    cycleId: '1',
    entityRef: `mlmodel:default/${name}`,
    entityKind: 'MLModel',
    entityTitle: name,
    ownerRef: 'group:default/risk-ml',
    state: 'pending',
    dueAt: '2026-10-15T00:00:00.000Z',
    overdue: false,
    ...patch,
  };
}

const mine: MyReviews = {
  userRef: 'user:default/ana',
  groups: ['user:default/ana', 'group:default/risk-ml'],
  items: [
    item('1', 'credit-scorer', { overdue: true }),
    item('2', 'churn-predictor', { state: 'kept', decision: 'keep' }),
    item('3', 'old-scorer', { state: 'transferred' }),
  ],
  incomingTransfers: [
    item('9', 'fraud-detector', {
      ownerRef: 'group:default/fraud-ml',
      state: 'transfer-pending',
      transferTo: 'group:default/risk-ml',
      note: 'you run it now',
    }),
  ],
};

function createApi(overrides: Partial<ReviewApi> = {}): jest.Mocked<ReviewApi> {
  return {
    listCycles: jest.fn(),
    getMyReviews: jest.fn().mockResolvedValue(mine),
    getEntityReview: jest.fn(),
    attest: jest.fn().mockResolvedValue(mine.items[0]),
    attestMany: jest.fn().mockResolvedValue([]),
    acceptTransfer: jest.fn().mockResolvedValue(mine.incomingTransfers[0]),
    getProgress: jest.fn(),
    getFindings: jest.fn(),
    getPortfolio: jest.fn(),
    getPortfolioCsvUrl: jest
      .fn()
      .mockResolvedValue('http://backend/api/modelops/reviews/portfolio.csv'),
    ...overrides,
  } as jest.Mocked<ReviewApi>;
}

// AuthorizeResult.ALLOW and DENY, without a dependency on the
// permission-common package.
type Decision = Exclude<
  NonNullable<Parameters<typeof mockApis.permission>[0]>['authorize'],
  Function | undefined
>;
const ALLOW = 'ALLOW' as Decision;
const DENY = 'DENY' as Decision;

const alertApi = { post: jest.fn(), alert$: jest.fn() };

function render(
  element: JSX.Element,
  api: ReviewApi,
  extra: Array<[any, any]> = [],
) {
  const defaults: Array<[any, any]> = [
    [reviewApiRef, api],
    [alertApiRef, alertApi],
    [permissionApiRef, mockApis.permission()],
    [
      identityApiRef,
      mockApis.identity({
        userEntityRef: 'user:default/ana',
        ownershipEntityRefs: ['user:default/ana', 'group:default/risk-ml'],
      }),
    ],
  ];
  const overridden = new Set(extra.map(([ref]) => ref));
  const apis = [...defaults.filter(([ref]) => !overridden.has(ref)), ...extra];
  // usePermission caches answers in SWR's global cache; a fresh cache per
  // render keeps one test's answer out of the next.
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider apis={apis as any}>{element}</TestApiProvider>
    </SWRConfig>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('MyTeamReviewPage', () => {
  it('lists my items with their state and attests with one click', async () => {
    const api = createApi();
    await render(<MyTeamReviewPage />, api);
    expect(await screen.findByText('credit-scorer')).toBeInTheDocument();
    expect(screen.getByText('Pending · overdue')).toBeInTheDocument();
    expect(screen.getByText('Kept')).toBeInTheDocument();
    const row = screen.getByText('credit-scorer').closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Keep' }));
    await waitFor(() =>
      expect(api.attest).toHaveBeenCalledWith('1', { decision: 'keep' }),
    );
    // A transferred item can no longer be decided.
    const done = screen.getByText('old-scorer').closest('tr')!;
    expect(within(done).queryByRole('button', { name: 'Keep' })).toBeNull();
    expect(within(done).getByRole('checkbox')).toBeDisabled();
  });

  it('says in words that nothing of my teams is under review', async () => {
    const api = createApi({
      getMyReviews: jest
        .fn()
        .mockResolvedValue({ ...mine, items: [], incomingTransfers: [] }),
    });
    await render(<MyTeamReviewPage />, api);
    // The team by name; the user's own ref is not a team.
    expect(
      await screen.findByText(/No open review cycle lists anything/),
    ).toHaveTextContent(
      'No open review cycle lists anything that risk-ml owns.',
    );
  });

  it('bulk attests the selected items and proposes transfers', async () => {
    const api = createApi();
    await render(<MyTeamReviewPage />, api);
    await screen.findByText('credit-scorer');
    fireEvent.click(screen.getByRole('checkbox', { name: 'select all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep selected (2)' }));
    await waitFor(() =>
      expect(api.attestMany).toHaveBeenCalledWith({
        itemIds: ['1', '2'],
        decision: 'keep',
      }),
    );

    const row = (await screen.findByText('credit-scorer')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Transfer' }));
    fireEvent.change(screen.getByLabelText('Receiving group'), {
      target: { value: 'group:default/fraud-ml' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Propose transfer' }));
    await waitFor(() =>
      expect(api.attest).toHaveBeenCalledWith('1', {
        decision: 'transfer',
        transferTo: 'group:default/fraud-ml',
        note: undefined,
      }),
    );
  });

  it('accepts transfers offered to my teams and reports failures', async () => {
    const api = createApi({
      acceptTransfer: jest
        .fn()
        .mockRejectedValue(
          new Error('Only members of group:default/risk-ml may decide'),
        ),
    });
    await render(<MyTeamReviewPage />, api);
    // Teams are shown by name as catalog links.
    const offer = (await screen.findByText(/you run it now/)).closest('tr')!;
    expect(
      within(offer).getByRole('link', { name: /fraud-ml/ }),
    ).toBeInTheDocument();
    expect(
      within(offer).getByRole('link', { name: /risk-ml/ }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(api.acceptTransfer).toHaveBeenCalledWith('9'));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'error',
          message: expect.stringMatching(/Only members/),
        }),
      ),
    );
  });
});

describe('EntityReviewCard', () => {
  const entity = {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'credit-scorer', namespace: 'default' },
    spec: { owner: 'risk-ml', lifecycle: 'production' },
  };
  const review = {
    entityRef: 'mlmodel:default/credit-scorer',
    items: [item('1', 'credit-scorer')],
    decisions: [
      {
        id: '1',
        itemId: '0',
        cycleId: '0',
        entityRef: 'mlmodel:default/credit-scorer',
        action: 'keep' as const,
        actor: 'user:default/ana',
        authority: 'member' as const,
        note: 'in use',
        createdAt: '2026-07-03T10:00:00.000Z',
      },
    ],
  };

  it('shows the state and history and lets permitted users attest', async () => {
    const api = createApi({
      getEntityReview: jest.fn().mockResolvedValue(review),
    });
    await render(
      <EntityProvider entity={entity}>
        <EntityReviewCard />
      </EntityProvider>,
      api,
    );
    // People and groups by name, dates in words.
    const history = await screen.findByRole('list', {
      name: 'decision history',
    });
    expect(history).toHaveTextContent('ana kept');
    expect(history).toHaveTextContent('3 Jul 2026 · in use');
    expect(history).not.toHaveTextContent('user:default/');
    expect(
      screen.getByRole('link', { name: 'risk-ml' }).closest('p'),
    ).toHaveTextContent('Owner risk-ml, due 15 Oct 2026');
    fireEvent.click(await screen.findByRole('button', { name: 'Retire' }));
    await waitFor(() =>
      expect(api.attest).toHaveBeenCalledWith('1', { decision: 'retire' }),
    );
    expect(api.getEntityReview).toHaveBeenCalledWith(
      'mlmodel:default/credit-scorer',
    );
  });

  it('hides the buttons when the permission is denied', async () => {
    const api = createApi({
      getEntityReview: jest.fn().mockResolvedValue(review),
    });
    // Another entity: usePermission caches decisions per resource ref.
    const other = {
      ...entity,
      metadata: { name: 'legacy-pricer', namespace: 'default' },
    };
    await render(
      <EntityProvider entity={other}>
        <EntityReviewCard />
      </EntityProvider>,
      api,
      [[permissionApiRef, mockApis.permission({ authorize: DENY })]],
    );
    expect(
      await screen.findByRole('list', { name: 'decision history' }),
    ).toHaveTextContent('ana kept');
    expect(screen.queryByRole('button', { name: 'Keep' })).toBeNull();
    expect(screen.getByText(/keep, transfer or retire it/)).toHaveTextContent(
      'Members of risk-ml keep, transfer or retire it in the ownership review.',
    );
  });

  it('offers no decision to someone outside the owning group, whom the backend would refuse', async () => {
    const api = createApi({
      getEntityReview: jest.fn().mockResolvedValue(review),
    });
    const other = {
      ...entity,
      metadata: { name: 'fraud-scorer', namespace: 'default' },
    };
    await render(
      <EntityProvider entity={other}>
        <EntityReviewCard />
      </EntityProvider>,
      api,
      [
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/dan',
            ownershipEntityRefs: ['user:default/dan', 'group:default/fraud-ml'],
          }),
        ],
        // The policy lets Dan attest (as the shipped one does for data
        // stewards on any dataset), but he administers no reviews.
        [
          permissionApiRef,
          mockApis.permission({
            authorize: request =>
              request.permission.name === reviewAdminPermission.name
                ? DENY
                : ALLOW,
          }),
        ],
      ],
    );
    expect(
      await screen.findByText(/keep, transfer or retire it/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retire' })).toBeNull();
  });
});

describe('ReviewProgressPage', () => {
  it('shows progress by team and the ownership problems', async () => {
    const api = createApi({
      getProgress: jest.fn().mockResolvedValue({
        cycles: [
          {
            id: '1',
            cadence: 'MLModel:production',
            kind: 'MLModel',
            lifecycles: ['production'],
            period: '2026-10-01',
            periodStart: '2026-10-01T00:00:00.000Z',
            periodEnd: '2027-01-01T00:00:00.000Z',
            dueAt: '2026-10-15T00:00:00.000Z',
            openedAt: '',
            status: 'open',
            itemCount: 4,
            decidedCount: 1,
          },
        ],
        teams: [
          {
            team: 'group:default/fraud-ml',
            total: 2,
            pending: 2,
            kept: 0,
            transferPending: 0,
            transferred: 0,
            retired: 0,
            overdue: 2,
            percentDone: 0,
          },
        ],
      }),
      getFindings: jest.fn().mockResolvedValue({
        generatedAt: '',
        items: [
          {
            type: 'owner-not-found',
            entityRef: 'mlmodel:default/ghost-model',
            entityKind: 'MLModel',
            ownerRef: 'group:default/ghost-team',
            message:
              'Owner group:default/ghost-team does not exist in the catalog',
          },
        ],
      }),
    });
    await render(<ReviewProgressPage />, api);
    expect(
      await screen.findByText(/1 Oct 2026 to 31 Dec 2026: 1 of 4 decided/),
    ).toHaveTextContent(
      'MLModel (production), 1 Oct 2026 to 31 Dec 2026: 1 of 4 decided, due 15 Oct 2026',
    );
    expect(
      screen.getByLabelText('group:default/fraud-ml 0% done'),
    ).toBeInTheDocument();
    expect(screen.getByText('Owner not in catalog')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /ghost-model/ }),
    ).toBeInTheDocument();
  });
});

describe('PortfolioReviewPage', () => {
  const portfolio: PortfolioReview = {
    generatedAt: '2026-11-27T00:00:00.000Z',
    rows: [
      {
        entityRef: 'mlmodel:default/credit-scorer',
        title: 'Credit scorer',
        owner: 'group:default/risk-ml',
        kpis: [{ name: 'default-rate', target: '< 2.5%' }],
        scorecardLevel: 'gold',
        scorecardScore: 92,
        monthlyCost: 12500,
        costMonth: '2026-10',
        latestDecision: 'keep',
        decidedAt: '2026-10-03T00:00:00.000Z',
        retirementReasons: [],
      },
      {
        entityRef: 'mlmodel:default/legacy-pricer',
        title: 'Legacy pricer',
        owner: 'group:default/pricing-ml',
        kpis: [],
        scorecardLevel: 'none',
        retirementReasons: ['no KPI ties it to a business outcome'],
      },
    ],
  };

  it('lists models with KPIs, level, cost and decision, highlights candidates and exports CSV', async () => {
    const api = createApi({
      getPortfolio: jest.fn().mockResolvedValue(portfolio),
    });
    const fetchApi = {
      fetch: jest
        .fn()
        .mockResolvedValue(new Response('entityRef\r\n', { status: 200 })),
    };
    const createObjectURL = jest.fn().mockReturnValue('blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const costApi = {
      getTeamCosts: jest.fn().mockResolvedValue({ currency: 'EUR' }),
    };
    await render(<PortfolioReviewPage />, api, [
      [fetchApiRef, fetchApi],
      [costApiRef, costApi],
    ]);
    expect(
      await screen.findByText('Production models (2, 1 retirement candidates)'),
    ).toBeInTheDocument();
    expect(screen.getByText('default-rate < 2.5%')).toBeInTheDocument();
    // Money in the cost views' currency; months and dates in words.
    expect(screen.getByText('€12,500')).toBeInTheDocument();
    expect(screen.getByText('Oct 2026')).toBeInTheDocument();
    expect(screen.getByText('keep')).toBeInTheDocument();
    expect(screen.getByText('3 Oct 2026')).toBeInTheDocument();
    expect(screen.getByText('gold')).toBeInTheDocument();
    const candidate = screen
      .getByText('no KPI ties it to a business outcome')
      .closest('tr')!;
    expect(candidate).toHaveStyle({
      backgroundColor: 'rgba(255, 152, 0, 0.12)',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        'http://backend/api/modelops/reviews/portfolio.csv',
      ),
    );
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    click.mockRestore();
  });
});
