import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { alertApiRef, identityApiRef } from '@backstage/core-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
import type {
  ChangeApi,
  ChangeRequest,
} from '@modelops/plugin-modelops-common';
import { changeApiRef } from '../../api/changeApiRef';
import { EntityChangeRequestsCard } from './EntityChangeRequestsCard';

const model: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn', namespace: 'default' },
  spec: {
    owner: 'group:default/growth-ml',
    lifecycle: 'production',
    version: '3.1.0',
  },
};

function change(id: string, patch: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id,
    entityRef: 'mlmodel:default/churn',
    kind: 'promote',
    modelVersion: '3.1.0',
    evidenceLinks: ['https://mlflow.example.com/runs/42'],
    reason: 'Recall up 4 points',
    status: 'pending',
    requesterRef: 'user:default/rhea',
    createdAt: '2026-11-20T09:00:00.000Z',
    ...patch,
  };
}

// AuthorizeResult.DENY, without a dependency on the permission-common package.
const DENY = 'DENY' as NonNullable<
  Parameters<typeof mockApis.permission>[0]
>['authorize'] &
  string;

const REVIEW_BOARD = 'group:default/ai-review-board';

// Awaited, so that each test's card is rendered before the test looks for
// it, and a render still in flight cannot outlive its test.
async function renderCard(
  api: ChangeApi,
  userEntityRef: string,
  options: {
    groups?: string[];
    permission?: ReturnType<typeof mockApis.permission>;
  } = {},
) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  await renderInTestApp(
    // usePermission caches answers in SWR's global cache; a fresh cache per
    // render keeps one test's answer out of the next.
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [changeApiRef, api],
          [
            identityApiRef,
            mockApis.identity({
              userEntityRef,
              ownershipEntityRefs: [userEntityRef, ...(options.groups ?? [])],
            }),
          ],
          [alertApiRef, alertApi],
          [permissionApiRef, options.permission ?? mockApis.permission()],
          // People and groups are shown as catalog links, which look them up.
          [catalogApiRef, catalogApiMock({ entities: [model] })],
        ]}
      >
        <EntityProvider entity={model}>
          <EntityChangeRequestsCard />
        </EntityProvider>
      </TestApiProvider>
    </SWRConfig>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { alertApi };
}

function createApi(items: ChangeRequest[]): jest.Mocked<ChangeApi> {
  return {
    listChanges: jest.fn().mockResolvedValue({
      items,
      reviewGroup: 'group:default/ai-review-board',
    }),
    listRecentChanges: jest.fn(),
    requestChange: jest.fn().mockResolvedValue(change('9')),
    decideChange: jest
      .fn()
      .mockResolvedValue(change('1', { status: 'approved' })),
  };
}

describe('EntityChangeRequestsCard', () => {
  it('lets a reviewer approve a request and names the review group', async () => {
    const api = createApi([
      change('1'),
      change('0', {
        kind: 'rollback',
        modelVersion: '3.0.2',
        status: 'rejected',
        decidedBy: 'user:default/bo',
        decisionComment: 'Not needed',
      }),
    ]);
    await renderCard(api, 'user:default/bo', { groups: [REVIEW_BOARD] });
    const list = await screen.findByRole('list', { name: 'Change requests' });
    const subheader = screen.getByTestId('info-card-subheader');
    expect(subheader).toHaveTextContent(
      'Promotions and rollbacks are approved by ai-review-board, never by the requester',
    );
    expect(
      within(subheader).getByRole('link', { name: 'ai-review-board' }),
    ).toHaveAttribute('href', '/catalog/default/group/ai-review-board');
    expect(within(list).getByText('Roll back to 3.0.2')).toBeInTheDocument();
    const decider = within(list).getByRole('link', { name: 'bo' });
    expect(decider).toHaveAttribute('href', '/catalog/default/user/bo');
    expect(decider.parentElement).toHaveTextContent(
      /rejected by bo: Not needed/,
    );
    expect(
      within(list).getAllByRole('link', { name: 'rhea' })[0],
    ).toHaveAttribute('href', '/catalog/default/user/rhea');
    expect(within(list).queryByText(/user:default\//)).not.toBeInTheDocument();
    expect(
      within(list).getAllByRole('button', { name: 'Approve' }),
    ).toHaveLength(1);
    fireEvent.click(within(list).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.decideChange).toHaveBeenCalledWith('1', 'approve'),
    );
  });

  it('does not offer the requester a decision on their own request', async () => {
    await renderCard(createApi([change('1')]), 'user:default/rhea');
    expect(
      await screen.findByText('Waiting for another reviewer'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it('tells people outside the review group who decides, and offers no decision', async () => {
    await renderCard(createApi([change('1')]), 'user:default/otto', {
      groups: ['group:default/growth-ml'],
    });
    const list = await screen.findByRole('list', { name: 'Change requests' });
    expect(within(list).getByText(/Waiting for a member of/)).toHaveTextContent(
      'Waiting for a member of ai-review-board',
    );
    expect(
      within(list).queryByRole('button', { name: /Approve|Reject/ }),
    ).not.toBeInTheDocument();
  });

  it('offers no request to those the policy does not let request a change', async () => {
    await renderCard(createApi([]), 'user:default/otto', {
      permission: mockApis.permission({ authorize: DENY }),
    });
    expect(
      await screen.findByText(
        'No promotion or rollback has been requested for this model yet.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Request a change' }),
    ).not.toBeInTheDocument();
  });

  it('shows the backend refusal of a decision, its refs shortened to names', async () => {
    const api = createApi([change('1')]);
    api.decideChange.mockRejectedValue(
      Object.assign(new Error('Forbidden'), {
        body: {
          error: {
            message:
              'Only members of group:default/ai-review-board may reject change requests',
          },
        },
      }),
    );
    const { alertApi } = await renderCard(api, 'user:default/otto', {
      groups: [REVIEW_BOARD],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message: 'Only members of ai-review-board may reject change requests',
        severity: 'error',
      }),
    );
  });

  it('requests a promotion with evidence links, one per line', async () => {
    const api = createApi([]);
    await renderCard(api, 'user:default/rhea');
    expect(
      await screen.findByText(
        'No promotion or rollback has been requested for this model yet.',
      ),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Request a change' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Model version')).toHaveValue('3.1.0');
    fireEvent.change(within(dialog).getByLabelText('Evidence links'), {
      target: {
        value:
          'https://mlflow.example.com/runs/42\n\n https://docs.example.com/card ',
      },
    });
    fireEvent.change(within(dialog).getByLabelText('Reason'), {
      target: { value: 'Recall up 4 points' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Request approval' }),
    );
    await waitFor(() =>
      expect(api.requestChange).toHaveBeenCalledWith({
        entityRef: 'mlmodel:default/churn',
        kind: 'promote',
        modelVersion: '3.1.0',
        evidenceLinks: [
          'https://mlflow.example.com/runs/42',
          'https://docs.example.com/card',
        ],
        reason: 'Recall up 4 points',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });
});
