// Answers shaped like MLflow 3.x REST: protobuf JSON with int64 timestamps
// as strings, aliases instead of stages (current_stage "None"), no
// latest_versions, model versions carrying model_id and aliases.

export const mlflow3RegisteredModels = {
  registered_models: [
    {
      name: 'support-reply-generator',
      creation_timestamp: '1740787200000',
      last_updated_timestamp: '1743465600000',
      description: 'Drafts replies to support tickets.',
      tags: [
        { key: 'owner', value: 'group:default/support-ml' },
        { key: 'type', value: 'generative' },
        { key: 'risk_tier', value: 'limited' },
        { key: 'format', value: 'safetensors' },
      ],
      aliases: [{ alias: 'challenger', version: '12' }],
    },
    {
      name: 'embeddings-small',
      creation_timestamp: '1740787200000',
      last_updated_timestamp: '1740787200000',
      tags: [{ key: 'lifecycle', value: 'development' }],
    },
  ],
  next_page_token: '',
};

export const mlflow3ModelVersions = {
  model_versions: [
    {
      name: 'support-reply-generator',
      version: '12',
      creation_timestamp: '1743465600000',
      last_updated_timestamp: '1743465600000',
      current_stage: 'None',
      status: 'READY',
      user_id: 'li.wei@example.com',
      run_id: '9d2e41c07b5a4e0f',
      source: 'models:/m-5b1c0e',
      description: 'Fine-tuned on the March ticket export.',
      model_id: 'm-5b1c0e',
      aliases: ['challenger'],
      tags: [
        { key: 'framework', value: 'transformers' },
        { key: 'validation_status', value: 'approved' },
      ],
    },
    {
      name: 'support-reply-generator',
      version: '11',
      creation_timestamp: '1741000000000',
      current_stage: 'None',
      status: 'READY',
      run_id: '51aa90e3c2d14b77',
      source: 'models:/m-77aa01',
      model_id: 'm-77aa01',
      aliases: [],
    },
    {
      name: 'embeddings-small',
      version: '1',
      creation_timestamp: '1740787200000',
      current_stage: 'None',
      status: 'READY',
    },
  ],
};

// POST experiments/search: one page per call in MLflow 3 protobuf JSON.
export const mlflow3Experiments = {
  experiments: [
    { experiment_id: '0', name: 'Default', lifecycle_stage: 'active' },
    {
      experiment_id: '412',
      name: 'support-replies',
      lifecycle_stage: 'active',
    },
  ],
};

// POST logged-models/search (LoggedModel = info + data), two pages.
export const mlflow3LoggedModelsPage1 = {
  models: [
    {
      info: {
        model_id: 'm-5b1c0e',
        experiment_id: '412',
        name: 'reply-generator',
        creation_timestamp_ms: '1743400000000',
        last_updated_timestamp_ms: '1743465600000',
        artifact_uri: 's3://mlflow/412/models/m-5b1c0e/artifacts',
        status: 'LOGGED_MODEL_READY',
        model_type: 'LLM',
        source_run_id: '9d2e41c07b5a4e0f',
        tags: [{ key: 'mlflow.user', value: 'li.wei@example.com' }],
        registrations: [{ name: 'support-reply-generator', version: '12' }],
      },
      data: {
        params: [{ key: 'learning_rate', value: '2e-5' }],
        metrics: [
          {
            key: 'rougeL',
            value: 0.412,
            timestamp: '1743465000000',
            step: '0',
            dataset_name: 'tickets-holdout',
            dataset_digest: '7f3a',
            model_id: 'm-5b1c0e',
            run_id: '9d2e41c07b5a4e0f',
          },
        ],
      },
    },
  ],
  next_page_token: 'eyJvZmZzZXQiOiAxfQ',
};

export const mlflow3LoggedModelsPage2 = {
  models: [
    {
      info: {
        model_id: 'm-0c9f33',
        experiment_id: '412',
        name: 'unregistered-try',
        creation_timestamp_ms: '1743000000000',
        status: 'LOGGED_MODEL_UPLOAD_FAILED',
      },
    },
  ],
};
