import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startTestCatalog } from '../__testUtils__/startTestCatalog';
import { HUB, openaiPage1, whisperReadme } from './__fixtures__/hubModels';

// A real catalog starts, processes and stitches; on a busy machine that
// takes longer than jest's default five seconds.
jest.setTimeout(60_000);

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
    const catalog = await startTestCatalog({
      modelops: {
        huggingface: {
          hub: {
            authors: ['openai'],
            schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
          },
        },
      },
    });
    const byName = (name: string) => catalog.entity('mlmodel', name);
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
      await catalog.stop();
    }
  });
});
