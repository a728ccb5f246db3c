import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  MLModelEntity,
  modelCardToHuggingFaceReadme,
  validateModelOpsEntity,
} from '@modelops/plugin-modelops-common';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  HUB,
  openaiPage1,
  openaiPage2,
  tidewellModels,
  whisperReadme,
} from './__fixtures__/hubModels';
import {
  appliedEntities as appliedEntitiesOf,
  failedRefreshError,
  setupRegistryProvider,
} from '../registries/__testUtils__/setupRegistryProvider';
import { HuggingFaceEntityProvider } from './HuggingFaceEntityProvider';
import { nextLink } from './HuggingFaceHubClient';

const MODELS = `${HUB}/api/models`;
const PAGE2 = `${MODELS}?author=openai&full=true&cardData=true&limit=100&cursor=eyJfaWQiOiI2MyJ9`;

// The card ModelOps exported for the scorer and its owners uploaded.
const scorer: MLModelEntity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name: 'credit-risk-scorer',
    title: 'Credit risk scorer',
    tags: ['credit'],
  },
  spec: {
    type: 'classification',
    lifecycle: 'production',
    owner: 'group:default/risk-ml',
    framework: 'xgboost',
    format: 'other',
    license: 'proprietary',
    version: '6',
    registry: { type: 'huggingface', name: 'tidewell/credit-risk-scorer' },
    evaluatedOn: ['dataset:default/loan-applications-holdout'],
    risk: { tier: 'high' },
  },
};

const server = setupServer();
registerMswTestHooks(server);

function setup(
  extraConfig: Record<string, unknown> = {},
  options: { requestTimeoutMs?: number } = {},
) {
  return setupRegistryProvider(
    HuggingFaceEntityProvider.fromConfig,
    {
      huggingface: {
        hub: {
          token: 'hf_test_token',
          authors: ['openai', 'tidewell'],
          defaults: { owner: 'group:default/ml-platform' },
          ...extraConfig,
        },
      },
    },
    options,
  );
}

const appliedEntities = (
  connection: jest.Mocked<EntityProviderConnection>,
): MLModelEntity[] =>
  appliedEntitiesOf(connection, 'HuggingFaceEntityProvider:hub');

/** The Hub: two pages of openai models, one of tidewell, and their READMEs. */
function hub(
  overrides: {
    page2?: () => Response | Promise<Response>;
    readme?: (id: string) => Response | undefined;
  } = {},
) {
  const seen: string[] = [];
  server.use(
    http.get(MODELS, ({ request }) => {
      seen.push(request.url);
      expect(request.headers.get('authorization')).toBe('Bearer hf_test_token');
      const url = new URL(request.url);
      if (url.searchParams.get('author') === 'tidewell') {
        return HttpResponse.json(tidewellModels);
      }
      if (url.searchParams.get('cursor')) {
        return overrides.page2?.() ?? HttpResponse.json(openaiPage2);
      }
      return HttpResponse.json(openaiPage1, {
        headers: { Link: `<${PAGE2}>; rel="next"` },
      });
    }),
    http.get(`${HUB}/:owner/:name/raw/:revision/README.md`, ({ params }) => {
      const id = `${params.owner}/${params.name}`;
      seen.push(`README ${id}@${params.revision}`);
      const custom = overrides.readme?.(id);
      if (custom) return custom;
      if (id === 'openai/whisper-large')
        return HttpResponse.text(whisperReadme);
      if (id === 'openai/whisper-gated-preview') {
        return HttpResponse.text('Access to model is restricted.', {
          status: 403,
        });
      }
      if (id === 'tidewell/credit-risk-scorer') {
        return HttpResponse.text(modelCardToHuggingFaceReadme(scorer));
      }
      return HttpResponse.text('Entry not found', { status: 404 });
    }),
  );
  return seen;
}

describe('HuggingFaceEntityProvider', () => {
  it('reads no providers when nothing is configured', () => {
    expect(
      HuggingFaceEntityProvider.fromConfig(new ConfigReader({}), {
        logger: {} as any,
        scheduler: {} as any,
      }),
    ).toEqual([]);
  });

  it.each([
    [
      { authors: [] },
      'catalog.providers.modelops.huggingface.x.authors: expected at least one organisation or user',
    ],
    [
      { authors: ['openai', 'no/slash'] },
      'catalog.providers.modelops.huggingface.x.authors[1]: expected a Hub organisation or user name; got "no/slash"',
    ],
    [
      { authors: ['openai'], baseUrl: 'huggingface.co' },
      'catalog.providers.modelops.huggingface.x.baseUrl: expected an http(s) URL; got "huggingface.co"',
    ],
  ])('refuses config %j, naming the key', (block, message) => {
    expect(() =>
      HuggingFaceEntityProvider.fromConfig(
        new ConfigReader({
          catalog: { providers: { modelops: { huggingface: { x: block } } } },
        }),
        {
          logger: { child: () => ({}) } as any,
          scheduler: { createScheduledTaskRunner: jest.fn() } as any,
        },
      ),
    ).toThrow(message);
  });

  it('schedules its refresh through the scheduler under its own name', async () => {
    const { provider, connection, scheduled, schedules } = setup();
    await provider.connect(connection);
    expect(provider.getProviderName()).toBe('HuggingFaceEntityProvider:hub');
    expect(scheduled.map(t => t.id)).toEqual([
      'HuggingFaceEntityProvider:hub:refresh',
    ]);
    expect(schedules).toEqual([
      {
        frequency: { hours: 1 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 30 },
      },
    ]);
  });

  it('pages through the Link header and maps each model with its card', async () => {
    const seen = hub();
    const { provider, connection, published } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toEqual({
      applied: true,
      entities: 4,
      invalid: 0,
      withNotes: 1,
    });
    expect(seen).toEqual([
      `${MODELS}?author=openai&full=true&cardData=true&limit=100`,
      PAGE2,
      `${MODELS}?author=tidewell&full=true&cardData=true&limit=100`,
      // At the listed revision; the model without a README is not asked.
      'README openai/whisper-large@4ef9b41f0d4fe232daafdb5f76bb1dd8b23e01d7',
      'README openai/whisper-gated-preview@0d5a4fe0a3e3c1b2d9f7e6a5b4c3d2e1f0a9b8c7',
      'README tidewell/credit-risk-scorer@a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    ]);

    const [whisper, gated, scorerEntity, scratch] = appliedEntities(connection);
    expect(whisper).toEqual({
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: {
        name: 'openai--whisper-large',
        title: 'openai/whisper-large',
        tags: ['audio', 'automatic-speech-recognition', 'hf-asr-leaderboard'],
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://huggingface.co/openai/whisper-large',
          'backstage.io/managed-by-origin-location':
            'url:https://huggingface.co/openai/whisper-large',
          'modelops.dev/huggingface-model': 'openai/whisper-large',
          'modelops.dev/import-source': 'HuggingFaceEntityProvider:hub',
          'modelops.dev/huggingface-task': 'automatic-speech-recognition',
          'modelops.dev/huggingface-languages': 'en,zh',
          'modelops.dev/huggingface-revision':
            '4ef9b41f0d4fe232daafdb5f76bb1dd8b23e01d7',
          'modelops.dev/huggingface-last-modified': '2024-02-29T10:57:50.000Z',
          'modelops.dev/huggingface-results': expect.any(String),
        },
        links: [
          {
            url: 'https://huggingface.co/openai/whisper-large',
            title: 'Hugging Face Hub',
            type: 'model-card',
          },
        ],
      },
      spec: {
        license: 'apache-2.0',
        evaluatedOn: [
          'librispeech_asr',
          'mozilla-foundation--common_voice_11_0',
        ],
        metrics: [{ name: 'wer' }],
        limitations:
          'The models may hallucinate texts that are not spoken in the audio.',
        lifecycle: 'experimental',
        owner: 'group:default/ml-platform',
        framework: 'transformers',
        registry: { type: 'huggingface', name: 'openai/whisper-large' },
      },
    });
    expect(
      JSON.parse(
        whisper.metadata.annotations!['modelops.dev/huggingface-results'],
      ),
    ).toEqual([
      {
        modelName: 'whisper-large',
        task: {
          type: 'automatic-speech-recognition',
          name: 'Automatic Speech Recognition',
        },
        dataset: {
          ref: 'librispeech_asr',
          type: 'librispeech_asr',
          name: 'LibriSpeech (clean)',
          config: 'clean',
          split: 'test',
        },
        metrics: [{ type: 'wer', name: 'Test WER', value: 3 }],
      },
      {
        modelName: 'whisper-large',
        task: {
          type: 'automatic-speech-recognition',
          name: 'Automatic Speech Recognition',
        },
        dataset: {
          ref: 'mozilla-foundation--common_voice_11_0',
          type: 'mozilla-foundation/common_voice_11_0',
          name: 'Common Voice 11.0',
          config: 'hi',
          split: 'test',
        },
        metrics: [
          {
            type: 'wer',
            name: 'Test WER',
            value: 54.8,
            uncertainty: 1.2,
            text: '54.8 ± 1.2',
          },
        ],
      },
    ]);
    // Gated: the README is refused, the listed card data is read.
    expect(gated.spec).toEqual({
      license: 'mit',
      trainedOn: ['mozilla-foundation--common_voice_11_0', 'librispeech_asr'],
      lifecycle: 'experimental',
      owner: 'group:default/ml-platform',
      framework: 'transformers',
      registry: { type: 'huggingface', name: 'openai/whisper-gated-preview' },
    });
    // A card exported by ModelOps gives back every field it carried.
    expect(scorerEntity.metadata.name).toBe('tidewell--credit-risk-scorer');
    expect(scorerEntity.metadata.title).toBe('Credit risk scorer');
    expect(scorerEntity.metadata.tags).toEqual(['credit']);
    expect(scorerEntity.spec).toEqual(scorer.spec);
    expect(scratch.spec).toEqual({
      lifecycle: 'experimental',
      owner: 'group:default/ml-platform',
      registry: { type: 'huggingface', name: 'tidewell/scratch-experiment' },
    });
    for (const entity of [whisper, gated, scorerEntity, scratch]) {
      expect(validateModelOpsEntity(entity)).toEqual([]);
    }

    expect(published).toHaveLength(1);
    expect(published[0].source).toBe('HuggingFaceEntityProvider:hub');
    expect(
      published[0].reports.map(r => [r.sourceObject, r.entityRef, r.notes]),
    ).toEqual([
      ['openai/whisper-large', 'mlmodel:default/openai--whisper-large', []],
      [
        'openai/whisper-gated-preview',
        'mlmodel:default/openai--whisper-gated-preview',
        [
          {
            field: 'README.md',
            value: '403',
            reason:
              'the Hub refused the README.md (gated or private model; a token with access reads it); only the listed card data was read',
          },
        ],
      ],
      [
        'tidewell/credit-risk-scorer',
        'mlmodel:default/tidewell--credit-risk-scorer',
        [],
      ],
      [
        'tidewell/scratch-experiment',
        'mlmodel:default/tidewell--scratch-experiment',
        [],
      ],
    ]);
  });

  it('applies a model that cannot be valid, so the catalog shows the error, with its notes', async () => {
    hub();
    const { provider, connection, published } = setup({ defaults: {} });
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toEqual({
      applied: true,
      entities: 4,
      invalid: 3,
      withNotes: 3,
    });
    const entities = appliedEntities(connection);
    // Only the exported card names an owner.
    expect(entities.map(e => e.spec.owner)).toEqual([
      undefined,
      undefined,
      'group:default/risk-ml',
      undefined,
    ]);
    expect(entities[0].metadata.annotations).toHaveProperty(
      ['modelops.dev/import-source'],
      'HuggingFaceEntityProvider:hub',
    );
    const scratch = published[0].reports.find(
      r => r.sourceObject === 'tidewell/scratch-experiment',
    );
    expect(scratch.notes).toEqual([
      {
        field: 'modelops.spec.owner',
        reason:
          'no owner: the card has no modelops block naming one and no defaults.owner is configured, so spec.owner is missing and the catalog shows a processing error',
      },
    ]);
  });

  it('reports a card key edited on the Hub after export', async () => {
    hub({
      readme: id =>
        id === 'tidewell/credit-risk-scorer'
          ? HttpResponse.text(
              modelCardToHuggingFaceReadme(scorer).replace(
                'license: other\nlicense_name: proprietary\n',
                'license: apache-2.0\n',
              ),
            )
          : undefined,
    });
    const { provider, connection, published } = setup();
    await provider.connect(connection);
    await provider.refresh();
    const entity = appliedEntities(connection)[2];
    expect(entity.spec.license).toBe('proprietary');
    const report = published[0].reports[2];
    expect(report.notes.map((n: any) => n.field)).toEqual([
      'license',
      'license_name',
    ]);
  });

  it('shortens an id the catalog cannot take as a name and says so', async () => {
    const id = `tidewell/${'x'.repeat(70)}`;
    server.use(http.get(MODELS, () => HttpResponse.json([{ id, tags: [] }])));
    const { provider, connection, published } = setup({
      authors: ['tidewell'],
      readme: false,
    });
    await provider.connect(connection);
    await provider.refresh();
    const [entity] = appliedEntities(connection);
    expect(entity.metadata.name).toMatch(/^tidewell--x{44}-[0-9a-f]{8}$/);
    expect(published[0].reports[0].notes).toEqual([
      {
        field: 'id',
        value: id,
        reason: expect.stringContaining('is not a valid entity name'),
      },
    ]);
  });

  describe('when the Hub cannot be read it applies no mutation', () => {
    const failures: [string, () => void, string][] = [
      [
        'a refused token (401)',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.json(
                { error: 'Invalid credentials in Authorization header' },
                { status: 401 },
              ),
            ),
          ),
        'answered 401 Unauthorized (check the token',
      ],
      [
        'a rate limit (429)',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.text('Too Many Requests', {
                status: 429,
                headers: { 'Retry-After': '120' },
              }),
            ),
          ),
        'answered 429 Too Many Requests (rate limited; retry after 120 s; the next scheduled run tries again)',
      ],
      [
        'a timeout',
        () =>
          server.use(
            http.get(MODELS, async () => {
              await delay(2_000);
              return HttpResponse.json([]);
            }),
          ),
        'failed:',
      ],
      [
        'HTML instead of JSON',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.html('<html><body>Sign in</body></html>'),
            ),
          ),
        'answered something that is not JSON: <html><body>Sign in</body></html>',
      ],
      [
        'an object instead of the model list',
        () =>
          server.use(http.get(MODELS, () => HttpResponse.json({ models: [] }))),
        'answered JSON of an unexpected shape: body:',
      ],
      [
        'a model without an id',
        () =>
          server.use(
            http.get(MODELS, () => HttpResponse.json([{ sha: 'abc' }])),
          ),
        'answered JSON of an unexpected shape: 0.id:',
      ],
      [
        'the server gone before the second page',
        () => hub({ page2: () => HttpResponse.error() }),
        'failed:',
      ],
      [
        'the server gone in the middle of the second page',
        () =>
          hub({
            page2: () =>
              new HttpResponse(
                new ReadableStream({
                  start(controller) {
                    controller.enqueue(
                      new TextEncoder().encode('[{"id":"openai/whi'),
                    );
                    controller.error(new Error('connection reset'));
                  },
                }),
                { headers: { 'Content-Type': 'application/json' } },
              ),
          }),
        'broke off while answering',
      ],
      [
        'a README that fails with a server error',
        () =>
          hub({
            readme: id =>
              id === 'tidewell/credit-risk-scorer'
                ? HttpResponse.text('upstream error', { status: 502 })
                : undefined,
          }),
        'README.md answered 502',
      ],
      [
        'a next page on another host',
        () =>
          server.use(
            http.get(MODELS, () =>
              HttpResponse.json(openaiPage1, {
                headers: {
                  Link: '<https://evil.example.com/api/models?cursor=1>; rel="next"',
                },
              }),
            ),
          ),
        'pointed its next page to another host (https://evil.example.com)',
      ],
      [
        'a next page that repeats',
        () =>
          server.use(
            http.get(MODELS, ({ request }) =>
              HttpResponse.json(openaiPage1, {
                headers: { Link: `<${request.url}>; rel="next"` },
              }),
            ),
          ),
        'pointed its next page to a page already read',
      ],
    ];

    it.each(failures)('%s', async (_name, arrange, reason) => {
      arrange();
      expect(
        await failedRefreshError(
          setup({}, { requestTimeoutMs: 200 }),
          'the Hugging Face Hub at https://huggingface.co',
        ),
      ).toContain(reason);
    });

    it('after a good run, a failed one changes nothing', async () => {
      hub();
      const { provider, connection, published } = setup();
      await provider.connect(connection);
      await provider.refresh();
      server.use(
        http.get(MODELS, () => HttpResponse.text('', { status: 503 })),
      );
      await expect(provider.refresh()).resolves.toMatchObject({
        applied: false,
      });
      expect(connection.applyMutation).toHaveBeenCalledTimes(1);
      expect(published).toHaveLength(1);
    });
  });
});

describe('nextLink', () => {
  it.each([
    [null, undefined],
    ['<https://hub/a?cursor=1>; rel="next"', 'https://hub/a?cursor=1'],
    ['<https://hub/p>; rel="prev", <https://hub/n>; rel=next', 'https://hub/n'],
    ['<https://hub/n>; title="a, b"; rel="last next"', 'https://hub/n'],
    ['<https://hub/p>; rel="prev"', undefined],
    ['garbage', undefined],
  ])('%j', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });
});
