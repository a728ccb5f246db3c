import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
import type {
  EntityScorecard,
  ScorecardApi,
  Waiver,
} from '@modelops/plugin-modelops-common';
import { CampaignsPage } from './CampaignsPage';
import { EntityScorecardCard } from './EntityScorecardCard';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { ScorecardsPage } from './ScorecardsPage';
import { WaiverApprovals } from './WaiverApprovals';
import { ScorecardResultsPage } from './ScorecardResultsPage';
import { scorecardsRouteRef } from '../../routes';

jest.setTimeout(30_000);

const DENY = 'DENY' as NonNullable<
  Parameters<typeof mockApis.permission>[0]
>['authorize'] &
  string;

const entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'credit-risk-scorer', namespace: 'default' },
  spec: { owner: 'group:default/risk-ml', lifecycle: 'production' },
};
const check = {
  id: 'responsible-ai.impact-assessment',
  title: 'Impact assessment on file',
  description: 'A dated impact assessment is linked.',
  rationale: { practice: 'Module 6: ...', obligations: ['eu-ai-act.art-27-1'] },
  appliesTo: { kinds: ['MLModel' as const], riskTiers: ['high'] },
  severity: 'critical' as const,
  remediation: { text: 'Link the assessment in spec.risk.impactAssessment.' },
  pack: 'responsible-ai',
  level: 'bronze' as const,
};
const scorecard: EntityScorecard = {
  entityRef: 'mlmodel:default/credit-risk-scorer',
  evaluatedAt: '2026-11-20T00:00:00.000Z',
  score: 72,
  packs: [
    {
      pack: 'responsible-ai',
      level: 'none',
      score: 40,
      passing: 3,
      failing: 1,
      waived: 0,
    },
    {
      pack: 'ownership',
      level: 'gold',
      score: 100,
      passing: 5,
      failing: 0,
      waived: 0,
    },
  ],
  failing: [
    {
      entityRef: 'mlmodel:default/credit-risk-scorer',
      checkId: check.id,
      pack: check.pack,
      level: 'bronze',
      severity: 'critical',
      state: 'fail',
      message:
        'expected spec.risk.impactAssessment.url to be set; found nothing',
      changedAt: '2026-11-20T00:00:00.000Z',
      check,
      effectiveState: 'fail',
    },
  ],
  passing: 1,
  results: [],
  notApplicable: [],
  waivers: [],
};
const failingResult = scorecard.failing[0];
// In the order the API sends them: failing, waived, passing.
scorecard.results = [
  failingResult,
  {
    ...failingResult,
    checkId: 'responsible-ai.explainability',
    effectiveState: 'waived',
    message: 'expected spec.risk.explainability to be set; found nothing',
    check: {
      ...check,
      id: 'responsible-ai.explainability',
      title: 'Explainability method named',
      description: 'The model names how its decisions are explained.',
      remediation: { text: 'Name the method in spec.risk.explainability.' },
    },
  },
  {
    ...failingResult,
    checkId: 'responsible-ai.risk-tier',
    state: 'pass',
    effectiveState: 'pass',
    message: undefined,
    check: {
      ...check,
      id: 'responsible-ai.risk-tier',
      title: 'Risk tier classified',
      description: 'The model is classified under the EU AI Act tiers.',
    },
  },
];
scorecard.notApplicable = [
  {
    ...check,
    id: 'responsible-ai.transparency-notice',
    title: 'People told they interact with an AI system',
    description: 'Users are told they interact with an AI system.',
  },
];
const pending: Waiver = {
  id: 'w1',
  entityRef: scorecard.entityRef,
  checkId: check.id,
  reason: 'Assessment booked with the board',
  requestedBy: 'user:default/ada',
  requestedAt: '2026-11-20T00:00:00.000Z',
  expiresAt: '2026-12-20T00:00:00.000Z',
  status: 'pending',
};

function fakeApi(overrides: Partial<ScorecardApi> = {}): ScorecardApi {
  return {
    listChecks: jest.fn(async () => [check]),
    getEntityScorecard: jest.fn(async () => scorecard),
    getSummary: jest.fn(async groupBy => ({
      groupBy,
      rows: [
        {
          key: groupBy === 'pack' ? 'responsible-ai' : 'group:default/risk-ml',
          entities: 3,
          score: 61,
          passing: 10,
          failing: 4,
          waived: 1,
          levels: { none: 1, bronze: 1, silver: 0, gold: 1 },
        },
      ],
    })),
    getHistory: jest.fn(async () => ({
      changes: [],
      levelChanges: [],
      trend: [],
    })),
    evaluate: jest.fn(),
    listWaivers: jest.fn(async () => [pending]),
    requestWaiver: jest.fn(async () => pending),
    decideWaiver: jest.fn(async () => ({
      ...pending,
      status: 'approved' as const,
    })),
    listCampaigns: jest.fn(async () => [
      {
        id: 'c1',
        title: 'Impact assessments by Q1',
        checkIds: [check.id],
        entityFilter: {},
        dueDate: '2027-01-31T00:00:00.000Z',
        owner: 'group:default/risk-office',
        status: 'open' as const,
        createdBy: 'user:default/ada',
        createdAt: '2026-11-01T00:00:00.000Z',
      },
    ]),
    createCampaign: jest.fn(),
    updateCampaign: jest.fn(),
    deleteCampaign: jest.fn(),
    getCampaignProgress: jest.fn(async () => ({
      campaignId: 'c1',
      entities: 4,
      done: 1,
      teams: [
        {
          team: 'group:default/risk-ml',
          entities: 4,
          done: 1,
          notDone: [
            {
              entityRef: 'mlmodel:default/credit-risk-scorer',
              failingChecks: [check.id],
            },
          ],
        },
      ],
    })),
    getResults: jest.fn(async () => ({
      items: [
        {
          entityRef: 'mlmodel:default/credit-risk-scorer',
          kind: 'MLModel',
          owner: 'group:default/risk-ml',
          checkId: check.id,
          checkTitle: check.title,
          pack: check.pack,
          level: check.level,
          severity: check.severity,
          state: 'fail' as const,
          message:
            'expected spec.risk.impactAssessment.url to be set; found nothing',
          changedAt: '2026-11-20T00:00:00.000Z',
        },
      ],
      total: 1,
      counts: { passing: 0, failing: 1, waived: 0, entities: 1 },
      limit: 1000,
      offset: 0,
    })),
    ...overrides,
  } as ScorecardApi;
}

function render(
  node: React.ReactNode,
  api: ScorecardApi,
  permission = mockApis.permission(),
  userEntityRef = 'user:default/bob',
  route = '/',
) {
  // usePermission caches each answer by permission in SWR's global cache;
  // a fresh cache per render keeps one test's ALLOW out of the next test's
  // DENY.
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={
          [
            [scorecardApiRef, api],
            [permissionApiRef, permission],
            [identityApiRef, mockApis.identity({ userEntityRef })],
          ] as any
        }
      >
        <EntityProvider entity={entity}>{node}</EntityProvider>
      </TestApiProvider>
    </SWRConfig>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/scorecards': scorecardsRouteRef,
      },
      routeEntries: [route],
    },
  );
}

describe('scorecard components', () => {
  it('shows levels per pack and failing checks with remediation, and requests a waiver', async () => {
    const api = fakeApi();
    await render(<EntityScorecardCard />, api);
    expect(await screen.findByText('Responsible AI: none')).toBeInTheDocument();
    expect(screen.getByText('Ownership: gold')).toBeInTheDocument();
    expect(screen.getByText('Impact assessment on file')).toBeInTheDocument();
    expect(
      screen.getByText(/Link the assessment in spec.risk.impactAssessment/),
    ).toBeInTheDocument();
    // Every check is listed in words, failing first, then waived, passing
    // and not applicable; a failure says what was found.
    const checks = screen.getByRole('list', { name: 'Responsible AI checks' });
    const titles = within(checks)
      .getAllByRole('listitem')
      .map(
        li =>
          li.querySelector('[class*="MuiTypography-subtitle2"]')?.textContent,
      );
    expect(titles).toEqual([
      'Impact assessment on file',
      'Explainability method named',
      'Risk tier classified',
      'People told they interact with an AI system',
    ]);
    expect(
      within(checks).getByText(
        'expected spec.risk.impactAssessment.url to be set; found nothing.',
      ),
    ).toBeInTheDocument();
    expect(within(checks).getAllByText('not applicable')).toHaveLength(1);
    expect(within(checks).getAllByText('waived')).toHaveLength(1);
    expect(within(checks).getAllByText('EU AI Act Art. 27(1)')).toHaveLength(4);
    expect(
      screen.getByText(/1 of 3 applicable checks pass; 1 do not apply/),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Request waiver' }));
    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: 'Assessment booked with the board' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Request waiver' }));
    await waitFor(() =>
      expect(api.requestWaiver).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: scorecard.entityRef,
          checkId: check.id,
          reason: 'Assessment booked with the board',
        }),
      ),
    );
  });

  it('hides the waiver request without the permission', async () => {
    await render(
      <EntityScorecardCard />,
      fakeApi(),
      mockApis.permission({ authorize: DENY }),
    );
    expect(
      await screen.findByText('Impact assessment on file'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Request waiver' }),
    ).not.toBeInTheDocument();
  });

  it('lists scorecards by pack and switches to teams', async () => {
    const api = fakeApi();
    await render(<ScorecardsPage />, api);
    expect(await screen.findByText('Responsible AI')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'By team' }));
    expect(
      await screen.findByRole('link', { name: /risk-ml/ }),
    ).toBeInTheDocument();
    expect(api.getSummary).toHaveBeenLastCalledWith('team');
  });

  it('shows campaign progress per team', async () => {
    await render(<CampaignsPage />, fakeApi());
    expect(
      await screen.findByText('Impact assessments by Q1'),
    ).toBeInTheDocument();
    expect(await screen.findByText('1 of 4 entities done')).toBeInTheDocument();
    expect(
      screen.getByLabelText('group:default/risk-ml progress'),
    ).toBeInTheDocument();
    // Teams and the owner are catalog links, checks are named by title.
    expect(screen.getByRole('link', { name: /risk-ml/ })).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /risk-office/ }),
    ).toBeInTheDocument();
    expect(await screen.findByText(check.title)).toBeInTheDocument();
  });

  it('approves a pending waiver of somebody else', async () => {
    const api = fakeApi();
    await render(<WaiverApprovals />, api);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    // Model and requester are catalog links, not raw refs.
    expect(
      screen.getByRole('link', { name: /credit-risk-scorer/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /ada/ })).toBeInTheDocument();
    expect(screen.queryByText(/mlmodel:default\//)).not.toBeInTheDocument();
    await waitFor(() =>
      expect(api.decideWaiver).toHaveBeenCalledWith('w1', 'approve'),
    );
    // The check by its title, not its id.
    expect(
      screen.getByText(/: Impact assessment on file$/),
    ).toBeInTheDocument();
  });

  it('tells people who may not decide waivers who does, without buttons', async () => {
    await render(
      <WaiverApprovals />,
      fakeApi(),
      mockApis.permission({ authorize: DENY }),
    );
    expect(
      await screen.findByText(
        'Waiting for the review board, which approves or rejects waivers',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Approve|Reject/ }),
    ).not.toBeInTheDocument();
  });

  it("offers no approval of one's own request", async () => {
    await render(
      <WaiverApprovals />,
      fakeApi(),
      mockApis.permission(),
      'user:default/ada',
    );
    expect(
      await screen.findByText(
        'Your request: another member of the review board approves it',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it('links every count of a summary row to the results behind it', async () => {
    await render(<ScorecardsPage />, fakeApi());
    const row = (await screen.findByText('Responsible AI')).closest('tr')!;
    const hrefs = within(row)
      .getAllByRole('link')
      .map(a => a.getAttribute('href'));
    expect(hrefs).toEqual([
      '/scorecards/results?pack=responsible-ai',
      '/scorecards/results?pack=responsible-ai',
      '/scorecards/results?pack=responsible-ai&state=pass',
      '/scorecards/results?pack=responsible-ai&state=fail',
      '/scorecards/results?pack=responsible-ai&state=waived',
    ]);
  });

  it('lists the results the URL filters, and moves the filters into the URL', async () => {
    const api = fakeApi();
    await render(
      <ScorecardResultsPage />,
      api,
      undefined,
      undefined,
      '/scorecards/results?pack=responsible-ai&team=group:default/risk-ml&state=fail',
    );
    expect(
      await screen.findByText(
        'expected spec.risk.impactAssessment.url to be set; found nothing',
      ),
    ).toBeInTheDocument();
    expect(api.getResults).toHaveBeenCalledWith({
      pack: 'responsible-ai',
      team: 'group:default/risk-ml',
      state: 'fail',
      limit: 1000,
    });
    expect(screen.getByText('Pack: Responsible AI')).toBeInTheDocument();
    expect(
      screen.getByText(/1 entities: 1 failing, 0 waived, 0 passing checks/),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(() =>
      expect(api.getResults).toHaveBeenLastCalledWith({
        pack: 'responsible-ai',
        team: 'group:default/risk-ml',
        limit: 1000,
      }),
    );
  });

  it('names the entities a campaign is waiting for, per team, with their failing checks', async () => {
    await render(<CampaignsPage />, fakeApi());
    const list = await screen.findByRole('list', {
      name: 'group:default/risk-ml not done',
    });
    expect(list).toHaveTextContent(
      'credit-risk-scorer: Impact assessment on file',
    );
  });

  it("draws a pack's trend over 30, 90 or 365 days with its transitions and their causes", async () => {
    const api = fakeApi({
      getHistory: jest.fn(async () => ({
        changes: [
          {
            entityRef: 'mlmodel:default/credit-risk-scorer',
            checkId: check.id,
            from: 'pass' as const,
            to: 'fail' as const,
            at: '2026-11-20T00:00:00.000Z',
            cause: 'the impact assessment of 2025-10-01 is older than a year',
          },
        ],
        levelChanges: [
          {
            entityRef: 'mlmodel:default/credit-risk-scorer',
            pack: 'responsible-ai',
            from: 'silver' as const,
            to: 'none' as const,
            at: '2026-11-20T00:00:00.000Z',
            cause: 'Impact assessment on file started failing',
          },
        ],
        trend: [
          { day: '2026-11-19', score: 70, passing: 10, failing: 4 },
          { day: '2026-11-20', score: 61, passing: 9, failing: 5 },
        ],
      })),
    });
    await render(<ScorecardsPage />, api);
    // The pack's name and counts are links; the rest of the row opens the trend.
    await screen.findByText('Responsible AI');
    fireEvent.click(screen.getByText('61'));
    const changes = await screen.findByRole('list', {
      name: 'Recent check changes',
    });
    expect(changes).toHaveTextContent(
      'Impact assessment on file: passing → failing (the impact assessment of 2025-10-01 is older than a year)',
    );
    expect(changes).toHaveTextContent(
      'Responsible AI level: silver → no level (Impact assessment on file started failing)',
    );
    expect(api.getHistory).toHaveBeenLastCalledWith(
      { pack: 'responsible-ai' },
      90,
    );
    fireEvent.click(screen.getByRole('button', { name: '365 days' }));
    await waitFor(() =>
      expect(api.getHistory).toHaveBeenLastCalledWith(
        { pack: 'responsible-ai' },
        365,
      ),
    );
  });
});
