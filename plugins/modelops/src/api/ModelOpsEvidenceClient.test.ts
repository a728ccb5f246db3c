import { mockApis } from '@backstage/frontend-test-utils';
import { ModelOpsEvidenceClient } from './ModelOpsEvidenceClient';
import { evaluations, snapshots } from '../__testUtils__/fixtures';

function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(async (_url: string) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
  const client = ModelOpsEvidenceClient.create({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backend.test' }),
    fetchApi: { fetch } as any,
  });
  return { client, fetch };
}

describe('ModelOpsEvidenceClient', () => {
  it('reads evaluations of a model from the evidence route', async () => {
    const { client, fetch } = clientAnswering(200, { items: evaluations });
    await expect(
      client.getEvaluations({ modelRef: 'mlmodel:default/credit-risk-scorer', modelVersion: '4.2.0' }),
    ).resolves.toEqual(evaluations);
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/modelops/evaluations');
    expect(url.searchParams.get('modelRef')).toBe('mlmodel:default/credit-risk-scorer');
    expect(url.searchParams.get('modelVersion')).toBe('4.2.0');
    expect(url.searchParams.get('limit')).toBe('500');
  });

  it('reads monitoring snapshots without a version filter', async () => {
    const { client, fetch } = clientAnswering(200, { items: snapshots });
    await expect(client.getMonitoringSnapshots({ modelRef: 'mlmodel:default/x' })).resolves.toEqual(snapshots);
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/modelops/monitoring-snapshots');
    expect(url.searchParams.has('modelVersion')).toBe(false);
  });

  it('turns an error response into a ResponseError with the server message', async () => {
    const { client } = clientAnswering(400, {
      error: { name: 'InputError', message: 'modelRef: expected a mlmodel entity ref' },
      response: { statusCode: 400 },
    });
    await expect(client.getEvaluations({ modelRef: 'nope' })).rejects.toMatchObject({
      name: 'ResponseError',
      cause: { name: 'InputError', message: 'modelRef: expected a mlmodel entity ref' },
    });
  });
});
