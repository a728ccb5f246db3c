import { ResponseError } from '@backstage/errors';
import { ModelOpsClient } from './ModelOpsClient';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(response: Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => response);
  const client = ModelOpsClient.create({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

const report = {
  id: '1',
  modelRef: 'mlmodel:default/churn',
  modelVersion: '3',
  evaluatedAt: '2026-11-01T00:00:00.000Z',
  metrics: [{ name: 'auc', value: 0.9 }],
  createdAt: '2026-11-02T00:00:00.000Z',
};

describe('ModelOpsClient', () => {
  it('lists evaluations with the query, leaving out undefined values', async () => {
    const { client, fetch } = setup(jsonResponse(200, { items: [report] }));
    const items = await client.getEvaluations({
      modelRef: 'mlmodel:default/churn',
      modelVersion: undefined,
      limit: 10,
    });
    expect(items).toEqual([report]);
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage.test/api/modelops/evaluations?modelRef=mlmodel%3Adefault%2Fchurn&limit=10',
      { method: 'GET', headers: undefined, body: undefined },
    );
  });

  it('lists monitoring snapshots since a time', async () => {
    const { client, fetch } = setup(jsonResponse(200, { items: [] }));
    expect(
      await client.getMonitoringSnapshots({
        modelRef: 'mlmodel:default/churn',
        since: '2026-11-01T00:00:00Z',
      }),
    ).toEqual([]);
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage.test/api/modelops/monitoring-snapshots?modelRef=mlmodel%3Adefault%2Fchurn&since=2026-11-01T00%3A00%3A00Z',
    );
  });

  it('posts an evaluation as JSON', async () => {
    const { client, fetch } = setup(jsonResponse(201, report));
    const input = {
      modelRef: 'mlmodel:default/churn',
      modelVersion: '3',
      evaluatedAt: '2026-11-01T00:00:00Z',
      metrics: [{ name: 'auc', value: 0.9 }],
    };
    expect(await client.postEvaluation(input)).toEqual(report);
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage.test/api/modelops/evaluations',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      },
    );
  });

  it('throws a ResponseError carrying the backend message', async () => {
    const { client } = setup(
      jsonResponse(400, {
        error: {
          name: 'InputError',
          message: 'Invalid body: modelVersion: required',
        },
        response: { statusCode: 400 },
      }),
    );
    const error = await client
      .postMonitoringSnapshot({} as any)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).statusCode).toBe(400);
    expect((error as ResponseError).body.error.message).toBe(
      'Invalid body: modelVersion: required',
    );
  });
});
