// Answers shaped like MLflow 2.x REST (int64 timestamps as JSON numbers,
// deprecated stages alongside aliases, latest_versions on each model).

export const mlflow2RegisteredModelsPage1 = {
  registered_models: [
    {
      name: 'credit-risk-scorer',
      creation_timestamp: 1710412800000,
      last_updated_timestamp: 1736899200000,
      description: 'Scores the probability of default.',
      latest_versions: [
        {
          name: 'credit-risk-scorer',
          version: '7',
          creation_timestamp: 1736899200000,
          last_updated_timestamp: 1736899200000,
          current_stage: 'Archived',
          source: 'runs:/4f1c/model',
          run_id: '4f1c',
          status: 'READY',
        },
      ],
      tags: [
        { key: 'owner', value: 'group:default/risk-ml' },
        { key: 'risk_tier', value: 'high' },
        { key: 'type', value: 'classification' },
        { key: 'system', value: 'lending-platform' },
        { key: 'framework', value: 'xgboost' },
        { key: 'business_owner', value: 'user:default/maria.lopez' },
      ],
      aliases: [{ alias: 'champion', version: '6' }],
    },
  ],
  next_page_token: 'eyJvZmZzZXQiOiAxfQ==',
};

export const mlflow2RegisteredModelsPage2 = {
  registered_models: [
    {
      name: 'Churn.Predictor',
      creation_timestamp: 1700000000000,
      last_updated_timestamp: 1700000000000,
      tags: [{ key: 'description', value: 'Monthly churn propensity.' }],
    },
    {
      name: 'fraud-detector-v1',
      creation_timestamp: 1600000000000,
      last_updated_timestamp: 1650000000000,
      tags: [{ key: 'owner', value: 'fraud-ml' }],
    },
  ],
};

export const mlflow2ModelVersions = {
  model_versions: [
    {
      name: 'credit-risk-scorer',
      version: '6',
      creation_timestamp: 1730000000000,
      current_stage: 'Production',
      status: 'READY',
      tags: [{ key: 'license', value: 'proprietary' }],
    },
    {
      name: 'credit-risk-scorer',
      version: '7',
      creation_timestamp: 1736899200000,
      current_stage: 'Archived',
      status: 'READY',
    },
    {
      name: 'Churn.Predictor',
      version: '3',
      creation_timestamp: 1700000000000,
      current_stage: 'Staging',
      status: 'READY',
    },
    {
      name: 'Churn.Predictor',
      version: '2',
      creation_timestamp: 1690000000000,
      current_stage: 'Production',
      status: 'READY',
    },
    {
      name: 'fraud-detector-v1',
      version: '1',
      creation_timestamp: 1600000000000,
      current_stage: 'Archived',
      status: 'READY',
    },
  ],
};
