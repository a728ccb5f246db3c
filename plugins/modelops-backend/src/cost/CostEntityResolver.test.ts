import type { CostEntity } from './CostCatalog';
import { CostEntityResolver, tagValueOf } from './CostEntityResolver';
import type { EntityTagRule } from './CostMapping';
import {
  decodeEntityRef,
  encodeEntityRef,
  MAX_LABEL_VALUE_LENGTH,
} from './entityRefEncoding';

const entities: CostEntity[] = [
  {
    entityRef: 'mlmodel:default/eta-predictor',
    kind: 'mlmodel',
    name: 'eta-predictor',
    costTags: {},
  },
  {
    entityRef: 'mlmodel:payments/fraud.v2',
    kind: 'mlmodel',
    name: 'fraud.v2',
    costTags: {},
  },
  {
    entityRef: 'mlmodel:default/search-ranker',
    kind: 'mlmodel',
    name: 'search-ranker',
    costTags: { team: 'search', app: 'ranker' },
  },
  {
    entityRef: 'dataset:default/search-ranker',
    kind: 'dataset',
    name: 'search-ranker',
    costTags: {},
  },
];

const rules: EntityTagRule[] = [
  { key: 'modelops.dev/entity', match: 'any' },
  { key: 'modelops-entity', match: 'any' },
];

describe('entityRefEncoding', () => {
  it('encodes refs for labels and tags, and decodes them without ambiguity', () => {
    expect(encodeEntityRef('MLModel:default/fraud-detector', 'dotted')).toBe(
      'mlmodel.default.fraud-detector',
    );
    expect(encodeEntityRef('mlmodel:payments/fraud.v2', 'dashed')).toBe(
      'mlmodel--payments--fraud.v2',
    );
    // Names keep their dots and double dashes: the kind and namespace
    // cannot hold them, so the first two separators end those.
    expect(decodeEntityRef('mlmodel.payments.fraud.v2')).toEqual({
      kind: 'mlmodel',
      namespace: 'payments',
      name: 'fraud.v2',
    });
    expect(decodeEntityRef('mlmodel--my-team--a--b')).toEqual({
      kind: 'mlmodel',
      namespace: 'my-team',
      name: 'a--b',
    });
    expect(decodeEntityRef('fraud-detector')).toBeUndefined();
    expect(() => encodeEntityRef('fraud-detector', 'dotted')).toThrow(
      'not a full entity ref',
    );
    // What a Kubernetes label value and a Google Cloud label value hold.
    const encoded = encodeEntityRef('mlmodel:default/fraud-detector', 'dashed');
    expect(encoded.length).toBeLessThanOrEqual(MAX_LABEL_VALUE_LENGTH);
    expect(encoded).toMatch(/^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/);
  });
});

describe('CostEntityResolver', () => {
  const resolver = CostEntityResolver.create({ entities, rules });

  it.each([
    [
      'full ref, any case',
      { 'modelops.dev/entity': 'MLModel:default/eta-predictor' },
    ],
    [
      'ref in the default namespace',
      { 'modelops.dev/entity': 'mlmodel:eta-predictor' },
    ],
    ['dotted ref', { 'modelops.dev/entity': 'mlmodel.default.eta-predictor' }],
    ['dashed ref', { 'modelops-entity': 'mlmodel--default--eta-predictor' }],
    ['bare name', { 'modelops-entity': 'ETA-Predictor' }],
    ['legacy CUR key', { 'user:modelops-entity': 'eta-predictor' }],
    ['CUR 2.0 key', { user_modelops_dev_entity: 'eta-predictor' }],
  ])('resolves a %s', (_, tags) => {
    expect(resolver.resolve(tags)).toEqual({
      entityRef: 'mlmodel:default/eta-predictor',
      tagKey: expect.any(String),
    });
  });

  it('resolves names with dots in other namespaces', () => {
    expect(
      resolver.resolve({ 'modelops.dev/entity': 'mlmodel.payments.fraud.v2' })
        .entityRef,
    ).toBe('mlmodel:payments/fraud.v2');
    expect(resolver.resolve({ 'modelops-entity': 'fraud.v2' }).entityRef).toBe(
      'mlmodel:payments/fraud.v2',
    );
  });

  it('prefers the model when a model and its dataset share a name', () => {
    expect(
      resolver.resolve({ 'modelops.dev/entity': 'search-ranker' }).entityRef,
    ).toBe('mlmodel:default/search-ranker');
  });

  it('lets entities claim resources by spec.cost.tags, all of them', () => {
    expect(
      resolver.resolve({ team: 'search', app: 'ranker', env: 'prod' })
        .entityRef,
    ).toBe('mlmodel:default/search-ranker');
    expect(resolver.resolve({ team: 'search' })).toEqual({});
  });

  it('reports the tag value and the unknown ref of what it cannot map', () => {
    expect(
      resolver.resolve({ 'modelops.dev/entity': 'mlmodel:default/gone-model' }),
    ).toEqual({
      tagKey: 'modelops.dev/entity',
      tagValue: 'mlmodel:default/gone-model',
      unknownRef: 'mlmodel:default/gone-model',
    });
    // A dotted name that is no ref of a cost kind is just a tag value.
    expect(
      resolver.resolve({ 'modelops-entity': 'web.shop.frontend' }),
    ).toEqual({ tagKey: 'modelops-entity', tagValue: 'web.shop.frontend' });
  });

  it('tries the tag keys in order, and honours their match mode', () => {
    const strict = CostEntityResolver.create({
      entities,
      rules: [
        { key: 'owner-model', match: 'ref' },
        { key: 'app', match: 'name' },
      ],
    });
    expect(strict.resolve({ 'owner-model': 'eta-predictor' })).toEqual({
      tagKey: 'owner-model',
      tagValue: 'eta-predictor',
    });
    expect(
      strict.resolve({
        'owner-model': 'mlmodel:default/gone',
        app: 'eta-predictor',
      }),
    ).toEqual({ entityRef: 'mlmodel:default/eta-predictor', tagKey: 'app' });
    expect(
      strict.resolve({ app: 'mlmodel.default.eta-predictor' }).entityRef,
    ).toBeUndefined();
  });

  it('matches tag keys as exports rewrite them', () => {
    const tags = { 'user:Cost Center': 'CC 1', user_team: 'ml' };
    expect(tagValueOf(tags, 'Cost Center')).toBe('CC 1');
    expect(tagValueOf(tags, 'cost-center')).toBe('CC 1');
    expect(tagValueOf(tags, 'team')).toBe('ml');
    expect(tagValueOf(tags, 'env')).toBeUndefined();
  });
});
