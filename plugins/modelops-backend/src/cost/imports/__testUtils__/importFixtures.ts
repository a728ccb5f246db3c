/*
 * importFixtures: the catalog the import fixtures are tagged for, and a
 * pipeline built from config the way the cost router builds it, reading the
 * files of `__fixtures__`.
 */
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { CostEntity } from '../../CostCatalog';
import { readCostSettings } from '../../CostConfig';
import { CostEntityResolver } from '../../CostEntityResolver';
import { CostCategorizer } from '../../CostMapping';
import { CostRecordPolicy } from '../../CostRecordPolicy';
import { CostImportPipeline } from '../CostImportPipeline';
import { shippedCostFormats } from '../shippedCostFormats';

export const FRAUD = 'mlmodel:default/fraud-detector';
export const RANKER = 'mlmodel:default/search-ranker';
export const CHURN = 'mlmodel:default/churn-predictor';

/** The entities the fixtures' tags name (or claim through spec.cost.tags). */
export const FIXTURE_ENTITIES: CostEntity[] = [
  {
    entityRef: FRAUD,
    kind: 'mlmodel',
    name: 'fraud-detector',
    owner: 'group:default/risk-ml',
    costTags: {},
  },
  {
    entityRef: RANKER,
    kind: 'mlmodel',
    name: 'search-ranker',
    owner: 'group:default/search',
    costTags: {},
  },
  {
    entityRef: CHURN,
    kind: 'mlmodel',
    name: 'churn-predictor',
    owner: 'group:default/growth',
    costTags: { team: 'growth' },
  },
  {
    entityRef: 'dataset:default/transactions',
    kind: 'dataset',
    name: 'transactions',
    owner: 'group:default/risk-ml',
    costTags: {},
  },
];

/** Path of a fixture file. */
export function fixturePath(name: string): string {
  return path.join(__dirname, '..', '__fixtures__', name);
}

/** A fixture's bytes, gzip-compressed when asked. */
export function fixtureBytes(name: string, gzip = false): Buffer {
  const bytes = fs.readFileSync(fixturePath(name));
  return gzip ? gzipSync(bytes) : bytes;
}

/**
 * The sum of one column of a fixture, in integer billionths, computed apart
 * from the importer's own decimal code: the figure a spreadsheet shows.
 */
export function columnSum(
  name: string,
  column: string,
  scale: (row: Record<string, string>) => bigint = () => 1n,
): bigint {
  const rows: Array<Record<string, string>> = parse(
    fs.readFileSync(fixturePath(name)),
    { columns: true, bom: true },
  );
  let sum = 0n;
  for (const row of rows) {
    const [whole, fraction = ''] = row[column].split('.');
    const negative = whole.startsWith('-');
    const nanos =
      BigInt(whole.replace('-', '') || '0') * 1_000_000_000n +
      BigInt(fraction.padEnd(9, '0').slice(0, 9));
    sum += (negative ? -nanos : nanos) * scale(row);
  }
  return sum;
}

/** Billionths as an amount rounded to the cent. */
export function toCents(nanos: bigint): number {
  return Math.round(Number(nanos) / 10_000_000) / 100;
}

/** A pipeline and resolver built from `modelops.cost` config. */
export function fixturePipeline(cost: JsonObject = {}) {
  const settings = readCostSettings(new ConfigReader({ modelops: { cost } }));
  const policy = CostRecordPolicy.fromSettings(settings);
  const pipeline = CostImportPipeline.create({
    formats: shippedCostFormats(settings.csv),
    categorizer: CostCategorizer.create(settings.mapping),
    policy,
    versionTag: settings.mapping.versionTag,
    maxSpreadDays: settings.imports.maxSpreadDays,
  });
  const resolver = CostEntityResolver.create({
    entities: FIXTURE_ENTITIES,
    rules: settings.mapping.entityTags,
  });
  return {
    settings,
    pipeline,
    resolver,
    /** Reads a fixture (or text) into records and a report. */
    read(
      file: string | { text: string } | { bytes: Buffer },
      options: { format?: string; amount?: string; gzip?: boolean } = {},
    ) {
      let bytes: Buffer;
      if (typeof file === 'string') bytes = fixtureBytes(file, options.gzip);
      else if ('text' in file) bytes = Buffer.from(file.text);
      else bytes = file.bytes;
      return pipeline.read(
        { stream: Readable.from([bytes]), gzip: options.gzip ?? false },
        {
          format: options.format,
          resolver,
          source: format => ({
            name: format.id,
            amount: options.amount,
            defaultCategory: 'other',
          }),
        },
      );
    },
  };
}
