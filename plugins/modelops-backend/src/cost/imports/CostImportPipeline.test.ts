import { gzipSync } from 'node:zlib';
import {
  CHURN,
  columnSum,
  FRAUD,
  fixturePipeline,
  RANKER,
  toCents,
} from './__testUtils__/importFixtures';

const EUR_RATE = { exchangeRates: { EUR: 1.1 } };

// Reported amounts are micros as numbers; sums of them compare to the cent.
function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

function spendOf(
  report: {
    mapped: {
      byEntity: Array<{ entityRef: string; category: string; amount: number }>;
    };
  },
  entityRef: string,
) {
  return Object.fromEntries(
    report.mapped.byEntity
      .filter(spend => spend.entityRef === entityRef)
      .map(spend => [spend.category, cents(spend.amount)]),
  );
}

describe('CostImportPipeline', () => {
  describe('FOCUS', () => {
    const config = {
      ...EUR_RATE,
      mapping: {
        categories: [
          { category: 'inference', service: 'Amazon API Gateway' },
          // The shipped rules after the adopter's own.
          { category: 'training', any: '*train*' },
          { category: 'inference', any: ['*host:*', '*inference*'] },
          { category: 'storage', any: '*storage*' },
        ],
        inferences: [{ service: 'Amazon API Gateway', unit: 'Requests' }],
      },
    };

    it('reads FOCUS 1.2 with a BOM, CRLF and quoted newlines, EffectiveCost by default', async () => {
      const { report, records, days } = await fixturePipeline(config).read(
        'focus-1.2.csv',
      );
      expect(report.format).toEqual({
        id: 'focus',
        title: 'FOCUS',
        version: 'FOCUS 1.2',
      });
      expect(report.amount).toEqual({
        measure: 'effective',
        column: 'EffectiveCost',
      });
      expect(report.rows).toEqual({
        read: 14,
        mapped: 9,
        unmapped: 5,
        rejected: 0,
        skipped: 0,
      });
      expect(spendOf(report, FRAUD)).toEqual({
        training: 30.6,
        // 12.345678912 + 4.5 (committed, billed 0) + 11 (10 EUR at 1.1)
        // + 0.42 of requests
        inference: 28.27,
        // A credit and a refund booked as a correction.
        credit: -7.25,
      });
      expect(spendOf(report, RANKER)).toEqual({ storage: 10, inference: 7 });
      const requests = report.mapped.byEntity.find(
        spend => spend.entityRef === FRAUD && spend.category === 'inference',
      );
      expect(requests?.inferences).toBe(120_000);
      expect(requests?.owner).toBe('group:default/risk-ml');

      // Mapped plus unmapped is the sum of the file's EffectiveCost column,
      // the euro row converted, to the cent.
      const fileSum = columnSum('focus-1.2.csv', 'EffectiveCost', row =>
        row.BillingCurrency === 'EUR' ? 11n : 10n,
      );
      expect(cents(report.mapped.total + report.unmapped.total)).toBe(
        toCents(fileSum / 10n),
      );
      // Reported to the micro, the unit records are kept in.
      expect(report.total).toBe(75.415679);

      // The storage line from noon to noon is split over two days, the
      // monthly tax over the 31 days of October.
      const storage = records.filter(
        record => record.entityRef === RANKER && record.category === 'storage',
      );
      expect(
        storage.map(record => [record.day, Number(record.amountMicros)]),
      ).toEqual([
        ['2026-10-01', 5_000_000],
        ['2026-10-02', 5_000_000],
      ]);
      expect(days).toHaveLength(31);
      const stored = records.reduce(
        (sum, record) => sum + record.amountMicros,
        0n,
      );
      expect(cents(Number(stored) / 1e6)).toBe(cents(report.total));
      // The euro line keeps its original amount beside the converted one.
      expect(
        records.find(record => record.originalCurrency === 'EUR'),
      ).toMatchObject({
        day: '2026-10-03',
        amountMicros: 11_000_000n,
        originalAmountMicros: 10_000_000n,
      });
    });

    it('groups unmapped spend by tag value, naming unknown entities', async () => {
      const { report } = await fixturePipeline(config).read('focus-1.2.csv');
      expect(
        report.unmapped.byTagValue.map(group => [
          group.tagKey,
          group.tagValue,
          cents(group.amount),
          group.rows,
        ]),
      ).toEqual([
        ['modelops.dev/entity', 'Fraud Détecteur ✓', 3.3, 1],
        [undefined, undefined, 2.5, 3],
        ['modelops.dev/entity', 'mlmodel:default/retired-model', 1, 1],
      ]);
      expect(report.unknownEntities).toEqual(['mlmodel:default/retired-model']);
      expect(report.unmapped.byTagValue[2]).toMatchObject({
        entityRef: 'unmapped:default/mlmodel-default-retired-model',
        unknownEntityRef: 'mlmodel:default/retired-model',
        firstRows: [11],
      });
      expect(report.unmapped.total).toBe(6.8);
    });

    it('counts the upfront purchase when the billed cost is configured', async () => {
      const { report } = await fixturePipeline(config).read('focus-1.2.csv', {
        amount: 'billed',
      });
      expect(report.amount.column).toBe('BilledCost');
      // The purchase counts 1000 on its day; the committed usage 0.
      expect(cents(report.unmapped.total)).toBe(1006.8);
      expect(spendOf(report, FRAUD).inference).toBe(23.77);
    });

    it('rejects another currency without a rate, naming row and column', async () => {
      const { report } = await fixturePipeline({
        mapping: config.mapping,
      }).read('focus-1.2.csv');
      expect(report.rows.rejected).toBe(1);
      expect(report.rejected).toEqual([
        {
          row: 15,
          column: 'BillingCurrency',
          reason: "expected USD (modelops.cost.currency), got 'EUR'",
        },
      ]);
    });

    it.each([
      ['focus-1.0.csv', 'FOCUS 1.0'],
      ['focus-1.1.csv', 'FOCUS 1.1'],
    ])('reads the column set of %s', async (file, version) => {
      const { report } = await fixturePipeline().read(file);
      expect(report.format.version).toBe(version);
      // Encoded ref in `modelops-entity`, and a bare name.
      expect(spendOf(report, FRAUD)).toEqual({ training: 8 });
      expect(spendOf(report, RANKER)).toEqual({ storage: 1.5 });
    });
  });

  describe('AWS CUR', () => {
    it('reads per-tag columns and amortises commitments by default', async () => {
      const { report } = await fixturePipeline().read('aws-cur-legacy.csv');
      expect(report.format.version).toBe('CUR (legacy)');
      expect(report.amount.measure).toBe('amortized');
      expect(report.rows).toMatchObject({ read: 18, rejected: 0 });
      expect(spendOf(report, FRAUD)).toEqual({
        training: 30.6,
        inference: 7.26,
        data: 1.11,
        credit: -12,
      });
      // Savings Plan and reservation usage at their effective cost, the
      // negation at nothing; the S3 line by its encoded ref.
      expect(spendOf(report, RANKER)).toEqual({
        inference: 1.32,
        storage: 0.02,
        credit: 0,
      });
      // Claimed through spec.cost.tags: team=growth.
      expect(spendOf(report, CHURN)).toEqual({ other: 9.99 });
      // Upfront fees count nothing amortised; unused commitment does.
      expect(cents(report.unmapped.total)).toBe(49.86);
      expect(cents(report.total)).toBe(88.16);
      expect(
        report.unmapped.byTagValue.find(
          group => group.tagValue === 'legacy-batch-scorer',
        ),
      ).toMatchObject({
        tagKey: 'modelops.dev/entity',
        amount: 6.66,
        firstRows: [15],
      });
    });

    it('sums lineItem/UnblendedCost to the cent when configured', async () => {
      const { report } = await fixturePipeline().read('aws-cur-legacy.csv', {
        amount: 'unblended',
      });
      expect(report.amount.column).toBe('lineItem/UnblendedCost');
      expect(cents(report.mapped.total + report.unmapped.total)).toBe(
        toCents(columnSum('aws-cur-legacy.csv', 'lineItem/UnblendedCost')),
      );
      // The negation is a credit line under the unblended cost.
      expect(spendOf(report, RANKER).credit).toBe(-1);
    });

    it('reads CUR 2.0 names and the resource_tags map', async () => {
      const { report } = await fixturePipeline().read('aws-cur2.csv');
      expect(report.format).toMatchObject({
        id: 'aws-cur',
        version: 'CUR 2.0',
      });
      expect(spendOf(report, FRAUD)).toEqual({
        training: 30.6,
        inference: 0.62,
        credit: 0,
      });
      expect(spendOf(report, RANKER)).toEqual({ inference: 2.76 });
      expect(cents(report.unmapped.total)).toBe(-0.5);
    });
  });

  it('reads a Google Cloud export with labels and credits as JSON', async () => {
    const { report } = await fixturePipeline().read('gcp-billing.csv');
    expect(report.format.id).toBe('gcp-billing');
    expect(spendOf(report, FRAUD)).toEqual({ training: 20.5, credit: -1.5 });
    // By the resource label, then by the project's label.
    expect(spendOf(report, RANKER)).toEqual({ inference: 3.75, storage: 0.52 });
    expect(report.unmapped.byTagValue.map(group => group.tagValue)).toEqual([
      'équipe-données',
      undefined,
    ]);
    expect(cents(report.total)).toBe(25.67);
  });

  it('reads Azure EA cost details: US dates, tags without braces', async () => {
    const { report, days } = await fixturePipeline().read('azure-cost-ea.csv');
    expect(report.format.id).toBe('azure-cost');
    expect(days).toEqual(['2026-10-01', '2026-10-02']);
    expect(spendOf(report, FRAUD)).toEqual({ training: 14.4 });
    expect(spendOf(report, RANKER)).toEqual({ inference: 3.3, storage: 0.75 });
    expect(cents(report.unmapped.total)).toBe(119.5);
  });

  it('reads Azure MCA cost details in camelCase, converting euros', async () => {
    const { report } = await fixturePipeline(EUR_RATE).read(
      'azure-cost-mca.csv',
    );
    expect(spendOf(report, FRAUD)).toEqual({ inference: 5.5 });
    expect(report.unmapped.total).toBe(0.22);
  });

  it('reads the simple CSV with the configured columns', async () => {
    const { report, records } = await fixturePipeline({
      csv: { usageColumn: 'usage', categoryColumn: 'category' },
    }).read('simple.csv');
    expect(report.format.id).toBe('modelops-csv');
    expect(spendOf(report, FRAUD)).toEqual({ inference: 2, credit: -1 });
    expect(
      records.find(record => record.category === 'inference'),
    ).toMatchObject({ usageQuantity: 1500, usageUnit: 'inferences' });
    // An unknown category keeps the default one.
    expect(report.unmapped.byTagValue).toMatchObject([
      {
        tagValue: undefined,
        amount: 2,
        entityRef: 'unmapped:default/untagged',
      },
    ]);
  });

  it('reads gzip files as they are uploaded', async () => {
    const { report } = await fixturePipeline().read('aws-cur2.csv', {
      gzip: true,
    });
    expect(report.rows.read).toBe(6);
  });

  it('rejects rows by the rules of the records API, and reads on', async () => {
    const { report } = await fixturePipeline().read({
      text: [
        'date,cost,currency,tags',
        '2026-10-01,-4.50,USD,modelops-entity=fraud-detector',
        '2026-10-01,Infinity,USD,',
        '2026-10-01,1e400,USD,',
        '2026-10-01,20000000,USD,',
        '2026-13-45,1,USD,',
        '2026-10-01,1,dollars,',
        '2026-10-01,1,USD,team=a,b',
        '2026-10-02,3,USD,modelops-entity=fraud-detector',
      ].join('\n'),
    });
    expect(report.rejected).toEqual([
      {
        row: 2,
        column: 'cost',
        reason: 'must be zero or more unless the category is credit, got -4.5',
      },
      { row: 3, column: 'cost', reason: "expected a number, got 'Infinity'" },
      { row: 4, column: 'cost', reason: "expected a number, got '1e400'" },
      {
        row: 5,
        column: 'cost',
        reason:
          'must be within ±10000000 USD (modelops.cost.maxRecordAmount), got 20000000',
      },
      {
        row: 6,
        column: 'date',
        reason: "expected an ISO 8601 date or date-time, got '2026-13-45'",
      },
      {
        row: 7,
        column: 'currency',
        reason: "expected an ISO 4217 code such as USD, got 'dollars'",
      },
      {
        row: 8,
        reason:
          'has 5 cells, the header row 4: a field holding a comma or a quote is not quoted',
      },
    ]);
    expect(report.rows).toMatchObject({ read: 8, rejected: 7, mapped: 1 });
    expect(report.total).toBe(3);
  });

  it('rejects the rows of sums beyond the record bound', async () => {
    const tags = 'modelops-entity=fraud-detector';
    const { report, records } = await fixturePipeline().read({
      text: `date,cost,tags\n2026-10-01,6000000,${tags}\n2026-10-01,6000000,${tags}\n`,
    });
    expect(records).toEqual([]);
    expect(report.rejected[0]).toMatchObject({
      row: 2,
      reason: expect.stringContaining(
        `the rows from 2 summed for 2026-10-01, ${FRAUD}, other: must be within ±10000000 USD`,
      ),
    });
  });

  it('skips the repeated headers of joined files', async () => {
    const part =
      'date,cost,tags\n2026-10-01,1,modelops-entity=fraud-detector\n';
    const { report } = await fixturePipeline().read({ text: part + part });
    expect(report.rows).toMatchObject({ read: 3, skipped: 1, mapped: 2 });
    expect(report.total).toBe(2);
  });

  it('reads the gzip parts of one export joined as one upload', async () => {
    // The upload card joins parts as `cat` does: one gzip member after
    // another, each with its header and, from AWS, its byte order mark.
    const part = (day: string) =>
      gzipSync(
        `\uFEFFdate,cost,tags\n${day},1.25,modelops-entity=fraud-detector\n`,
      );
    const { report } = await fixturePipeline().read(
      { bytes: Buffer.concat([part('2026-10-01'), part('2026-10-02')]) },
      { gzip: true },
    );
    expect(report.rows).toMatchObject({ read: 3, skipped: 1, mapped: 2 });
    expect(report.days).toEqual({
      from: '2026-10-01',
      to: '2026-10-02',
      count: 2,
    });
    expect(report.total).toBe(2.5);
  });

  it.each([
    ['', 'body: expected a CSV file with a header row'],
    ['date,cost,tags\n', 'body: the file has a header row but no data rows'],
    [
      'a,b,c\n1,2,3\n',
      'body: the header row fits none of the billing export formats',
    ],
    ['date,cost\n"2026-10-01,1\n', 'body: not a valid CSV file'],
    ['date,cost\n2026-10-01,1\u0000\n', 'body: the file holds NUL bytes'],
  ])(
    'refuses a file that is not a billing export: %j',
    async (text, message) => {
      await expect(fixturePipeline().read({ text })).rejects.toThrow(message);
    },
  );

  it('names the missing columns of an explicitly chosen format', async () => {
    await expect(
      fixturePipeline().read('simple.csv', { format: 'focus' }),
    ).rejects.toThrow(
      'body: FOCUS needs the column(s) ChargePeriodStart, ChargePeriodEnd, BilledCost, BillingCurrency, ChargeCategory',
    );
    await expect(
      fixturePipeline().read('simple.csv', { format: 'xml' }),
    ).rejects.toThrow("format: unknown format 'xml'");
  });
});
