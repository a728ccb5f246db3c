import {
  columnMappedCostFormat,
  type ColumnMappedCostFormatDefinition,
  parseCostTags,
} from './costFormats';
import { modelopsCostFormatsExtensionPoint } from './extensions';

const definition: ColumnMappedCostFormatDefinition = {
  id: 'warehouse',
  title: 'Warehouse usage',
  required: ['usage_day', ['credits_used', 'CreditsUsed']],
  distinctive: ['warehouse_name'],
  versions: [
    { version: 'Warehouse v2', anyOf: ['query_tag'] },
    { version: 'Warehouse v1', anyOf: [] },
  ],
  fields: {
    start: 'usage_day',
    currency: 'currency',
    service: 'warehouse_name',
    usageQuantity: 'queries',
  },
  amounts: {
    billed: {
      description: 'credits_used',
      column: ['credits_used', 'CreditsUsed'],
    },
    net: {
      description: 'credits used less refunds',
      columns: ['credits_used', 'refund'],
      value: row =>
        row.get('refund') ? `-${row.get('refund')}` : row.get('credits_used'),
    },
  },
  defaultAmount: 'billed',
  tags: [{ column: 'tags' }, { prefix: 'tag:' }],
  credit: (_, amount) => amount.startsWith('-'),
  creditsColumn: 'adjustments',
  monthFirstDates: true,
  defaultUsageUnit: 'queries',
  skip: row => row.get('warehouse_name') === 'TOTAL',
};

describe('columnMappedCostFormat', () => {
  const format = columnMappedCostFormat(definition);
  const header = [
    'usage_day',
    'CREDITS_USED',
    'warehouse_name',
    'queries',
    'tags',
    'tag:team',
    'adjustments',
    'refund',
  ];

  it('matches headers that hold its required columns, higher with distinctive ones', () => {
    expect(format.match(['usage_day', 'CreditsUsed'])).toBe(2);
    expect(format.match(header)).toBe(4);
    expect(format.match(['usage_day'])).toBe(0);
    expect(format.amounts).toEqual({
      billed: 'credits_used',
      net: 'credits used less refunds',
    });
  });

  it('reads rows by column name without regard to case', () => {
    const reader = format.createReader(header);
    expect(reader.version).toBe('Warehouse v1');
    expect(reader.amount).toEqual({
      measure: 'billed',
      column: 'CREDITS_USED',
    });
    expect(reader.columnOf('start')).toBe('usage_day');
    expect(reader.columnOf('currency')).toBeUndefined();
    const [item, credit] = reader.read([
      '10/01/2026',
      ' 12.5 ',
      'ETL',
      '40',
      '{"env": "prod"}',
      'data eng',
      '[{"name": "promo", "amount": -2.5}]',
      '',
    ]);
    expect(item).toEqual({
      start: '2026-10-01',
      amount: '12.5',
      service: 'ETL',
      usageQuantity: '40',
      usageUnit: 'queries',
      tags: { env: 'prod', team: 'data eng' },
    });
    // Each credit of the row is a credit line of its own.
    expect(credit).toMatchObject({
      amount: '-2.5',
      credit: true,
      service: 'ETL',
    });
    expect(credit.usageQuantity).toBeUndefined();
    expect(
      reader.read(['10/01/2026', '1', 'TOTAL', '', '', '', '', '']),
    ).toEqual([]);
  });

  it('computes rule-based measures and tells versions apart', () => {
    const reader = format.createReader([...header, 'query_tag'], {
      amount: 'net',
    });
    expect(reader.version).toBe('Warehouse v2');
    expect(reader.amount).toEqual({ measure: 'net', column: 'net' });
    const [item] = reader.read([
      '2026-10-02',
      '3',
      'BI',
      '',
      '',
      '',
      '',
      '1.25',
      '',
    ]);
    expect(item).toMatchObject({
      start: '2026-10-02',
      amount: '-1.25',
      credit: true,
    });
  });

  it('names missing columns and unknown measures', () => {
    expect(() => format.createReader(['usage_day', 'queries'])).toThrow(
      'Warehouse usage needs the column(s) credits_used or CreditsUsed; the header has usage_day, queries',
    );
    expect(() => format.createReader(header, { amount: 'list' })).toThrow(
      "amount: Warehouse usage has no cost measure 'list'; use one of billed, net",
    );
  });
});

describe('parseCostTags', () => {
  it('shares one frozen object per distinct cell', () => {
    const first = parseCostTags('{"team":"ml"}');
    expect(parseCostTags('{"team":"ml"}')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe('modelopsCostFormatsExtensionPoint', () => {
  it('has the id modules use', () => {
    expect(modelopsCostFormatsExtensionPoint.id).toBe('modelops.cost-formats');
  });
});
