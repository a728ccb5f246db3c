// Answers shaped like the Kubeflow Model Registry REST API v1alpha3
// (api/openapi/model-registry.yaml): lists are BaseResourceList pages
// (items, nextPageToken, pageSize, size), ids and int64 times are strings,
// custom properties are MetadataValue objects told apart by metadataType.

export const registeredModelsPage1 = {
  items: [
    {
      id: '1',
      name: 'credit-risk-scorer',
      description: 'Scores the probability of default.',
      owner: 'maria.lopez',
      state: 'LIVE',
      externalId: 'crs-001',
      createTimeSinceEpoch: '1710412800000',
      lastUpdateTimeSinceEpoch: '1736899200000',
      customProperties: {
        owner: {
          metadataType: 'MetadataStringValue',
          string_value: 'group:default/risk-ml',
        },
        risk_tier: {
          metadataType: 'MetadataStringValue',
          string_value: 'high',
        },
        type: {
          metadataType: 'MetadataStringValue',
          string_value: 'classification',
        },
        team_channel: {
          metadataType: 'MetadataStringValue',
          string_value: '#risk-ml',
        },
        retrain_days: { metadataType: 'MetadataIntValue', int_value: '30' },
        drift_threshold: {
          metadataType: 'MetadataDoubleValue',
          double_value: 0.2,
        },
        regulated: { metadataType: 'MetadataBoolValue', bool_value: true },
        feature_schema: {
          metadataType: 'MetadataStructValue',
          struct_value: 'eyJmZWF0dXJlcyI6IFtdfQ==',
        },
      },
    },
    {
      id: '2',
      name: 'Fraud Detector',
      owner: 'jdoe@example.com',
      state: 'ARCHIVED',
      language: ['en'],
      readme: '# Fraud detector\nFlags card fraud.',
      createTimeSinceEpoch: '1600000000000',
      lastUpdateTimeSinceEpoch: '1650000000000',
      customProperties: {},
    },
  ],
  nextPageToken: 'eyJpZCI6IjIifQ',
  pageSize: 2,
  size: 2,
};

export const registeredModelsPage2 = {
  items: [
    {
      id: '9',
      name: 'embeddings-small',
      owner: 'ml-platform',
      state: 'LIVE',
      libraryName: 'sentence-transformers',
      license: 'apache-2.0',
      customProperties: {
        lifecycle: {
          metadataType: 'MetadataStringValue',
          string_value: 'development',
        },
      },
    },
  ],
  nextPageToken: '',
  pageSize: 2,
  size: 1,
};

export const modelVersions = {
  items: [
    {
      id: '2',
      name: 'v1',
      registeredModelId: '1',
      state: 'ARCHIVED',
      author: 'maria.lopez',
      createTimeSinceEpoch: '1720000000000',
      lastUpdateTimeSinceEpoch: '1730000000000',
      customProperties: {},
    },
    {
      id: '3',
      name: 'v2',
      registeredModelId: '1',
      state: 'LIVE',
      author: 'maria.lopez',
      description: 'Retrained on 2024 applications.',
      createTimeSinceEpoch: '1730000000000',
      lastUpdateTimeSinceEpoch: '1736899200000',
      customProperties: {
        validated: { metadataType: 'MetadataBoolValue', bool_value: true },
      },
    },
    {
      id: '10',
      name: '1.0.0',
      registeredModelId: '9',
      state: 'LIVE',
      createTimeSinceEpoch: '1740787200000',
    },
  ],
  nextPageToken: '',
  pageSize: 100,
  size: 3,
};

/** GET model_versions/{id}/artifacts?artifactType=model-artifact, by version id. */
export const modelArtifacts: Record<string, object> = {
  '3': {
    items: [
      {
        artifactType: 'model-artifact',
        id: '5',
        name: 'credit-risk-scorer-v2',
        uri: 's3://models/credit-risk-scorer/v2/model.onnx',
        modelFormatName: 'onnx',
        modelFormatVersion: '1',
        storageKey: 'aws-connection-models',
        storagePath: 'credit-risk-scorer/v2',
        state: 'LIVE',
        createTimeSinceEpoch: '1730000000000',
      },
    ],
    nextPageToken: '',
    pageSize: 100,
    size: 1,
  },
};

export const inferenceServices = {
  items: [
    {
      id: '7',
      name: 'credit-risk-scorer/6e7f2a1c-6b2d-4f4e-9a51-2f3c0d1e9b70',
      registeredModelId: '1',
      modelVersionId: '3',
      servingEnvironmentId: '4',
      runtime: 'kserve-ovms',
      desiredState: 'DEPLOYED',
    },
    {
      id: '8',
      name: 'churn/91b0',
      registeredModelId: '77',
      servingEnvironmentId: '4',
      desiredState: 'UNDEPLOYED',
    },
  ],
  nextPageToken: '',
  pageSize: 100,
  size: 2,
};

export const servingEnvironments = {
  items: [{ id: '4', name: 'risk', createTimeSinceEpoch: '1700000000000' }],
  nextPageToken: '',
  pageSize: 100,
  size: 1,
};
