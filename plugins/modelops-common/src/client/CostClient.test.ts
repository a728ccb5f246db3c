import { ResponseError } from '@backstage/errors';
import { CostClient } from './CostClient';

function setup(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = CostClient.create({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

describe('CostClient', () => {
  it('reads the views with their query parameters', async () => {
    const { client, fetch } = setup(200, { models: [] });
    await client.getEntityCost('mlmodel:default/eta-predictor', 6);
    await client.getModelCosts({ team: 'group:default/risk-ml' });
    await client.getIdleModels();
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://backstage.test/api/modelops/cost/entity?entityRef=mlmodel%3Adefault%2Feta-predictor&months=6',
      'http://backstage.test/api/modelops/cost/models?team=group%3Adefault%2Frisk-ml',
      'http://backstage.test/api/modelops/cost/idle',
    ]);
  });

  it('posts CSV exports as JSON and surfaces 403s as ResponseError', async () => {
    const { client, fetch } = setup(403, {
      error: {
        name: 'NotAllowedError',
        message: 'Not allowed: modelops.cost.ingest',
      },
      response: { statusCode: 403 },
    });
    await expect(client.importCsv('date,cost,tags\n')).rejects.toBeInstanceOf(
      ResponseError,
    );
    expect(fetch.mock.calls[0][1]).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ csv: 'date,cost,tags\n' }),
    });
  });

  it('uploads billing files as they are and follows their imports', async () => {
    const { client, fetch } = setup(201, { id: 'a1', status: 'succeeded' });
    const file = new Blob(['ChargePeriodStart,BilledCost\n']);
    await client.startCostImport(file, {
      dryRun: false,
      source: 'aws-payer',
      fileName: 'cur 2026-10.csv.gz',
      confirms: 'b2',
    });
    await client.getCostImport('a1');
    await client.getCostImportSources();
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://backstage.test/api/modelops/cost/imports?dryRun=false&source=aws-payer&fileName=cur+2026-10.csv.gz&confirms=b2',
      'http://backstage.test/api/modelops/cost/imports/a1',
      'http://backstage.test/api/modelops/cost/import-sources',
    ]);
    expect(fetch.mock.calls[0][1]).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: file,
    });
  });
});
