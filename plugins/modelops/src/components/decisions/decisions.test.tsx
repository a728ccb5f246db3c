import { fireEvent, screen, waitFor } from '@testing-library/react';
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
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
  type EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import type {
  DecisionApi,
  DecisionRecord,
} from '@modelops/plugin-modelops-common';
import { decisionApiRef } from '../../api/decisionApiRef';
import { EntityDecisionHistoryContent } from './EntityDecisionHistoryContent';
import { TeamDecisionHistoryPage } from './TeamDecisionHistoryPage';

const model: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn', namespace: 'default' },
  spec: { owner: 'group:default/ml', lifecycle: 'production' },
};

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'ml', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

// The names the catalog's presentation API gives people and teams.
const NAMES: Record<string, string> = {
  'user:default/carol': 'Carol Díaz',
  'user:default/alice': 'Alice Martin',
  'group:default/ml': 'Machine Learning',
  'group:default/risk': 'Risk Analytics',
};

const presentationApi: EntityPresentationApi = {
  forEntity(entityOrRef) {
    const ref = String(entityOrRef);
    const snapshot = {
      entityRef: ref,
      primaryTitle: NAMES[ref] ?? ref.replace(/^.*\//, ''),
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

const approval: DecisionRecord = {
  id: 'waiver:w1:approved',
  source: 'waiver',
  recordId: 'w1',
  action: 'waiver-approved',
  entityRef: 'mlmodel:default/churn',
  at: '2026-11-02T10:00:00.000Z',
  actorRef: 'user:default/alice',
  what: 'Approved the waiver of ownership.owner-group until 2027-01-31',
  why: 'Reorganisation confirmed',
};
const request: DecisionRecord = {
  ...approval,
  id: 'waiver:w1:requested',
  action: 'waiver-requested',
  at: '2026-11-02T09:00:00.000Z',
  actorRef: 'user:default/carol',
  what: 'Requested a waiver of ownership.owner-group until 2027-01-31',
  // Free text is shown as text, not as markup.
  why: '<b>Owner group</b> is being reorganised',
};

function createApi(items: DecisionRecord[], total = items.length) {
  return {
    listDecisions: jest.fn(async (query: any) => ({
      items: items.slice(query.offset, query.offset + query.limit),
      total,
      limit: query.limit,
      offset: query.offset,
    })),
    getDecisionsCsvUrl: jest.fn(
      async () => 'http://backend/api/modelops/decisions.csv?x=1',
    ),
  } satisfies DecisionApi;
}

async function renderWith(
  api: DecisionApi,
  element: JSX.Element,
  options: { groups?: string[] } = {},
) {
  const fetchApi = {
    fetch: jest.fn(async () => new Response('at,entityRef\r\n')),
  };
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [decisionApiRef, api],
        [entityPresentationApiRef, presentationApi],
        [fetchApiRef, fetchApi],
        [alertApiRef, alertApi],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/alice',
            ownershipEntityRefs: [
              'user:default/alice',
              ...(options.groups ?? []),
            ],
          }),
        ],
      ]}
    >
      {element}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { fetchApi, alertApi };
}

describe('decision history', () => {
  // jsdom cannot follow a download link; the click is what matters.
  const download = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(() => {});
  beforeAll(() => {
    URL.createObjectURL = jest.fn(() => 'blob:csv');
    URL.revokeObjectURL = jest.fn();
  });

  it("shows a waiver's request and approval with both people's names", async () => {
    const api = createApi([approval, request]);
    await renderWith(
      api,
      <EntityProvider entity={model}>
        <EntityDecisionHistoryContent />
      </EntityProvider>,
    );
    expect(await screen.findByText('Alice Martin')).toBeInTheDocument();
    expect(screen.getByText('Carol Díaz')).toBeInTheDocument();
    expect(screen.getByText('Waiver approved')).toBeInTheDocument();
    expect(screen.getByText('Waiver requested')).toBeInTheDocument();
    expect(screen.getByText('Reorganisation confirmed')).toBeInTheDocument();
    expect(
      screen.getByText('<b>Owner group</b> is being reorganised'),
    ).toBeInTheDocument();
    expect(screen.getByText('2 Nov 2026, 10:00 UTC')).toBeInTheDocument();
    expect(api.listDecisions).toHaveBeenCalledWith({
      entityRef: 'mlmodel:default/churn',
      limit: 25,
      offset: 0,
    });
  });

  it('pages with the total and exports the whole history as CSV', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      ...approval,
      id: `waiver:w${i}:approved`,
      what: `Decision ${i}`,
    }));
    const api = createApi(items);
    const { fetchApi } = await renderWith(
      api,
      <EntityProvider entity={model}>
        <EntityDecisionHistoryContent />
      </EntityProvider>,
    );
    expect(await screen.findByText('Decision 0')).toBeInTheDocument();
    expect(screen.getByText('1–25 of 30')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(await screen.findByText('Decision 29')).toBeInTheDocument();
    expect(api.listDecisions).toHaveBeenLastCalledWith({
      entityRef: 'mlmodel:default/churn',
      limit: 25,
      offset: 25,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        'http://backend/api/modelops/decisions.csv?x=1',
      ),
    );
    expect(api.getDecisionsCsvUrl).toHaveBeenCalledWith({
      entityRef: 'mlmodel:default/churn',
    });
    await waitFor(() => expect(download).toHaveBeenCalled());
  });

  it("lists a team's decisions on its page and in the reviews section", async () => {
    const api = createApi([approval]);
    await renderWith(
      api,
      <EntityProvider entity={team}>
        <EntityDecisionHistoryContent />
      </EntityProvider>,
    );
    expect(await screen.findByText('Alice Martin')).toBeInTheDocument();
    expect(api.listDecisions).toHaveBeenCalledWith({
      team: 'group:default/ml',
      limit: 25,
      offset: 0,
    });
  });

  it("offers the history of each of the user's teams", async () => {
    const api = createApi([approval]);
    await renderWith(api, <TeamDecisionHistoryPage />, {
      groups: ['group:default/ml', 'group:default/risk'],
    });
    expect(await screen.findByText('Alice Martin')).toBeInTheDocument();
    expect(api.listDecisions).toHaveBeenCalledWith({
      team: 'group:default/ml',
      limit: 25,
      offset: 0,
    });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Team' }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Risk Analytics' }),
    );
    await waitFor(() =>
      expect(api.listDecisions).toHaveBeenLastCalledWith({
        team: 'group:default/risk',
        limit: 25,
        offset: 0,
      }),
    );
  });

  it('says so when there is nothing yet', async () => {
    await renderWith(
      createApi([]),
      <EntityProvider entity={model}>
        <EntityDecisionHistoryContent />
      </EntityProvider>,
    );
    expect(await screen.findByText('No decisions yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });
});
