import { ResponseError } from '@backstage/errors';
import { ChangeClient } from './ChangeClient';
import type { ModelOpsClientOptions } from './createModelOpsFetcher';
import { DecisionClient } from './DecisionClient';
import { DeliveryClient } from './DeliveryClient';
import { FeedbackClient } from './FeedbackClient';

const BASE = 'http://backstage.test/api/modelops';

// Answers every request with the given status and body, recording calls.
function fakeApis(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const options: ModelOpsClientOptions = {
    discoveryApi: { getBaseUrl: async id => `http://backstage.test/api/${id}` },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  };
  const call = (i = 0) => ({
    url: fetch.mock.calls[i][0],
    method: fetch.mock.calls[i][1]?.method,
    body: fetch.mock.calls[i][1]?.body
      ? JSON.parse(String(fetch.mock.calls[i][1]!.body))
      : undefined,
  });
  return { options, call };
}

describe('FeedbackClient', () => {
  it('lists, reports and changes state on the feedback routes', async () => {
    const { options, call } = fakeApis(200, { items: [{ id: '1' }] });
    const client = FeedbackClient.create(options);
    expect(
      await client.listFeedback({
        entityRef: 'mlmodel:default/churn',
        state: 'open',
      }),
    ).toEqual([{ id: '1' }]);
    expect(call(0)).toEqual({
      url: `${BASE}/feedback?entityRef=mlmodel%3Adefault%2Fchurn&state=open`,
      method: 'GET',
      body: undefined,
    });
    await client.createFeedback({
      entityRef: 'mlmodel:default/churn',
      category: 'outage',
      text: 'down',
    });
    expect(call(1)).toMatchObject({ url: `${BASE}/feedback`, method: 'POST' });
    await client.setFeedbackState('a/b', { state: 'resolved' });
    expect(call(2)).toEqual({
      url: `${BASE}/feedback/a%2Fb/state`,
      method: 'POST',
      body: { state: 'resolved' },
    });
  });
});

describe('ChangeClient', () => {
  it('decides on the approve and reject routes and reads recent changes', async () => {
    const { options, call } = fakeApis(200, {
      items: [],
      reviewGroup: 'group:default/board',
    });
    const client = ChangeClient.create(options);
    await client.decideChange('12', 'reject', { comment: 'no evidence' });
    expect(call(0)).toEqual({
      url: `${BASE}/changes/12/reject`,
      method: 'POST',
      body: { comment: 'no evidence' },
    });
    await client.listRecentChanges(5);
    expect(call(1).url).toBe(`${BASE}/changes/recent?limit=5`);
    await client.listChanges({ entityRef: 'mlmodel:default/churn' });
    expect(call(2).url).toBe(
      `${BASE}/changes?entityRef=mlmodel%3Adefault%2Fchurn`,
    );
  });

  it('throws the backend refusal as a ResponseError', async () => {
    // The shape Backstage's error handler answers with.
    const { options } = fakeApis(403, {
      error: {
        name: 'NotAllowedError',
        message:
          'You requested change 12; another member of group:default/board must approve it',
      },
      request: { method: 'POST', url: '/api/modelops/changes/12/approve' },
      response: { statusCode: 403 },
    });
    const error = await ChangeClient.create(options)
      .decideChange('12', 'approve')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe(
      'You requested change 12; another member of group:default/board must approve it',
    );
  });
});

describe('DeliveryClient', () => {
  it('reads team metrics and posts events', async () => {
    const { options, call } = fakeApis(200, { deployments: 3 });
    const client = DeliveryClient.create(options);
    expect(
      await client.getDeliveryMetrics({
        team: 'group:default/risk-ml',
        days: 30,
      }),
    ).toEqual({ deployments: 3 });
    expect(call(0).url).toBe(
      `${BASE}/delivery/metrics?team=group%3Adefault%2Frisk-ml&days=30`,
    );
    await client.postDeliveryEvent({
      entityRef: 'mlmodel:default/churn',
      type: 'deployment',
      at: '2026-11-03T10:00:00Z',
    });
    expect(call(1)).toEqual({
      url: `${BASE}/delivery/events`,
      method: 'POST',
      body: {
        entityRef: 'mlmodel:default/churn',
        type: 'deployment',
        at: '2026-11-03T10:00:00Z',
      },
    });
  });
});

describe('DecisionClient', () => {
  it('pages the decision history and builds the URL of its CSV export', async () => {
    const page = { items: [], total: 0, limit: 10, offset: 20 };
    const { options, call } = fakeApis(200, page);
    const client = DecisionClient.create(options);
    expect(
      await client.listDecisions({
        team: 'group:default/ml',
        limit: 10,
        offset: 20,
      }),
    ).toEqual(page);
    expect(call(0)).toEqual({
      url: `${BASE}/decisions?team=group%3Adefault%2Fml&limit=10&offset=20`,
      method: 'GET',
      body: undefined,
    });
    expect(
      await client.getDecisionsCsvUrl({ entityRef: 'mlmodel:default/churn' }),
    ).toBe(`${BASE}/decisions.csv?entityRef=mlmodel%3Adefault%2Fchurn`);
  });
});
