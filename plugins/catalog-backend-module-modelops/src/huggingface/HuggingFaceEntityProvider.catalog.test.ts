import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { catalogModuleModelops } from '../module';
import { HUB, openaiPage1, whisperReadme } from './__fixtures__/hubModels';

// A real catalog starts, processes and stitches; on a busy machine that
// takes longer than jest's default five seconds.
jest.setTimeout(60_000);

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting for the catalog');
}

describe('the Hugging Face Hub provider inside a real catalog', () => {
  // Only the Hub is mocked; requests to the test backend itself pass through.
  const hub = setupServer(
    http.get(`${HUB}/api/models`, () =>
      HttpResponse.json([
        ...openaiPage1,
        { id: 'openai/no-card', sha: 'abc', siblings: [] },
      ]),
    ),
    http.get(`${HUB}/openai/whisper-large/raw/:revision/README.md`, () =>
      HttpResponse.text(whisperReadme),
    ),
  );
  beforeAll(() => hub.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => hub.close());

  it('delivers valid models with their annotations, and an owner-less one with a processing error', async () => {
    const backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleModelops,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { milliseconds: 100 },
              stitchingStrategy: { mode: 'immediate' },
              providers: {
                modelops: {
                  huggingface: {
                    hub: {
                      authors: ['openai'],
                      schedule: {
                        frequency: { minutes: 30 },
                        timeout: { minutes: 1 },
                      },
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    const byName = (name: string) =>
      waitFor(async () => {
        const res = await request(backend.server).get(
          `/api/catalog/entities/by-name/mlmodel/default/${name}`,
        );
        return res.status === 200 ? res.body : undefined;
      });
    try {
      const whisper = await byName('openai--whisper-large');
      expect(whisper.metadata.annotations).toMatchObject({
        'modelops.dev/huggingface-model': 'openai/whisper-large',
        'modelops.dev/huggingface-task': 'automatic-speech-recognition',
        'modelops.dev/import-source': 'HuggingFaceEntityProvider:hub',
      });
      expect(whisper.relations).toEqual(
        expect.arrayContaining([
          {
            type: 'evaluatedOn',
            targetRef: 'dataset:default/librispeech_asr',
          },
        ]),
      );
      // Without defaults.owner nothing names an owner: the models are in the
      // catalog, each with the error naming spec.owner.
      const noCard = await byName('openai--no-card');
      expect(noCard.status.items).toEqual([
        expect.objectContaining({
          type: 'backstage.io/catalog-processing',
          level: 'error',
          error: expect.objectContaining({
            message: expect.stringContaining(
              'spec.owner: required, expected a string; got nothing',
            ),
          }),
        }),
      ]);
    } finally {
      await backend.stop();
    }
  });
});
