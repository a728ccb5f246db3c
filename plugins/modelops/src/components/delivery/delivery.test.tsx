import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type {
  DeliveryApi,
  DeliveryMetrics,
} from '@modelops/plugin-modelops-common';
import { deliveryApiRef } from '../../api/deliveryApiRef';
import { formatDuration } from './DeliveryMetricsView';
import { EntityDeliveryMetricsCard } from './EntityDeliveryMetricsCard';
import { TeamDeliveryMetrics } from './TeamDeliveryMetrics';

const model: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn', namespace: 'default' },
  spec: { owner: 'group:default/growth-ml', lifecycle: 'production' },
};

const metrics: DeliveryMetrics = {
  scope: { entityRef: 'mlmodel:default/churn' },
  entityRefs: ['mlmodel:default/churn'],
  from: '2026-10-30T00:00:00.000Z',
  to: '2026-11-27T00:00:00.000Z',
  days: 28,
  deployments: 4,
  failedDeployments: 1,
  deploymentsPerWeek: 1,
  changeFailureRate: 0.25,
  incidentsResolved: 2,
  incidentsOpen: 1,
  meanTimeToRecoverHours: 7,
  weeks: [
    {
      weekStart: '2026-10-26',
      deployments: 0,
      failedDeployments: 0,
      incidentsResolved: 1,
      meanTimeToRecoverHours: 10,
    },
    {
      weekStart: '2026-11-02',
      deployments: 2,
      failedDeployments: 1,
      incidentsResolved: 1,
      meanTimeToRecoverHours: 4,
    },
  ],
};

function renderWith(api: DeliveryApi, element: JSX.Element) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>{element}</TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityDeliveryMetricsCard', () => {
  it('shows frequency, failure rate and time to recover with the weekly chart', async () => {
    const api = {
      getDeliveryMetrics: jest.fn().mockResolvedValue(metrics),
      postDeliveryEvent: jest.fn(),
      getIncidents: jest.fn(),
      assessIncident: jest.fn(),
    };
    renderWith(
      api,
      <EntityProvider entity={model}>
        <EntityDeliveryMetricsCard />
      </EntityProvider>,
    );
    expect(await screen.findByText('1 / week')).toBeInTheDocument();
    expect(screen.getByText('25%')).toBeInTheDocument();
    expect(screen.getByText('7 h')).toBeInTheDocument();
    expect(
      screen.getByText('2 incidents resolved, 1 open'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('figure', {
        name: 'Deployments and time to recover per week',
      }),
    ).toHaveTextContent(
      '4 deployments (1 failed) and 2 recovered incidents over 2 weeks; weeks without a recovered incident have no time to recover.',
    );
    expect(api.getDeliveryMetrics).toHaveBeenCalledWith({
      entityRef: 'mlmodel:default/churn',
      days: 90,
    });

    fireEvent.mouseDown(screen.getByLabelText('Window'));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Last 30 days'),
    );
    await waitFor(() =>
      expect(api.getDeliveryMetrics).toHaveBeenLastCalledWith({
        entityRef: 'mlmodel:default/churn',
        days: 30,
      }),
    );
  });

  it('explains how events arrive when there are none', async () => {
    const empty: DeliveryMetrics = {
      ...metrics,
      deployments: 0,
      failedDeployments: 0,
      deploymentsPerWeek: 0,
      changeFailureRate: undefined,
      incidentsResolved: 0,
      incidentsOpen: 0,
      meanTimeToRecoverHours: undefined,
      weeks: [],
    };
    renderWith(
      {
        getDeliveryMetrics: jest.fn().mockResolvedValue(empty),
        postDeliveryEvent: jest.fn(),
        getIncidents: jest.fn(),
        assessIncident: jest.fn(),
      },
      <EntityProvider entity={model}>
        <EntityDeliveryMetricsCard />
      </EntityProvider>,
    );
    expect(
      await screen.findByText(
        /No deployments or incidents recorded in the last 28 days/,
      ),
    ).toBeInTheDocument();
  });
});

describe('TeamDeliveryMetrics', () => {
  it('measures the models of a team and says when it owns none', async () => {
    const api = {
      getDeliveryMetrics: jest
        .fn()
        .mockResolvedValueOnce({
          ...metrics,
          scope: { team: 'group:default/growth-ml' },
        })
        .mockResolvedValueOnce({ ...metrics, entityRefs: [] }),
      postDeliveryEvent: jest.fn(),
      getIncidents: jest.fn(),
      assessIncident: jest.fn(),
    };
    const { unmount } = await renderWith(
      api,
      <TeamDeliveryMetrics team="group:default/growth-ml" />,
    );
    // The first render loads the chart bundle too; on a loaded two-core
    // machine that once outlasted the suite's 4 s wait. This bounds a hang.
    expect(
      await screen.findByRole('link', { name: 'churn' }),
    ).toBeInTheDocument();
    expect(api.getDeliveryMetrics).toHaveBeenCalledWith({
      team: 'group:default/growth-ml',
      days: 90,
    });
    unmount();
    await renderWith(api, <TeamDeliveryMetrics team="group:default/empty" />);
    expect(
      await screen.findByText('This team owns no models in the catalog.'),
    ).toBeInTheDocument();
  });
});

describe('formatDuration', () => {
  it('picks minutes, hours or days', () => {
    expect(formatDuration(undefined)).toBe('n/a');
    expect(formatDuration(0.5)).toBe('30 min');
    expect(formatDuration(7.25)).toBe('7.3 h');
    expect(formatDuration(72)).toBe('3 d');
  });
});
