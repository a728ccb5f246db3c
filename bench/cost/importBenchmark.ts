/*
 * Billing file import benchmark.
 *
 * Generates a CUR-shaped file (legacy column names, one column per tag) and
 * a FOCUS 1.2 file of COST_IMPORT_BENCH_MB megabytes each, hourly line items
 * over a month and COST_IMPORT_BENCH_ENTITIES models (tag values as full
 * refs, bare names and refs encoded for labels; a tenth untagged, a few
 * naming no entity), then imports each through the import pipeline and the
 * store's replacement of the source's days (what POST /cost/imports runs,
 * without HTTP), into a SQLite file database. In the same run it measures a
 * raw better-sqlite3 prepared insert of as many rows as the file holds into
 * the records table without its triggers: the ceiling of storing each line
 * as it comes. Each measurement runs in a child process of its own, so its
 * peak resident memory is its own.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/cost/importBenchmark.ts
 *   COST_IMPORT_BENCH_MB=1024 node --require @backstage/cli/config/nodeTransform.cjs bench/cost/importBenchmark.ts
 * Options (environment): COST_IMPORT_BENCH_MB (default 64),
 * COST_IMPORT_BENCH_ENTITIES (default 500).
 */
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import type { CostEntity } from '../../plugins/modelops-backend/src/cost/CostCatalog';
import { readCostSettings } from '../../plugins/modelops-backend/src/cost/CostConfig';
import { CostEntityResolver } from '../../plugins/modelops-backend/src/cost/CostEntityResolver';
import { CostCategorizer } from '../../plugins/modelops-backend/src/cost/CostMapping';
import { CostRecordPolicy } from '../../plugins/modelops-backend/src/cost/CostRecordPolicy';
import { DatabaseCostStore } from '../../plugins/modelops-backend/src/cost/DatabaseCostStore';
import { CostImportPipeline } from '../../plugins/modelops-backend/src/cost/imports/CostImportPipeline';
import { shippedCostFormats } from '../../plugins/modelops-backend/src/cost/imports/shippedCostFormats';

const MEGABYTES = Number(process.env.COST_IMPORT_BENCH_MB ?? 64);
const ENTITIES = Number(process.env.COST_IMPORT_BENCH_ENTITIES ?? 500);
const MONTH = '2026-10';
const DAYS = 31;
const migrations = path.resolve(
  __dirname,
  '../../plugins/modelops-backend/migrations',
);

const USAGE_TYPES = [
  ['USE1-Train:ml.p3.2xlarge', 'Amazon SageMaker'],
  ['USE1-Host:ml.m5.large', 'Amazon SageMaker'],
  ['TimedStorage-ByteHrs', 'Amazon Simple Storage Service'],
  ['USE1-DataTransfer-Out-Bytes', 'Amazon Simple Storage Service'],
  ['USE1-BoxUsage:m5.large', 'Amazon Elastic Compute Cloud'],
];

/** What one generated row needs. */
interface Line {
  i: number;
  start: string;
  end: string;
  amount: string;
  type: string;
  usageType: string;
  service: string;
  tag: string;
}

function line(i: number): Line {
  const day = 1 + (i % DAYS);
  const hour = Math.floor(i / DAYS) % 24;
  const e = (i * 7919) % ENTITIES;
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = `${MONTH}-${pad(day)}T${pad(hour)}:00:00Z`;
  const end =
    hour === 23
      ? `${MONTH}-${pad(day)}T23:59:59Z`
      : `${MONTH}-${pad(day)}T${pad(hour + 1)}:00:00Z`;
  const credit = i % 50 === 49;
  const cents = (i * 37) % 99_991;
  const amount = `${credit ? '-' : ''}${Math.floor(cents / 1000)}.${String(
    cents % 1000,
  ).padStart(3, '0')}0416667`;
  const kind = i % 30;
  let tag: string;
  if (kind < 3) tag = '';
  else if (kind === 3) tag = `legacy-job-${e}`;
  else if (kind % 3 === 0) tag = `mlmodel:default/model-${e}`;
  else if (kind % 3 === 1) tag = `model-${e}`;
  else tag = `mlmodel.default.model-${e}`;
  const [usageType, service] = USAGE_TYPES[i % USAGE_TYPES.length];
  return {
    i,
    start,
    end,
    amount,
    type: credit ? 'Credit' : 'Usage',
    usageType,
    service,
    tag,
  };
}

const CUR_HEADER = [
  'identity/LineItemId',
  'identity/TimeInterval',
  'bill/InvoiceId',
  'bill/BillingEntity',
  'bill/BillType',
  'bill/PayerAccountId',
  'bill/BillingPeriodStartDate',
  'bill/BillingPeriodEndDate',
  'lineItem/UsageAccountId',
  'lineItem/LineItemType',
  'lineItem/UsageStartDate',
  'lineItem/UsageEndDate',
  'lineItem/ProductCode',
  'lineItem/UsageType',
  'lineItem/Operation',
  'lineItem/AvailabilityZone',
  'lineItem/ResourceId',
  'lineItem/UsageAmount',
  'lineItem/CurrencyCode',
  'lineItem/UnblendedRate',
  'lineItem/UnblendedCost',
  'lineItem/BlendedRate',
  'lineItem/BlendedCost',
  'lineItem/LineItemDescription',
  'product/ProductName',
  'product/region',
  'product/sku',
  'pricing/unit',
  'reservation/EffectiveCost',
  'reservation/ReservationARN',
  'savingsPlan/SavingsPlanEffectiveCost',
  'resourceTags/user:modelops.dev/entity',
  'resourceTags/user:team',
  'resourceTags/user:Cost Center',
];

function curRow(l: Line): string {
  return [
    `li-${l.i.toString(36)}-7f3a9c`,
    `${l.start}/${l.end}`,
    '2026100001',
    'AWS',
    'Anniversary',
    '111122223333',
    `${MONTH}-01T00:00:00Z`,
    '2026-11-01T00:00:00Z',
    '444455556666',
    l.type,
    l.start,
    l.end,
    l.service.replace(/ /g, ''),
    l.usageType,
    'RunInstances',
    'us-east-1a',
    `arn:aws:sagemaker:us-east-1:444455556666:endpoint/ep-${l.i % 997}`,
    '1',
    'USD',
    l.amount,
    l.amount,
    l.amount,
    l.amount,
    `"$${l.amount} per hour, ${l.usageType}"`,
    l.service,
    'us-east-1',
    '8KGHT4ZQ6PMT3H9B',
    'Hrs',
    '',
    '',
    '',
    l.tag,
    l.i % 4 === 0 ? 'risk ml' : '',
    'CC 4711',
  ].join(',');
}

const FOCUS_HEADER = [
  'AvailabilityZone',
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingAccountType',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountStatus',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceId',
  'InvoiceIssuerName',
  'ListCost',
  'PricingCategory',
  'PricingCurrency',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SkuId',
  'SkuMeter',
  'SubAccountId',
  'SubAccountName',
  'SubAccountType',
  'Tags',
  'x_UsageType',
];

function focusRow(l: Line): string {
  const tags = l.tag
    ? `"{""modelops.dev/entity"":""${l.tag}"",""team"":""risk ml""}"`
    : '"{}"';
  return [
    'us-east-1a',
    l.amount,
    '111122223333',
    'Tidewell Payer',
    'Billing Account',
    'USD',
    '2026-11-01T00:00:00Z',
    `${MONTH}-01T00:00:00Z`,
    l.type === 'Credit' ? 'Credit' : 'Usage',
    '',
    `"$${l.amount} per hour, ${l.usageType}"`,
    'Usage-Based',
    l.end,
    l.start,
    '',
    '',
    '',
    '1',
    'Hours',
    l.amount,
    l.amount,
    'EUINUS26-0001',
    '"Amazon Web Services, Inc."',
    l.amount,
    'Standard',
    'USD',
    '1',
    'Hours',
    'AWS',
    '"Amazon Web Services, Inc."',
    'us-east-1',
    'US East (N. Virginia)',
    `arn:aws:sagemaker:us-east-1:444455556666:endpoint/ep-${l.i % 997}`,
    `ep-${l.i % 997}`,
    'Endpoint',
    'AI and Machine Learning',
    l.service,
    'Model Inference',
    '8KGHT4ZQ6PMT3H9B',
    'Hosting',
    '444455556666',
    'ml-prod',
    'Account',
    tags,
    l.usageType,
  ].join(',');
}

async function generate(
  file: string,
  header: string[],
  row: (l: Line) => string,
): Promise<{ rows: number; bytes: number }> {
  const target = MEGABYTES * 1024 * 1024;
  const out = fs.createWriteStream(file);
  let bytes = 0;
  let rows = 0;
  const write = (text: string) =>
    new Promise<void>(resolve => {
      bytes += Buffer.byteLength(text);
      if (out.write(text)) resolve();
      else out.once('drain', resolve);
    });
  await write(`${header.join(',')}\n`);
  while (bytes < target) {
    const chunk: string[] = [];
    for (let k = 0; k < 2000 && bytes < target; k++) {
      const text = `${row(line(rows))}\n`;
      chunk.push(text);
      rows += 1;
    }
    await write(chunk.join(''));
  }
  await new Promise(resolve => out.end(resolve));
  return { rows, bytes: fs.statSync(file).size };
}

function entities(): CostEntity[] {
  return Array.from({ length: ENTITIES }, (_, e) => ({
    entityRef: `mlmodel:default/model-${e}`,
    kind: 'mlmodel',
    name: `model-${e}`,
    owner: `group:default/team-${e % 25}`,
    costTags: {},
  }));
}

async function migratedDatabase(file: string) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  await knex.migrate.latest({ directory: migrations });
  return knex;
}

/** Child: imports one file the way the import job does. */
async function importFile(file: string, dbFile: string) {
  const knex = await migratedDatabase(dbFile);
  const settings = readCostSettings(new ConfigReader({}));
  const policy = CostRecordPolicy.fromSettings(settings);
  const pipeline = CostImportPipeline.create({
    formats: shippedCostFormats(settings.csv),
    categorizer: CostCategorizer.create(settings.mapping),
    policy,
    maxSpreadDays: settings.imports.maxSpreadDays,
  });
  const store = DatabaseCostStore.create({ database: knex });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const reading = await pipeline.read(
    { stream: fs.createReadStream(file), gzip: false },
    {
      resolver: CostEntityResolver.create({
        entities: entities(),
        rules: settings.mapping.entityTags,
      }),
      source: format => ({ name: format.id, defaultCategory: 'other' }),
    },
  );
  const read = performance.now();
  const written = await store.replaceSourceDays(
    reading.source.name,
    reading.days,
    reading.records,
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await knex.destroy();
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    readSeconds: (read - started) / 1000,
    rows: reading.report.rows.read,
    rejected: reading.report.rows.rejected,
    records: written,
    mapped: reading.report.mapped.total,
    unmapped: reading.report.unmapped.total,
    unmappedValues: reading.report.unmapped.count,
    format: reading.report.format.version,
  };
}

/** Child: the ceiling, one prepared insert per line, triggers dropped. */
async function rawInsert(rows: number, dbFile: string) {
  const knex = await migratedDatabase(dbFile);
  await knex.destroy();
  const db = new Database(dbFile);
  for (const event of ['insert', 'update', 'delete']) {
    db.exec(`drop trigger modelops_cost_monthly_on_${event}`);
  }
  const insert = db.prepare(
    `insert into modelops_cost_records (source, entity_ref, model_version, day, category, amount_micros, currency, usage_quantity, usage_unit)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const l = line(i);
      // A line's own key: the model version carries the line number.
      insert.run(
        'bench',
        `mlmodel:default/model-${i % ENTITIES}`,
        String(i),
        l.start.slice(0, 10),
        'inference',
        BigInt(i % 1_000_000),
        'USD',
        null,
        null,
      );
    }
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let from = 0; from < rows; from += 5000) {
    batch(from, Math.min(rows, from + 5000));
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  db.close();
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function inChild<T>(args: string[]): Promise<T & { peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, args, { stdio: 'inherit' });
    // The TypeScript loader sends messages of its own on the same channel.
    child.on('message', (message: any) => {
      if (message?.benchResult) resolve(message.benchResult);
    });
    child.once('error', reject);
    child.once('exit', code => {
      if (code !== 0) reject(new Error(`${args[0]} exited with ${code}`));
    });
  });
}

async function child(phase: string, args: string[]) {
  const result =
    phase === 'import'
      ? await importFile(args[0], args[1])
      : await rawInsert(Number(args[0]), args[1]);
  process.send!({ benchResult: { ...result, peakRssMb: peakRssMb() } });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelops-import-bench-'));
  console.log(
    `Import benchmark: ${MEGABYTES} MB per file, ${ENTITIES} entities, hourly lines over ${DAYS} days, SQLite file databases in ${dir}`,
  );
  const files = [
    {
      name: 'AWS CUR (legacy columns, per-tag columns)',
      file: path.join(dir, 'cur.csv'),
      ...(await generate(path.join(dir, 'cur.csv'), CUR_HEADER, curRow)),
    },
    {
      name: 'FOCUS 1.2',
      file: path.join(dir, 'focus.csv'),
      ...(await generate(path.join(dir, 'focus.csv'), FOCUS_HEADER, focusRow)),
    },
  ];
  const table: string[][] = [
    [
      'file',
      'rows',
      'import (CPU)',
      'rows/s',
      'MB/s',
      'peak RSS',
      'records',
      'raw insert rows/s (CPU)',
      'import / raw',
    ],
  ];
  for (const [index, entry] of files.entries()) {
    const imported = await inChild<Awaited<ReturnType<typeof importFile>>>([
      'import',
      entry.file,
      path.join(dir, `import-${index}.sqlite`),
    ]);
    const raw = await inChild<{ seconds: number; cpuSeconds: number }>([
      'raw',
      String(entry.rows),
      path.join(dir, `raw-${index}.sqlite`),
    ]);
    if (imported.rejected > 0) {
      throw new Error(`${entry.name}: ${imported.rejected} rows rejected`);
    }
    const rate = (seconds: number) => Math.round(entry.rows / seconds);
    table.push([
      entry.name,
      entry.rows.toLocaleString('en-US'),
      `${imported.seconds.toFixed(1)} s (${imported.cpuSeconds.toFixed(
        1,
      )} s), reading ${imported.readSeconds.toFixed(1)} s`,
      rate(imported.seconds).toLocaleString('en-US'),
      (entry.bytes / 1024 / 1024 / imported.seconds).toFixed(1),
      `${imported.peakRssMb} MB`,
      imported.records.toLocaleString('en-US'),
      `${rate(raw.seconds).toLocaleString('en-US')} (${raw.seconds.toFixed(
        1,
      )} s, ${raw.cpuSeconds.toFixed(1)} s CPU, peak ${raw.peakRssMb} MB)`,
      `${((raw.seconds / imported.seconds) * 100).toFixed(0)} %`,
    ]);
    console.log(
      `${entry.name}: ${imported.format}, mapped ${imported.mapped.toFixed(
        2,
      )} USD, unmapped ${imported.unmapped.toFixed(2)} USD over ${
        imported.unmappedValues
      } tag values`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const widths = table[0].map((_, c) =>
    Math.max(...table.map(row => row[c].length)),
  );
  for (const [i, row] of table.entries()) {
    console.log(
      `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`,
    );
    if (i === 0) {
      console.log(`|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`);
    }
  }
}

const [phase, ...args] = process.argv.slice(2);
(phase ? child(phase, args) : main()).catch(error => {
  console.error(error);
  process.exit(1);
});
