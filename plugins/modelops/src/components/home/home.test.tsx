import { screen, within } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type {
  ChangeApi,
  EntityScorecard,
  ScorecardApi,
} from '@modelops/plugin-modelops-common';
import { changeApiRef } from '../../api/changeApiRef';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { MlHomePage } from './MlHomePage';

jest.setTimeout(20_000);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'ai-review-board',
      title: 'AI Review Board',
      links: [
        {
          url: 'https://wiki.example.com/board',
          title: 'Board charter',
          type: 'playbook',
        },
        {
          url: 'https://wiki.example.com/calendar',
          title: 'Calendar',
          type: 'dashboard',
        },
      ],
    },
    spec: { type: 'team' },
  },
  {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: 'fraud-detector',
      title: 'Fraud detector',
      links: [
        {
          url: 'https://wiki.example.com/pm/2026-04-09',
          title: 'Postmortem 2026-04-09: spring miss',
          type: 'postmortem',
        },
        {
          url: 'https://wiki.example.com/pm/2026-08-14',
          title: 'Postmortem 2026-08-14: false positives',
          type: 'postmortem',
        },
      ],
    },
    spec: { owner: 'group:default/fraud-ml', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/fraud-ml' }],
  },
  {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'churn', title: 'Churn predictor' },
    spec: { owner: 'group:default/growth-ml', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/growth-ml' }],
  },
];

const scorecard: EntityScorecard = {
  entityRef: 'mlmodel:default/fraud-detector',
  score: 80,
  packs: [
    {
      pack: 'production-readiness',
      level: 'silver',
      score: 80,
      passing: 8,
      failing: 2,
      waived: 0,
    },
  ],
  failing: [],
  passing: 8,
  results: [],
  notApplicable: [],
  waivers: [],
};

function scorecardApi(overrides: Partial<ScorecardApi> = {}): ScorecardApi {
  return {
    getEntityScorecard: jest.fn().mockResolvedValue(scorecard),
    getSummary: jest.fn().mockResolvedValue({
      groupBy: 'pack',
      rows: [
        {
          key: 'documentation',
          entities: 20,
          score: 90,
          passing: 90,
          failing: 3,
          waived: 0,
        },
        {
          key: 'responsible-ai',
          entities: 20,
          score: 60,
          passing: 40,
          failing: 17,
          waived: 1,
        },
        {
          key: 'cost',
          entities: 20,
          score: 100,
          passing: 20,
          failing: 0,
          waived: 0,
        },
      ],
    }),
    listCampaigns: jest.fn().mockResolvedValue([
      {
        id: '1',
        title: 'Impact assessments before the audit',
        checkIds: ['responsible-ai.impact-assessment'],
        entityFilter: {},
        dueDate: '2026-12-15T00:00:00.000Z',
        owner: 'group:default/ai-review-board',
        status: 'open',
        createdBy: 'user:default/ana',
        createdAt: '2026-11-01T00:00:00.000Z',
      },
    ]),
    ...overrides,
  } as unknown as ScorecardApi;
}

const changeApi = {
  listRecentChanges: jest.fn().mockResolvedValue({
    reviewGroup: 'group:default/ai-review-board',
    items: [
      {
        id: '4',
        entityRef: 'mlmodel:default/fraud-detector',
        kind: 'promote',
        modelVersion: '7.4.0',
        evidenceLinks: ['https://mlflow.example.com/runs/1'],
        reason: 'Better recall',
        status: 'approved',
        requesterRef: 'user:default/rhea',
        createdAt: '2026-11-20T09:00:00.000Z',
        decidedBy: 'user:default/bo',
        decidedAt: '2026-11-21T09:00:00.000Z',
      },
    ],
  }),
} as unknown as ChangeApi;

function renderHome(apis: ReadonlyArray<readonly [any, any]>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities })],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/fay',
            ownershipEntityRefs: ['user:default/fay', 'group:default/fraud-ml'],
          }),
        ],
        ...apis,
      ]}
    >
      <MlHomePage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('MlHomePage', () => {
  it('brings playbooks, team models with levels, work, failing packs, changes and postmortems together', async () => {
    renderHome([
      [scorecardApiRef, scorecardApi()],
      [changeApiRef, changeApi],
    ]);

    const playbooks = await screen.findByRole('list', {
      name: 'How we build and run models',
    });
    expect(
      within(playbooks).getByRole('link', { name: /^Board charter/ }),
    ).toHaveAttribute('href', 'https://wiki.example.com/board');
    expect(within(playbooks).queryByText('Calendar')).not.toBeInTheDocument();

    const team = await screen.findByRole('list', { name: "My team's models" });
    expect(within(team).getByText('Fraud detector')).toBeInTheDocument();
    expect(within(team).queryByText('Churn predictor')).not.toBeInTheDocument();
    expect(
      await within(team).findByText('Production readiness: silver'),
    ).toBeInTheDocument();

    const work = await screen.findByRole('list', {
      name: 'Open campaigns and reviews',
    });
    expect(
      within(work).getByText('Campaign: Impact assessments before the audit'),
    ).toBeInTheDocument();

    const failing = await screen.findByRole('table', {
      name: 'Most-failed checks',
    });
    const rows = within(failing).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['Responsible AI', 'Documentation']);
    // The pass rate is passing over applicable checks (a waived check applies
    // and does not pass), not the severity-weighted score of the summary.
    expect(
      within(rows[0]).getByRole('progressbar', {
        name: 'Responsible AI pass rate: 40 of 58 checks pass, 69%',
      }),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('90 of 93, 97%')).toBeInTheDocument();

    const changes = await screen.findByRole('list', {
      name: 'Recently changed models',
    });
    // The decider by name, as a link, and when, as a <time> element (its
    // text is relative to today).
    expect(changes).toHaveTextContent('Promotion to 7.4.0 approved by bo,');
    expect(changes).not.toHaveTextContent('user:default/');
    expect(changes.querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-11-21T09:00:00.000Z',
    );

    const lessons = await screen.findByRole('list', {
      name: 'Lessons learned',
    });
    expect(
      within(lessons)
        .getAllByRole('link')
        .map(l => l.getAttribute('href'))
        .filter(href => href?.includes('/pm/')),
    ).toEqual([
      'https://wiki.example.com/pm/2026-08-14',
      'https://wiki.example.com/pm/2026-04-09',
    ]);
  });

  it('says which features are not installed when their clients are missing', async () => {
    renderHome([]);
    expect(
      await screen.findByText('Scorecards are not installed in this portal.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Change approvals are not installed in this portal.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Campaigns and ownership reviews are not installed in this portal.',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Scorecard levels are unavailable: the scorecards are not installed in this portal.',
      ),
    ).toBeInTheDocument();
    const team = await screen.findByRole('list', { name: "My team's models" });
    expect(within(team).getByText('Fraud detector')).toBeInTheDocument();
  });

  it('tells apart scorecards not yet evaluated from scorecards with nothing failing', async () => {
    const summaryOf = (rows: object[]) =>
      jest.fn().mockResolvedValue({ groupBy: 'pack', rows });
    const { unmount } = await renderHome([
      [scorecardApiRef, scorecardApi({ getSummary: summaryOf([]) })],
    ]);
    expect(
      await screen.findByText(/Scorecards have not been evaluated yet/),
    ).toBeInTheDocument();
    unmount();

    renderHome([
      [
        scorecardApiRef,
        scorecardApi({
          getSummary: summaryOf([
            {
              key: 'cost',
              entities: 2,
              score: 100,
              passing: 4,
              failing: 0,
              waived: 0,
            },
          ]),
        }),
      ],
    ]);
    expect(
      await screen.findByText(
        'No failing checks: every evaluated entity passes.',
      ),
    ).toBeInTheDocument();
  });

  it('treats a backend without the scorecard routes as not installed', async () => {
    const notFound = Object.assign(new Error('Not found'), {
      response: { status: 404 },
    });
    renderHome([
      [
        scorecardApiRef,
        scorecardApi({
          getSummary: jest.fn().mockRejectedValue(notFound),
          listCampaigns: jest.fn().mockRejectedValue(notFound),
          getEntityScorecard: jest.fn().mockRejectedValue(notFound),
        }),
      ],
    ]);
    expect(
      await screen.findByText('Scorecards are not installed in this portal.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Campaigns and ownership reviews are not installed in this portal.',
      ),
    ).toBeInTheDocument();
  });
});
