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
import type { Feedback, FeedbackApi } from '@modelops/plugin-modelops-common';
import { EntityFeedbackCard } from './EntityFeedbackCard';
import { feedbackApiRef } from '../../api/feedbackApiRef';

const model: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn', namespace: 'default', title: 'Churn predictor' },
  spec: { owner: 'group:default/growth-ml', lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/growth-ml' }],
};

const report: Feedback = {
  id: '7',
  entityRef: 'mlmodel:default/churn',
  category: 'outage',
  text: 'Timeouts since noon',
  state: 'open',
  reporterRef: 'user:default/rita',
  createdAt: '2026-11-20T12:00:00.000Z',
  updatedAt: '2026-11-20T12:00:00.000Z',
};

function createApi(): jest.Mocked<FeedbackApi> {
  return {
    listFeedback: jest.fn().mockResolvedValue([report]),
    createFeedback: jest.fn().mockResolvedValue({ ...report, id: '8' }),
    setFeedbackState: jest
      .fn()
      .mockResolvedValue({ ...report, state: 'acknowledged' }),
  };
}

// Awaited, so that each test's card is rendered before the test looks for
// it, and a render still in flight cannot outlive its test.
async function renderCard(api: FeedbackApi, groups: string[]) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  const identityApi = mockApis.identity({
    userEntityRef: 'user:default/olga',
    ownershipEntityRefs: ['user:default/olga', ...groups],
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [feedbackApiRef, api],
        [identityApiRef, identityApi],
        [alertApiRef, alertApi],
        // Reporters are shown as catalog links, which look people up.
        [catalogApiRef, catalogApiMock({ entities: [model] })],
      ]}
    >
      <EntityProvider entity={model}>
        <EntityFeedbackCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { alertApi };
}

describe('EntityFeedbackCard', () => {
  it('lists feedback and lets an owner acknowledge it', async () => {
    const api = createApi();
    await renderCard(api, ['group:default/growth-ml']);
    const list = await screen.findByRole('list', { name: 'Feedback' });
    expect(within(list).getByText('Timeouts since noon')).toBeInTheDocument();
    expect(within(list).getByText('Outage')).toBeInTheDocument();
    // The reporter is a link to their catalog page, not a raw ref.
    expect(within(list).getByRole('link', { name: 'rita' })).toHaveAttribute(
      'href',
      '/catalog/default/user/rita',
    );
    expect(within(list).queryByText(/user:default\//)).not.toBeInTheDocument();
    fireEvent.click(within(list).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() =>
      expect(api.setFeedbackState).toHaveBeenCalledWith('7', {
        state: 'acknowledged',
      }),
    );
    expect(api.listFeedback).toHaveBeenCalledWith({
      entityRef: 'mlmodel:default/churn',
      state: undefined,
    });
  });

  it('hides state changes from users outside the owning group and filters by state', async () => {
    const api = createApi();
    await renderCard(api, ['group:default/fraud-ml']);
    await screen.findByText('Timeouts since noon');
    expect(
      screen.queryByRole('button', { name: 'Acknowledge' }),
    ).not.toBeInTheDocument();
    api.listFeedback.mockResolvedValue([]);
    fireEvent.click(screen.getByRole('button', { name: 'Resolved' }));
    expect(
      await screen.findByText('No feedback in state resolved.'),
    ).toBeInTheDocument();
    expect(api.listFeedback).toHaveBeenLastCalledWith({
      entityRef: 'mlmodel:default/churn',
      state: 'resolved',
    });
  });

  it('reports a problem through the dialog and shows the backend message on failure', async () => {
    const api = createApi();
    const { alertApi } = await renderCard(api, []);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Report a problem' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Report a problem with Churn predictor'),
    ).toBeInTheDocument();
    const send = within(dialog).getByRole('button', { name: 'Send report' });
    expect(send).toBeDisabled();

    api.createFeedback.mockRejectedValueOnce(
      Object.assign(new Error('Request failed'), {
        body: {
          error: {
            message: 'text: Too big: expected string to have <=4000 characters',
          },
        },
      }),
    );
    fireEvent.change(within(dialog).getByLabelText('What happened'), {
      target: { value: 'Scored a loyal customer as churning' },
    });
    fireEvent.click(send);
    expect(
      await within(dialog).findByText(
        'text: Too big: expected string to have <=4000 characters',
      ),
    ).toBeInTheDocument();

    fireEvent.click(send);
    await waitFor(() =>
      expect(api.createFeedback).toHaveBeenLastCalledWith({
        entityRef: 'mlmodel:default/churn',
        category: 'wrong-prediction',
        text: 'Scored a loyal customer as churning',
      }),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({ severity: 'success' }),
      ),
    );
  });
});
