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
      model_id: 'm-5b1c0e',
      aliases: ['challenger'],
      tags: [{ key: 'framework', value: 'transformers' }],
    },
    {
      name: 'support-reply-generator',
      version: '11',
      creation_timestamp: '1741000000000',
      current_stage: 'None',
      status: 'READY',
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
