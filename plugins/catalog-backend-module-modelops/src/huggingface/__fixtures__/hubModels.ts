// Answers shaped like the Hugging Face Hub API
// (https://huggingface.co/docs/hub/api, GET /api/models with full=true and
// cardData=true): a JSON array of model objects per page, the next page in
// a `Link: <...>; rel="next"` header with a cursor.

export const HUB = 'https://huggingface.co';

export const openaiPage1 = [
  {
    _id: '63314bb6acb6472115aa55a9',
    id: 'openai/whisper-large',
    private: false,
    pipeline_tag: 'automatic-speech-recognition',
    library_name: 'transformers',
    tags: [
      'transformers',
      'pytorch',
      'tf',
      'jax',
      'safetensors',
      'whisper',
      'automatic-speech-recognition',
      'audio',
      'hf-asr-leaderboard',
      'en',
      'zh',
      'arxiv:2212.04356',
      'license:apache-2.0',
      'model-index',
      'endpoints_compatible',
      'region:us',
    ],
    downloads: 104558,
    likes: 520,
    modelId: 'openai/whisper-large',
    author: 'openai',
    sha: '4ef9b41f0d4fe232daafdb5f76bb1dd8b23e01d7',
    lastModified: '2024-02-29T10:57:50.000Z',
    createdAt: '2022-09-26T06:50:30.000Z',
    gated: false,
    disabled: false,
    cardData: {
      language: ['en', 'zh'],
      tags: ['audio', 'automatic-speech-recognition', 'hf-asr-leaderboard'],
      license: 'apache-2.0',
      pipeline_tag: 'automatic-speech-recognition',
    },
    siblings: [
      { rfilename: '.gitattributes' },
      { rfilename: 'README.md' },
      { rfilename: 'config.json' },
      { rfilename: 'model.safetensors' },
    ],
  },
];

export const whisperReadme = `---
language:
  - en
  - zh
tags:
  - audio
  - automatic-speech-recognition
  - hf-asr-leaderboard
widget:
  - example_title: Librispeech sample 1
    src: https://cdn-media.huggingface.co/speech_samples/sample1.flac
model-index:
  - name: whisper-large
    results:
      - task:
          name: Automatic Speech Recognition
          type: automatic-speech-recognition
        dataset:
          name: LibriSpeech (clean)
          type: librispeech_asr
          config: clean
          split: test
        metrics:
          - name: Test WER
            type: wer
            value: 3.0
      - task:
          name: Automatic Speech Recognition
          type: automatic-speech-recognition
        dataset:
          name: Common Voice 11.0
          type: mozilla-foundation/common_voice_11_0
          config: hi
          split: test
        metrics:
          - name: Test WER
            type: wer
            value: 54.8 ± 1.2
pipeline_tag: automatic-speech-recognition
license: apache-2.0
---

# Whisper

## Evaluated Use

The primary intended users of these models are AI researchers.

## Limitations

The models may hallucinate texts that are not spoken in the audio.
`;

export const openaiPage2 = [
  {
    _id: '65f1b1a0f0b7c0a0a1b2c3d4',
    id: 'openai/whisper-gated-preview',
    private: false,
    pipeline_tag: 'automatic-speech-recognition',
    library_name: 'transformers',
    tags: ['transformers', 'whisper', 'license:mit'],
    sha: '0d5a4fe0a3e3c1b2d9f7e6a5b4c3d2e1f0a9b8c7',
    lastModified: '2025-06-01T08:00:00.000Z',
    gated: 'manual',
    cardData: {
      license: 'mit',
      datasets: ['mozilla-foundation/common_voice_11_0', 'librispeech_asr'],
      extra_gated_prompt: 'Agree to the terms to access the model.',
    },
    siblings: [{ rfilename: 'README.md' }, { rfilename: 'model.safetensors' }],
  },
];

export const tidewellModels = [
  {
    _id: '66aa00000000000000000001',
    id: 'tidewell/credit-risk-scorer',
    private: true,
    pipeline_tag: 'tabular-classification',
    library_name: 'xgboost',
    tags: ['xgboost', 'tabular-classification'],
    sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    lastModified: '2026-03-02T09:30:00.000Z',
    cardData: { license: 'other', license_name: 'proprietary' },
    siblings: [{ rfilename: 'README.md' }, { rfilename: 'model.json' }],
  },
  {
    _id: '66aa00000000000000000002',
    id: 'tidewell/scratch-experiment',
    private: true,
    tags: [],
    sha: 'ffffeeeeddddccccbbbbaaaa9999888877776666',
    lastModified: '2026-01-10T12:00:00.000Z',
    siblings: [{ rfilename: '.gitattributes' }],
  },
];
