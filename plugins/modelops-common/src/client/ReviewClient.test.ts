import { ReviewClient } from './ReviewClient';

function createClient(answer: { status?: number; body?: unknown } = {}) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(answer.body ?? {}), {
        status: answer.status ?? 200,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = ReviewClient.create({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/modelops' },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

describe('ReviewClient', () => {
  it('posts decisions to the item routes', async () => {
    const { client, fetch } = createClient({
      body: { id: '7', state: 'transfer-pending' },
    });
    await expect(
      client.attest('7', {
        decision: 'transfer',
        transferTo: 'group:default/fraud-ml',
      }),
    ).resolves.toMatchObject({ state: 'transfer-pending' });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/modelops/reviews/items/7/attest',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"decision":"transfer","transferTo":"group:default/fraud-ml"}',
      },
    );
    await client.acceptTransfer('7');
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backend/api/modelops/reviews/items/7/accept-transfer',
    );
  });

  it('unwraps lists, encodes queries and builds the CSV URL', async () => {
    const { client, fetch } = createClient({ body: { items: [{ id: '1' }] } });
    await expect(
      client.attestMany({ itemIds: ['1'], decision: 'keep' }),
    ).resolves.toEqual([{ id: '1' }]);
    await client.getEntityReview('mlmodel:default/credit-scorer');
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backend/api/modelops/reviews/entity?entityRef=mlmodel%3Adefault%2Fcredit-scorer',
    );
    await client.getProgress();
    expect(fetch.mock.calls[2][0]).toBe(
      'http://backend/api/modelops/reviews/progress',
    );
    await expect(client.getPortfolioCsvUrl()).resolves.toBe(
      'http://backend/api/modelops/reviews/portfolio.csv',
    );
  });

  it('throws the backend error message', async () => {
    const { client } = createClient({
      status: 403,
      // The shape of Backstage's error handler.
      body: {
        error: {
          name: 'NotAllowedError',
          message: 'Only members of group:default/risk-ml may decide',
        },
        request: { method: 'POST', url: '/reviews/items/1/attest' },
        response: { statusCode: 403 },
      },
    });
    const error = await client.attest('1', { decision: 'keep' }).catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe(
      'Only members of group:default/risk-ml may decide',
    );
  });
});
