import { ConfigReader } from '@backstage/config';
import { parseCostTags } from '@modelops/plugin-modelops-node';
import type { CostLineItem } from '@modelops/plugin-modelops-node';
import { readCostSettings } from './CostConfig';
import { CostCategorizer, DEFAULT_CATEGORY_RULES } from './CostMapping';

function mapping(config: object) {
  return readCostSettings(
    new ConfigReader({ modelops: { cost: { mapping: config } } }),
  ).mapping;
}

function line(fields: Partial<CostLineItem>): CostLineItem {
  return { start: '2026-10-01', amount: '1', tags: {}, ...fields };
}

describe('parseCostTags', () => {
  it('reads the tag cells of FOCUS, CUR 2.0, Google Cloud, Azure and key=value exports', () => {
    expect(parseCostTags('{"team":"search","env":"prod"}')).toEqual({
      team: 'search',
      env: 'prod',
    });
    expect(
      parseCostTags('[{"key":"modelops-entity","value":"équipe données"}]'),
    ).toEqual({ 'modelops-entity': 'équipe données' });
    expect(parseCostTags('"env": "prod","team": "ml"')).toEqual({
      env: 'prod',
      team: 'ml',
    });
    expect(
      parseCostTags('modelops.dev/entity=mlmodel:default/eta; team = search'),
    ).toEqual({ 'modelops.dev/entity': 'mlmodel:default/eta', team: 'search' });
    expect(parseCostTags('')).toEqual({});
    expect(parseCostTags('{not json')).toEqual({});
  });
});

describe('CostCategorizer', () => {
  const shipped = CostCategorizer.create(mapping({}));

  it.each([
    [
      'SageMaker training',
      { usageType: 'USE1-Train:ml.p3.2xlarge' },
      'training',
    ],
    ['SageMaker hosting', { usageType: 'USE1-Host:ml.m5.large' }, 'inference'],
    [
      'Vertex AI prediction',
      { sku: 'Online Prediction: n1-standard-4' },
      'inference',
    ],
    [
      'Bedrock tokens',
      { usageType: 'USE1-Claude3Haiku-input-tokens' },
      'inference',
    ],
    [
      'S3 transfer',
      {
        service: 'Amazon Simple Storage Service',
        usageType: 'USE1-DataTransfer-Out-Bytes',
      },
      'data',
    ],
    [
      'S3 storage',
      {
        service: 'Amazon Simple Storage Service',
        usageType: 'TimedStorage-ByteHrs',
      },
      'storage',
    ],
    ['BigQuery', { service: 'BigQuery', sku: 'Analysis' }, 'data'],
    ['EC2', { usageType: 'USE1-BoxUsage:m5.large' }, 'other'],
  ])('puts %s in its category', (_, fields, category) => {
    expect(shipped.classify(line(fields), 'other').category).toBe(category);
  });

  it('puts credits in credit, and keeps a category the line states', () => {
    expect(
      shipped.classify(
        line({ credit: true, usageType: 'USE1-Train:x' }),
        'other',
      ).category,
    ).toBe('credit');
    expect(
      shipped.classify(
        line({ category: 'Storage', usageType: 'Train' }),
        'other',
      ).category,
    ).toBe('storage');
    expect(shipped.classify(line({ category: 'gpu' }), 'data').category).toBe(
      'data',
    );
  });

  it('applies configured rules in order, with globs, regexes and tags', () => {
    const configured = CostCategorizer.create(
      mapping({
        categories: [
          { category: 'training', tags: { workload: 'train*' } },
          {
            category: 'inference',
            service: 'Amazon API Gateway',
            chargeType: 'Usage',
          },
          { category: 'storage', usageType: '/^EBS:Volume/' },
        ],
        inferences: [
          { service: 'Amazon API Gateway', unit: ['Requests', 'Count'] },
        ],
      }),
    );
    expect(
      configured.classify(
        line({ tags: { workload: 'Training-nightly' } }),
        'other',
      ),
    ).toEqual({ category: 'training', inferences: false });
    expect(
      configured.classify(
        line({
          service: 'Amazon API Gateway',
          chargeType: 'Usage',
          usageUnit: 'Requests',
        }),
        'other',
      ),
    ).toEqual({ category: 'inference', inferences: true });
    expect(
      configured.classify(line({ usageType: 'EBS:VolumeUsage.gp3' }), 'other')
        .category,
    ).toBe('storage');
    // Configured rules replace the shipped ones.
    expect(
      configured.classify(line({ usageType: 'USE1-Train:x' }), 'other')
        .category,
    ).toBe('other');
  });

  it('uses the shipped rules and counts usage in inferences by default', () => {
    const settings = mapping({});
    expect(settings.categories).toBe(DEFAULT_CATEGORY_RULES);
    expect(settings.entityTags.map(rule => rule.key)).toEqual([
      'modelops.dev/entity',
      'modelops-entity',
    ]);
    expect(
      shipped.classify(line({ usageUnit: 'inferences' }), 'other').inferences,
    ).toBe(true);
  });

  it('refuses rules that cannot work, naming the key', () => {
    expect(() =>
      mapping({ categories: [{ category: 'gpu', service: 'x' }] }),
    ).toThrow(
      "modelops.cost.mapping.categories.0.category: must be one of training, inference, storage, data, other, credit, got 'gpu'",
    );
    expect(() => mapping({ categories: [{ category: 'data' }] })).toThrow(
      'modelops.cost.mapping.categories.0: expected at least one of',
    );
    expect(() =>
      mapping({ entityTags: [{ key: 'app', match: 'exact' }] }),
    ).toThrow(
      'modelops.cost.mapping.entityTags.0.match: must be one of any, ref, encoded, name',
    );
    expect(() => mapping({ inferences: [{ unit: [] }] })).toThrow(
      'modelops.cost.mapping.inferences.0.unit: expected a pattern or a non-empty list of patterns',
    );
  });
});
