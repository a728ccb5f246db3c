import type { CostEntity } from './CostCatalog';
import { readCostSettings } from './CostConfig';
import { CostEntityResolver, parseTags } from './CostEntityResolver';
import { CostRecordPolicy } from './CostRecordPolicy';
import { CsvCostImporter } from './CsvCostImporter';
import { ConfigReader } from '@backstage/config';

const entities: CostEntity[] = [
  {
    entityRef: 'mlmodel:default/eta-predictor',
    kind: 'mlmodel',
    name: 'eta-predictor',
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

describe('parseTags', () => {
  it('reads the tag formats of AWS, GCP and Azure exports', () => {
    expect(parseTags('{"team":"search","env":"prod"}')).toEqual({
      team: 'search',
      env: 'prod',
    });
    expect(
      parseTags('[{"key":"modelops.dev/entity","value":"eta-predictor"}]'),
    ).toEqual({
      'modelops.dev/entity': 'eta-predictor',
    });
    expect(
      parseTags(
        'modelops.dev/entity=mlmodel:default/eta-predictor; team = search',
      ),
    ).toEqual({
      'modelops.dev/entity': 'mlmodel:default/eta-predictor',
      team: 'search',
    });
    expect(parseTags('')).toEqual({});
  });
});

describe('CostEntityResolver', () => {
  const resolver = CostEntityResolver.create({
    entities,
    tagKey: 'modelops.dev/entity',
  });

  it('resolves full refs, bare names and spec.cost.tags claims', () => {
    expect(
      resolver.resolve({
        'modelops.dev/entity': 'MLModel:default/eta-predictor',
      }),
    ).toBe('mlmodel:default/eta-predictor');
    expect(resolver.resolve({ 'modelops.dev/entity': 'eta-predictor' })).toBe(
      'mlmodel:default/eta-predictor',
    );
    // A model and a dataset share the name: the model wins.
    expect(resolver.resolve({ 'modelops.dev/entity': 'search-ranker' })).toBe(
      'mlmodel:default/search-ranker',
    );
    expect(
      resolver.resolve({ team: 'search', app: 'ranker', env: 'prod' }),
    ).toBe('mlmodel:default/search-ranker');
    expect(resolver.resolve({ team: 'search' })).toBeUndefined();
    expect(
      resolver.resolve({ 'modelops.dev/entity': 'gone-model' }),
    ).toBeUndefined();
  });
});

describe('CsvCostImporter', () => {
  const settings = readCostSettings(
    new ConfigReader({
      modelops: {
        cost: {
          csv: {
            dateColumn: 'usage_start_time',
            amountColumn: 'cost',
            currencyColumn: 'currency',
            usageColumn: 'usage_amount',
            usageUnit: 'inferences',
            categoryColumn: 'category',
            tagsColumn: 'labels',
          },
        },
      },
    }),
  );
  const importer = CsvCostImporter.create({
    mapping: settings.csv,
    policy: CostRecordPolicy.fromSettings(settings),
  });
  const resolver = CostEntityResolver.create({
    entities,
    tagKey: 'modelops.dev/entity',
  });

  it('maps columns, sums line items per day, entity and category, and keeps unmapped spend', () => {
    const csv = [
      'usage_start_time,cost,currency,usage_amount,category,labels',
      '2026-11-01T00:00:00Z,1.25,USD,1000,inference,"[{""key"":""modelops.dev/entity"",""value"":""eta-predictor""}]"',
      '2026-11-01T06:00:00Z,0.75,USD,500,inference,"[{""key"":""modelops.dev/entity"",""value"":""eta-predictor""}]"',
      '2026-11-01,3,usd,,gpu,"{""team"":""search"",""app"":""ranker""}"',
      '2026-11-01,9.5,USD,,storage,"{""modelops.dev/entity"":""old-model""}"',
      '2026-11-02,2,USD,,storage,',
    ].join('\n');
    const { records, report } = importer.read(csv, resolver);
    expect(records).toEqual([
      expect.objectContaining({
        entityRef: 'mlmodel:default/eta-predictor',
        day: '2026-11-01',
        category: 'inference',
        amountMicros: 2_000_000n,
        usageQuantity: 1500,
        usageUnit: 'inferences',
      }),
      expect.objectContaining({
        entityRef: 'mlmodel:default/search-ranker',
        category: 'other',
        amountMicros: 3_000_000n,
        usageQuantity: undefined,
      }),
      expect.objectContaining({
        entityRef: 'unmapped:default/old-model',
        category: 'storage',
        amountMicros: 9_500_000n,
      }),
      expect.objectContaining({
        entityRef: 'unmapped:default/untagged',
        day: '2026-11-02',
        amountMicros: 2_000_000n,
      }),
    ]);
    expect(report).toEqual({
      source: 'csv',
      rows: 5,
      mappedRows: 3,
      unmapped: {
        rowCount: 2,
        rows: [
          { line: 5, tagValue: 'old-model', amount: 9.5 },
          { line: 6, tagValue: undefined, amount: 2 },
        ],
        total: 11.5,
        currency: 'USD',
      },
    });
  });

  it('rejects the whole export naming each bad line and column', () => {
    const csv = [
      'usage_start_time,cost,currency,usage_amount,category,labels',
      '2026-11-01,1,USD,10,inference,',
      'yesterday,abc,EUR,ten,inference,',
    ].join('\n');
    expect(() => importer.read(csv, resolver)).toThrow(
      "csv: nothing imported: line 3 usage_start_time: expected a day YYYY-MM-DD, got 'yesterday'; line 3 cost: expected a number, got 'abc'; line 3 currency: expected USD (modelops.cost.currency), got 'EUR'; line 3 usage_amount: expected a number, got 'ten'",
    );
    expect(() => importer.read('date,amount\n2026-11-01,1', resolver)).toThrow(
      'csv: missing column(s) usage_start_time, cost, labels',
    );
  });
});
